/**
 * `GET /requests` and `GET /requests/{id}`: the cases that came in through Open311, as GeoReport v2
 * service requests. Only Open311 requests are listed — reports from other channels were never made
 * public — and contact details are never part of the answer.
 *
 * Status is `open` until the case is archived, rejected, merged or voided, then `closed`.
 * `status_notes` says where the loop stands in words a reporter may read (the result once there is
 * one, a rejection or void reason, a merge); internal notes stay internal. `agency_responsible` is
 * the handling department(s), else the area handling the case at its level.
 */
import { LEVEL_NAMES, type Level, TERMINAL_STATUSES } from '../../../shared/domain.ts';
import type { Queryable as AnyQueryable } from '../../database.ts';
import { areaNames } from '../areas/reads.ts';
import { caseNumbers, casesNewestFirst, handlingDepartmentIds } from '../cases/reads.ts';
import { caseTypeNames } from '../catalogue/case-types.ts';
import { departmentNames } from '../catalogue/departments.ts';
import { latestCaseEvents } from '../ledger/ledger.ts';
import { toW3c } from './dates.ts';
import type { Open311Tables } from './schema.ts';

/** The Open311 module's own tables only: cases, names and history are read through their owners. */
type Queryable = AnyQueryable<Open311Tables>;

/** One service request, with the spec's element names. */
export interface ServiceRequestView {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
}

export interface RequestFilter {
  /** Case numbers; when given, the other filters are ignored (spec). */
  ids?: readonly string[];
  serviceCodes?: readonly string[];
  statuses?: readonly ('open' | 'closed')[];
  /** ISO instants, inclusive. */
  start?: string;
  end?: string;
  limit: number;
}

const CLOSED_STATUSES: readonly string[] = TERMINAL_STATUSES;

/** 状态说明 of each case status, for the public. */
const STATUS_WORDS: Record<string, string> = {
  reported: '已受理，待立案 Received, awaiting registration',
  registered: '已立案，待派遣 Registered, awaiting dispatch',
  dispatched: '已派遣，待承办 Dispatched to the handler',
  handling: '处置中 Being handled',
  feedback: '已处置，待核实 Handled, awaiting verification',
  verified: '已核实，待回访 Verified, awaiting the return visit',
  visited: '已回访，待归档 Return visit done, awaiting archive',
  suspended: '挂账，暂缓处理 Suspended for now',
  archived: '已办结 Resolved and closed',
  rejected: '不予立案 Not accepted',
  merged: '已合并处理 Merged with another request',
  voided: '已作废 Voided',
};

interface Row {
  case_id: string;
  case_no: string;
  status: string;
  level: number;
  result: string | null;
  case_type: string | null;
  lat: number;
  lng: number;
  created_at: string;
  updated_at: string;
  service_code: string;
  description: string | null;
  address_string: string | null;
  address_id: string | null;
  media_url: string | null;
  service_name: string | null;
  grid_name: string;
  handling_name: string;
}

function notesOf(r: Row, reason: string | undefined): string {
  const words = STATUS_WORDS[r.status] ?? r.status;
  const parts = [words];
  if (!CLOSED_STATUSES.includes(r.status) && r.level > 1) {
    const level = LEVEL_NAMES[r.level as Level];
    if (level) parts.push(`（第${r.level}级 ${level.zh} level ${r.level}, ${level.en}）`);
  }
  if (reason) parts.push(`：${reason}`);
  else if (r.result && ['feedback', 'verified', 'visited', 'archived'].includes(r.status))
    parts.push(`：${r.result}`);
  return parts.join('');
}

/** The reason a reporter is told for a rejection, a void or a merge, from the case's history. */
async function reasonsOf(q: Queryable, rows: readonly Row[]): Promise<Map<string, string>> {
  const ids = rows.filter((r) => ['rejected', 'voided', 'merged'].includes(r.status)).map((r) => r.case_id);
  const reasons = new Map<string, string>();
  if (ids.length === 0) return reasons;
  const events = await latestCaseEvents(q, ids, ['rejected', 'voided', 'merged']);
  for (const e of events) {
    if (reasons.has(e.case_id)) continue;
    const p = JSON.parse(e.payload) as { reason?: string; intoCaseNo?: string };
    const text =
      e.type === 'merged'
        ? [p.intoCaseNo ? `并入 into ${p.intoCaseNo}` : undefined, p.reason].filter(Boolean).join('，')
        : p.reason;
    if (text) reasons.set(e.case_id, text);
  }
  return reasons;
}

