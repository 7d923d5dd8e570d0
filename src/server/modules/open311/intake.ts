/**
 * `POST /requests`: an Open311 service request becomes a case through the one intake command every
 * channel uses, `cases.report()` (grid lookup, history entry, deadlines, idempotency), with the
 * source `open311` and the key's technical account as reporter. What the request carried beyond
 * the case — the client's own description, address, media, attributes, and the contact details,
 * encrypted (SPEC §2) — is kept beside it, written in the case's own transaction: both or neither.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { isPhoneNumber } from '../../platform/personal-data.ts';
import type { Vault } from '../../platform/vault/vault.ts';
import type { Actor } from '../people/actor.ts';
import {
  type AttributeDefinition,
  type AttributeValue,
  attributesOf,
  checkAttributes,
} from './attributes.ts';
import { toW3c } from './dates.ts';
import { invalidInput, open311Error } from './errors.ts';
import { FieldReader, type Fields } from './form.ts';
import type { Open311Tables } from './schema.ts';
import { findService } from './service-catalogue.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Db = Kysely<Open311Tables>;
type Tx = Transaction<Open311Tables>;

/** The part of the case service intake needs (`services.cases`). */
export interface ReportPort {
  /** `within` writes what comes with the new case in the report's own transaction (not on a replay). */
  report(
    actor: Actor,
    input: {
      description: string;
      caseType?: string;
      lng: number;
      lat: number;
      crs?: 'wgs84' | 'gcj02';
      contactPhone?: string;
      source?: 'open311';
    },
    idempotencyKey?: string,
    within?: (tx: Tx, caseId: string) => Promise<void>,
  ): Promise<{
    id: string;
    caseNo: string;
    stepDueAt: string | null;
    grid: { name: { zh: string; en: string } } | null;
  }>;
}

/** Field limits. The spec caps `description` at 4000 characters; the rest are this server's. */
export const LIMITS = {
  serviceCode: 40,
  description: 4000,
  addressString: 250,
  addressId: 100,
  coordinate: 40,
  name: 100,
  email: 254,
  phone: 30,
  deviceId: 100,
  accountId: 100,
  mediaUrl: 2000,
  attributeCodes: 50,
  attributeValue: 4000,
} as const;

/** The answer to a created request: the spec's `service_request_id`, `token`, `service_notice`. */
export interface CreatedRequest {
  service_request_id: string;
  token: string;
  service_notice: string;
}

interface ParsedRequest {
  serviceCode: string;
  lat: number;
  long: number;
  description?: string;
  addressString?: string;
  addressId?: string;
  mediaUrl?: string;
  attributes: Map<string, AttributeValue>;
  contact: Record<string, string>;
}

const COORDINATE = /^[+-]?(\d{1,3}(\.\d+)?|\.\d+)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads a coordinate within ±`bound`, or records why not. */
function coordinate(reader: FieldReader, name: string, bound: number): number | undefined {
  const text = reader.text(name, LIMITS.coordinate);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!COORDINATE.test(text) || !Number.isFinite(value) || Math.abs(value) > bound) {
    reader.problems.push(`${name} must be a decimal degree between -${bound} and ${bound} (WGS-84)`);
    return Number.NaN;
  }
  return value;
}

function mediaUrl(reader: FieldReader): string | undefined {
  const text = reader.text('media_url', LIMITS.mediaUrl);
  if (text === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    reader.problems.push('media_url must be an http or https URL');
    return undefined;
  }
  return text;
}

/** Checks the parameters of a create; throws a 400 listing every problem. */
export function parseRequestFields(fields: Fields): ParsedRequest {
  const r = new FieldReader(fields);
  const serviceCode = r.text('service_code', LIMITS.serviceCode);
  if (serviceCode === undefined && !r.problems.some((p) => p.startsWith('service_code')))
    r.problems.push('service_code was not provided');
  const lat = coordinate(r, 'lat', 90);
  const long = coordinate(r, 'long', 180);
  const addressString = r.text('address_string', LIMITS.addressString);
  const addressId = r.text('address_id', LIMITS.addressId);
  if (lat === undefined && long === undefined) {
    r.problems.push(
      addressString !== undefined || addressId !== undefined
        ? 'a location must be given as lat and long (WGS-84): this jurisdiction cannot geocode address_string or address_id'
        : 'a location is required: give lat and long (WGS-84)',
    );
  } else if (lat === undefined || long === undefined) {
    r.problems.push('lat and long must be given together');
  }
  const description = r.text('description', LIMITS.description);
  const email = r.text('email', LIMITS.email);
  if (email !== undefined && !EMAIL.test(email)) r.problems.push('email is not an email address');
  const contact: Record<string, string> = {};
  const contactFields = [
    ['first_name', LIMITS.name],
    ['last_name', LIMITS.name],
    ['phone', LIMITS.phone],
    ['device_id', LIMITS.deviceId],
    ['account_id', LIMITS.accountId],
  ] as const;
  for (const [name, max] of contactFields) {
    const value = r.text(name, max);
    if (value !== undefined) contact[name] = value;
  }
  if (email !== undefined) contact.email = email;
  const media = mediaUrl(r);
  const attributes = r.attributes(LIMITS.attributeCodes, LIMITS.attributeValue);
  r.text('jurisdiction_id', 100);
  if (r.problems.length > 0) throw invalidInput(r.problems);
  return {
    serviceCode: serviceCode as string,
    lat: lat as number,
    long: long as number,
    ...(description !== undefined ? { description } : {}),
    ...(addressString !== undefined ? { addressString } : {}),
    ...(addressId !== undefined ? { addressId } : {}),
    ...(media !== undefined ? { mediaUrl: media } : {}),
    attributes,
    contact,
  };
}

