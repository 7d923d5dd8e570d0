/**
 * GeoReport v2 services: the case-type catalogue (案件类型) as a service list, and one type's
 * service definition with its attributes.
 */
import type { Queryable } from '../../database.ts';
import { type CaseType, findCaseType, listCaseTypes } from '../catalogue/case-types.ts';
import { type AttributeDefinition, attributesOf } from './attributes.ts';

/** One entry of `GET /services`, with the spec's element names. */
export interface ServiceEntry {
  service_code: string;
  service_name: string;
  description: string;
  /** True when the service has attributes: fetch its definition before posting. */
  metadata: boolean;
  /** realtime: a request becomes a case at once and its id is returned. */
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

/** `GET /services/{service_code}`. */
export interface ServiceDefinition {
  service_code: string;
  attributes: AttributeDefinition[];
}

/** What every service says about locations, since nothing here can geocode an address. */
export const LOCATION_NOTE =
  '请提供经纬度 lat/long（WGS-84）；本辖区不能按 address_string / address_id 定位。 ' +
  'Give lat and long (WGS-84): this jurisdiction cannot locate a request by address_string or address_id.';

/** All active case types as services, in catalogue order. */
export async function listServices(q: Queryable): Promise<ServiceEntry[]> {
  const types = await listCaseTypes(q, { includeInactive: false });
  const attributes = await attributesOf(q);
  return types.map((t) => ({
    service_code: t.code,
    service_name: t.nameZh,
    description: `${t.nameZh} ${t.nameEn}. ${LOCATION_NOTE}`,
    metadata: (attributes.get(t.code)?.length ?? 0) > 0,
    type: 'realtime',
    keywords: [
      t.nameZh,
      ...t.nameEn
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter((w) => w.length > 2),
    ].join(', '),
    group: '网格化社会治理 grid governance',
  }));
}

/** The definition of an active case type, or undefined when there is no such service. */
export async function serviceDefinition(q: Queryable, code: string): Promise<ServiceDefinition | undefined> {
  const type = await findService(q, code);
  if (!type) return undefined;
  const attributes = await attributesOf(q, [type.code]);
  return { service_code: type.code, attributes: attributes.get(type.code) ?? [] };
}

/** An active case type by code, or undefined (the catalogue module's read). */
export async function findService(q: Queryable, code: string): Promise<CaseType | undefined> {
  const type = await findCaseType(q, code);
  return type?.active ? type : undefined;
}