/** Names of the departments actively handling each case. */
async function agenciesOf(q: Queryable, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const departmentsByCase = await handlingDepartmentIds(q, caseIds);
  const names = await departmentNames(q, [...departmentsByCase.values()].flat());
  const byCase = new Map<string, string[]>();
  for (const [caseId, departmentIds] of departmentsByCase) {
    const list: string[] = [];
    for (const id of departmentIds) {
      const name = names.get(id)?.zh;
      if (name !== undefined && !list.includes(name)) list.push(name);
    }
    if (list.length > 0) byCase.set(caseId, list);
  }
  return byCase;
}

/** The cases of Open311 requests matching the filter, newest first (the filters are on the case). */
function requestedCases(q: Queryable, filter: RequestFilter) {
  const among = q.selectFrom('open311_request').select('open311_request.case_id');
  if (filter.ids) return casesNewestFirst(q, { among, caseNos: filter.ids, limit: filter.limit });
  const statuses = new Set(filter.statuses ?? []);
  const only = statuses.size === 1 ? [...statuses][0] : undefined;
  return casesNewestFirst(q, {
    among,
    ...(filter.serviceCodes ? { caseTypes: filter.serviceCodes } : {}),
    ...(only === 'closed' ? { statusIn: CLOSED_STATUSES } : {}),
    ...(only === 'open' ? { statusNotIn: CLOSED_STATUSES } : {}),
    ...(filter.start ? { createdFrom: filter.start } : {}),
    ...(filter.end ? { createdTo: filter.end } : {}),
    limit: filter.limit,
  });
}

/** The Open311 request behind each of these cases, with the names it is shown with. */
async function rowsOf(q: Queryable, cases: Awaited<ReturnType<typeof requestedCases>>): Promise<Row[]> {
  const caseIds = cases.map((c) => c.id);
  const [requests, types, areas] = await Promise.all([
    caseIds.length === 0
      ? Promise.resolve([])
      : q
          .selectFrom('open311_request')
          .select(['case_id', 'service_code', 'description', 'address_string', 'address_id', 'media_url'])
          .where('case_id', 'in', caseIds)
          .execute(),
    caseTypeNames(
      q,
      cases.flatMap((c) => (c.case_type ? [c.case_type] : [])),
    ),
    areaNames(
      q,
      cases.flatMap((c) => [c.grid_id, c.handling_area_id]),
    ),
  ]);
  const requestOf = new Map(requests.map((r) => [r.case_id, r]));
  return cases.flatMap((c) => {
    const r = requestOf.get(c.id);
    const grid = areas.get(c.grid_id);
    const handling = areas.get(c.handling_area_id);
    if (!r || !grid || !handling) return [];
    const { id, grid_id, handling_area_id, ...caseColumns } = c;
    return [
      {
        ...caseColumns,
        case_id: id,
        service_code: r.service_code,
        description: r.description,
        address_string: r.address_string,
        address_id: r.address_id,
        media_url: r.media_url,
        service_name: (c.case_type === null ? undefined : types.get(c.case_type)) ?? null,
        grid_name: grid.zh,
        handling_name: handling.zh,
      },
    ];
  });
}

/** Open311 requests matching the filter, newest first. */
export async function findServiceRequests(
  q: Queryable,
  filter: RequestFilter,
): Promise<ServiceRequestView[]> {
  const rows = await rowsOf(q, await requestedCases(q, filter));
  const [reasons, agencies] = await Promise.all([
    reasonsOf(q, rows),
    agenciesOf(
      q,
      rows.map((r) => r.case_id),
    ),
  ]);
  return rows.map((r) => ({
    service_request_id: r.case_no,
    status: CLOSED_STATUSES.includes(r.status) ? 'closed' : 'open',
    status_notes: notesOf(r, reasons.get(r.case_id)),
    service_name: r.service_name,
    service_code: r.case_type ?? r.service_code,
    description: r.description,
    agency_responsible: agencies.get(r.case_id)?.join('、') || r.handling_name,
    service_notice: null,
    requested_datetime: toW3c(r.created_at),
    updated_datetime: toW3c(r.updated_at),
    expected_datetime: null,
    address: r.address_string ?? r.grid_name,
    address_id: r.address_id,
    zipcode: null,
    lat: Number(r.lat),
    long: Number(r.lng),
    media_url: r.media_url,
  }));
}

/** The service request id a token resolves to, or undefined. */
export async function requestIdOfToken(q: Queryable, token: string): Promise<string | undefined> {
  const row = await q
    .selectFrom('open311_request')
    .select('case_id')
    .where('token', '=', token)
    .executeTakeFirst();
  return row && (await caseNumbers(q, [row.case_id])).get(row.case_id);
}
