/** Turns case rows into API JSON: names resolved, personal data masked, the traffic light computed. */

import type { Selectable } from 'kysely';
import { LEVEL_NAMES, type Level } from '../../../shared/domain.ts';
import type { Queryable as AnyQueryable } from '../../database.ts';
import type { Vault } from '../../platform/vault/vault.ts';
import { wgs84ToGcj02 } from '../areas/coords.ts';
import { areaLabels } from '../areas/reads.ts';
import type { Crs } from '../areas/service.ts';
import { departmentNames } from '../catalogue/departments.ts';
import type { Actor } from '../people/actor.ts';
import { userNames } from '../people/reads.ts';
import type { CaseContract, CaseSummaryContract } from './case-schema.ts';
import type { TrafficLight, WorkingTime } from './ports.ts';
import type { CaseRow, CaseWithPaths, PartyRow } from './repository.ts';
import type { CaseRequestTable, CasesTables, SupervisionOrderTable } from './schema.ts';
import type { CaseAction } from './state-machine.ts';

/** The cases module's own tables only: names come from the people, catalogue and areas modules. */
type Queryable = AnyQueryable<CasesTables>;

/** The traffic light of the running step (green < 80 %, yellow to 100 %, red past it), or null. */
export function lightOf(c: CaseRow, wt: WorkingTime, now: Date): TrafficLight | null {
  if (!c.step_started_at || !c.step_due_at || c.status === 'suspended') return null;
  return wt.light(new Date(c.step_started_at), new Date(c.step_due_at), now);
}

/** The short form used in lists. */
export function presentCaseSummary(c: CaseRow, wt: WorkingTime, now: Date) {
  return {
    id: c.id,
    caseNo: c.case_no,
    title: c.title,
    caseType: c.case_type,
    status: c.status,
    level: c.level,
    gridId: c.grid_id,
    handlingAreaId: c.handling_area_id,
    step: c.step,
    stepDueAt: c.step_due_at,
    light: lightOf(c, wt, now),
    supervised: c.supervised === 1,
    overdue: c.overdue === 1,
    difficulty: c.difficulty,
    finalDifficulty: c.final_difficulty,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

export interface CaseView {
  c: CaseWithPaths;
  parties: PartyRow[];
  requests: Selectable<CaseRequestTable>[];
  orders: Selectable<SupervisionOrderTable>[];
  allowed: CaseAction[];
  viewer: Actor;
  viewerRole: string;
  wt: WorkingTime;
  now: Date;
  vault: Vault;
}

/** One batch look-up per kind, through the module that owns the names. */
async function namesOf(q: Queryable, userIds: string[], departmentIds: string[], areaIds: string[]) {
  const [user, department, area] = await Promise.all([
    userNames(q, userIds),
    departmentNames(q, departmentIds),
    areaLabels(q, areaIds),
  ]);
  return { user, department, area };
}

/** The full case for its page: everything the viewer may see, and the actions they may take. */
export async function presentCase(q: Queryable, v: CaseView) {
  const { c } = v;
  const userIds = [
    ...new Set(
      [
        c.reporter_id,
        c.dispatcher_id,
        ...v.parties.map((p) => p.user_id),
        ...v.requests.map((r) => r.requested_by),
      ].filter((x): x is string => x !== null),
    ),
  ];
  const departmentIds = [
    ...new Set(v.parties.map((p) => p.department_id).filter((x): x is string => x !== null)),
  ];
  const names = await namesOf(q, userIds, departmentIds, [c.grid_id, c.handling_area_id]);
  const isReporter = c.reporter_id === v.viewer.userId;
  // 匿名 anonymous reports hide the reporter from everyone but the reporter.
  const showReporter = c.reporter_id !== null && (c.anonymous === 0 || isReporter);
  let contactPhone: string | null = null;
  if (c.contact_phone_enc && (c.anonymous === 0 || isReporter))
    contactPhone = v.vault.mask('phone', c.contact_phone_enc);
  return {
    ...presentCaseSummary(c, v.wt, v.now),
    description: c.description,
    source: c.source,
    levelName: LEVEL_NAMES[c.level as Level],
    location: { lng: c.lng, lat: c.lat, crs: 'wgs84' as Crs },
    grid: names.area.get(c.grid_id) ?? null,
    handlingArea: names.area.get(c.handling_area_id) ?? null,
    gridPath: c.grid_path,
    anonymous: c.anonymous === 1,
    reporter:
      showReporter && c.reporter_id
        ? { id: c.reporter_id, name: names.user.get(c.reporter_id) ?? null }
        : null,
    contactPhone,
    stepStartedAt: c.step_started_at,
    assignedDueAt: c.assigned_due_at,
    dispatcher: c.dispatcher_id
      ? { id: c.dispatcher_id, name: names.user.get(c.dispatcher_id) ?? null }
      : null,
    reworkCount: c.rework_count,
    extensionCount: c.extension_count,
    sentBackCount: c.sent_back_count,
    satisfaction: c.satisfaction,
    result: c.result,
    mergedInto: c.merged_into,
    resolvedLevel: c.resolved_level,
    closedAt: c.closed_at,
    parties: v.parties.map((p) => ({
      kind: p.kind,
      level: p.level,
      active: p.active === 1,
      user: p.user_id ? { id: p.user_id, name: names.user.get(p.user_id) ?? null } : null,
      department: p.department_id
        ? { id: p.department_id, name: names.department.get(p.department_id) ?? null }
        : null,
    })),
    requests: v.requests.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      reason: r.reason,
      hours: r.amount,
      requestedBy: { id: r.requested_by, name: names.user.get(r.requested_by) ?? null },
      createdAt: r.created_at,
      decidedAt: r.decided_at,
    })),
    supervisionOrders: v.orders.map((o) => ({
      id: o.id,
      reason: o.reason,
      dueAt: o.due_at,
      status: o.status,
      createdAt: o.created_at,
    })),
    viewerRole: v.viewerRole,
    allowedActions: v.allowed,
  };
}

export type CaseDetail = Awaited<ReturnType<typeof presentCase>>;

/** Exactly the same shape both ways: the presenter writes what the contract lists, no more, no less. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const caseMatchesContract: Same<CaseDetail, CaseContract> = true;
const summaryMatchesContract: Same<ReturnType<typeof presentCaseSummary>, CaseSummaryContract> = true;
void caseMatchesContract;
void summaryMatchesContract;

/** The case with its location in the datum the client asked for (stored and default: WGS-84). */
export function inDatum(detail: CaseDetail, crs: Crs | undefined): CaseDetail {
  if (crs !== 'gcj02') return detail;
  const { lng, lat } = wgs84ToGcj02(detail.location.lng, detail.location.lat);
  return { ...detail, location: { lng, lat, crs } };
}