/** The case's own description: what the client wrote, then the attributes, address and media. */
function caseDescription(
  parsed: ParsedRequest,
  serviceName: string,
  definitions: readonly AttributeDefinition[],
  values: Record<string, AttributeValue>,
): string {
  const lines = [parsed.description ?? `（Open311：${serviceName}）`];
  const extra: string[] = [];
  for (const d of definitions) {
    const v = values[d.code];
    if (v === undefined) continue;
    const shown = (Array.isArray(v) ? v : [v]).map((x) => d.values.find((o) => o.key === x)?.name ?? x);
    extra.push(`${d.description}：${shown.join('、')}`);
  }
  if (parsed.addressString) extra.push(`地址 address：${parsed.addressString}`);
  if (parsed.addressId) extra.push(`地址编号 address_id：${parsed.addressId}`);
  if (parsed.mediaUrl) extra.push(`图片 media：${parsed.mediaUrl}`);
  if (extra.length > 0) lines.push('', '—— Open311 ——', ...extra);
  return lines.join('\n');
}

export interface IntakeDeps {
  db: Db;
  vault: Vault;
  cases: ReportPort;
  now(): Date;
}

/**
 * Creates the case for a checked request as `actor` (the key's technical account) and records what
 * came with it. A retry with the same Idempotency-Key answers with the first case and token.
 */
export async function createServiceRequest(
  deps: IntakeDeps,
  key: { id: string; actor: Actor },
  fields: Fields,
  idempotencyKey: string | undefined,
): Promise<CreatedRequest> {
  const parsed = parseRequestFields(fields);
  const service = await findService(deps.db, parsed.serviceCode);
  if (!service) throw open311Error(404, `service_code ${parsed.serviceCode} not found`);
  const definitions = (await attributesOf(deps.db, [service.code])).get(service.code) ?? [];
  const checked = checkAttributes(service.code, definitions, parsed.attributes);
  if (checked.problems.length > 0) throw invalidInput(checked.problems);

  const phone = parsed.contact.phone;
  const created = await deps.cases.report(
    key.actor,
    {
      description: caseDescription(parsed, service.nameZh, definitions, checked.values),
      caseType: service.code,
      lng: parsed.long,
      lat: parsed.lat,
      crs: 'wgs84',
      // A Chinese phone number also goes on the case, encrypted and masked, so the centre can call back.
      ...(phone !== undefined && isPhoneNumber(phone) ? { contactPhone: phone } : {}),
      source: 'open311',
    },
    idempotencyKey,
    // What came with the request commits with the case: a failure here leaves no case behind.
    (tx, caseId) =>
      tx
        .insertInto('open311_request')
        .values({
          case_id: caseId,
          key_id: key.id,
          token: randomBytes(16).toString('hex'),
          service_code: service.code,
          description: parsed.description ?? null,
          address_string: parsed.addressString ?? null,
          address_id: parsed.addressId ?? null,
          media_url: parsed.mediaUrl ?? null,
          attributes: JSON.stringify(checked.values),
          contact_enc:
            Object.keys(parsed.contact).length > 0 ? deps.vault.seal(JSON.stringify(parsed.contact)) : null,
          created_at: deps.now().toISOString(),
        })
        .execute()
        .then(() => undefined),
  );
  const row = await deps.db
    .selectFrom('open311_request')
    .select('token')
    .where('case_id', '=', created.id)
    .executeTakeFirstOrThrow();
  const grid = created.grid?.name;
  const due = created.stepDueAt ? toW3c(created.stepDueAt) : undefined;
  return {
    service_request_id: created.caseNo,
    token: row.token,
    service_notice:
      `已受理，由${grid?.zh ?? '所在网格'}的网格团队立案${due ? `（期限 ${due}）` : ''}。` +
      ` Received; the grid team of ${grid?.en ?? 'its grid'} registers it${due ? ` by ${due}` : ''}.`,
  };
}
