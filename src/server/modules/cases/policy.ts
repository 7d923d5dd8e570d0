/**
 * Who may do what to a case (SPEC §3, §5): pure functions of the actor's roles and areas, the case's
 * level and area, and the case's parties. Every case endpoint asks here; nothing else decides.
 *
 * Three kinds of power:
 * - level-bound ("at the level"): the assignment's area IS the case's handling area at its current
 *   level — the grid chief's dispatch (一键派单), the guide's decision (一键决策);
 * - area-scoped ("in scope"): the assignment's area contains the case's grid — oversight such as
 *   supervision (一键督办), reminders and linkage (一键联动), viewing;
 * - party: the person (or their department) handles the case.
 */
import type { CaseSource, CaseStatus, Level, Role } from '../../../shared/domain.ts';
import type { Message, MessageKey, MessageParams } from '../../../shared/messages/format.ts';
import type { Actor, RoleAssignment } from '../people/actor.ts';
import { GRID_TEAM_ROLES } from '../people/roles.ts';
import type { CaseAction } from './state-machine.ts';

export interface CaseParty {
  /** The party row's id, where the caller needs to write to it. */
  id?: string;
  userId: string | null;
  departmentId: string | null;
  kind: 'handler' | 'joint' | 'collaborator';
  active: boolean;
  /** Its part accepted (接收) / its result reported (反馈): joint handling waits for every part. */
  accepted?: boolean;
  reported?: boolean;
}

/** What the policy needs to know about a case. */
export interface CaseScope {
  status: CaseStatus;
  level: Level;
  /** Materialised path of the case's grid. */
  gridPath: string;
  /** Materialised path of the area handling the case at its current level. */
  handlingAreaPath: string;
  reporterId: string | null;
  parties: readonly CaseParty[];
}

export type Decision =
  | { allowed: true; role: Role | 'reporter' | 'handler' }
  | { allowed: false; reason: Message };

/** Roles that see every case inside their area. Residents, social forces and departments do not. */
const AREA_VIEWERS: readonly Role[] = [...GRID_TEAM_ROLES, 'centre_operator', 'leader', 'admin'];

/** Who dispatches at each level: grid chief (L1), centre operators (L2–L4), leaders (L5). */
export function dispatcherRoles(level: Level): Role[] {
  if (level === 1) return ['grid_chief'];
  if (level === 5) return ['leader'];
  return ['centre_operator'];
}

/** Who decides at each level (verify, rework, escalate, approve): the guide, and at the banner the centre or leaders. */
export function deciderRoles(level: Level): Role[] {
  if (level === 4) return ['centre_operator', 'grid_guide'];
  if (level === 5) return ['leader', 'grid_guide'];
  return ['grid_guide'];
}

const inScope = (a: RoleAssignment, path: string) => a.areaPath !== null && path.startsWith(a.areaPath);
const atArea = (a: RoleAssignment, path: string) => a.areaPath === path;

function find(actor: Actor, roles: readonly Role[], test: (a: RoleAssignment) => boolean): Role | undefined {
  return actor.assignments.find((a) => roles.includes(a.role) && test(a))?.role;
}

/**
 * The departments the actor works for on this case: a department handler's assignment counts only
 * where its area contains the case's grid (a 司法所 of one town does not act in another town);
 * one without an area serves the whole county.
 */
function departmentsFor(actor: Actor, gridPath: string): Set<string> {
  return new Set(
    actor.assignments
      .filter(
        (a) =>
          a.role === 'department_handler' &&
          a.departmentId !== null &&
          (a.areaPath === null || gridPath.startsWith(a.areaPath)),
      )
      .map((a) => a.departmentId as string),
  );
}

/** True when the actor, or a department they work for in the case's area, is a party of the given kinds. */
export function isParty(
  actor: Actor,
  scope: CaseScope,
  kinds: readonly CaseParty['kind'][],
  activeOnly = true,
): boolean {
  return ownParts(actor, scope, kinds, activeOnly).length > 0;
}

/** The actor's own parties of the given kinds: as a person, or for a department they serve here. */
export function ownParts(
  actor: Actor,
  scope: CaseScope,
  kinds: readonly CaseParty['kind'][],
  activeOnly = true,
): CaseParty[] {
  const departments = departmentsFor(actor, scope.gridPath);
  return scope.parties.filter(
    (p) =>
      (!activeOnly || p.active) &&
      kinds.includes(p.kind) &&
      ((p.userId !== null && p.userId === actor.userId) ||
        (p.departmentId !== null && departments.has(p.departmentId))),
  );
}

const allow = (role: Role | 'reporter' | 'handler'): Decision => ({ allowed: true, role });
const deny = (key: MessageKey, params?: MessageParams): Decision => ({
  allowed: false,
  reason: { key, ...(params ? { params } : {}) },
});

/** May the actor see this case at all? */
export function canView(actor: Actor, scope: CaseScope): Decision {
  if (scope.reporterId === actor.userId) return allow('reporter');
  if (isParty(actor, scope, ['handler', 'joint', 'collaborator'], false)) return allow('handler');
  const role = find(actor, AREA_VIEWERS, (a) => inScope(a, scope.gridPath));
  return role ? allow(role) : deny('case.not_in_your_area');
}

/** What a refused power is called in the reason (`what.*` of the message vocabulary). */
type What =
  | 'dispatch'
  | 'decision'
  | 'this'
  | 'registration'
  | 'linkage'
  | 'reminders'
  | 'supervision'
  | 'visit';

function atLevel(actor: Actor, scope: CaseScope, roles: readonly Role[], what: What): Decision {
  const role = find(actor, roles, (a) => atArea(a, scope.handlingAreaPath));
  return role ? allow(role) : deny('case.level_role', { what, level: scope.level, roles });
}

function inArea(actor: Actor, scope: CaseScope, roles: readonly Role[], what: What): Decision {
  const role = find(actor, roles, (a) => inScope(a, scope.gridPath));
  return role ? allow(role) : deny('case.area_role', { what, roles });
}

function firstAllowed(...decisions: (() => Decision)[]): Decision {
  let last: Decision = deny('case.not_allowed');
  for (const d of decisions) {
    last = d();
    if (last.allowed) return last;
  }
  return last;
}

/**
 * May the actor perform `action` on the case? Role and area only; the state machine separately
 * says whether the case's status allows it (403 vs 409).
 */
export function authorize(actor: Actor, action: CaseAction, scope: CaseScope): Decision {
  const view = canView(actor, scope);
  if (!view.allowed) return view;
  const dispatcher = () => atLevel(actor, scope, dispatcherRoles(scope.level), 'dispatch');
  const decider = () => atLevel(actor, scope, deciderRoles(scope.level), 'decision');
  const operator = () => inArea(actor, scope, ['centre_operator'], 'this');
  const handler = (kinds: CaseParty['kind'][]) => () =>
    isParty(actor, scope, kinds) ? allow('handler') : deny('case.current_handlers_only');

  switch (action) {
    case 'register':
    case 'reject':
    case 'merge':
      return firstAllowed(() => atLevel(actor, scope, ['grid_chief'], 'registration'), operator);
    case 'dispatch':
      return dispatcher();
    case 'accept':
    case 'send_back':
    case 'feedback':
    case 'request_extension':
      return handler(['handler', 'joint'])();
    case 'progress':
    case 'mediate':
      return handler(['handler', 'joint', 'collaborator'])();
    case 'link':
      return firstAllowed(() => inArea(actor, scope, ['grid_manager'], 'linkage'), operator, dispatcher);
    case 'remind':
      return firstAllowed(() => inArea(actor, scope, ['grid_manager'], 'reminders'), operator, dispatcher);
    case 'supervise':
      return inArea(actor, scope, ['grid_inspector'], 'supervision');
    case 'verify':
    case 'rework':
    case 'escalate':
    case 'approve_extension':
    case 'refuse_extension':
    case 'suspend':
    case 'resume':
    case 'approve_void':
    case 'refuse_void':
      return decider();
    case 'request_void':
      return firstAllowed(operator, dispatcher);
    case 'visit':
      return firstAllowed(
        () => (scope.reporterId === actor.userId ? allow('reporter') : deny('case.not_reporter')),
        operator,
        () => inArea(actor, scope, ['grid_worker', 'part_time_worker'], 'visit'),
      );
    case 'close':
      return firstAllowed(decider, operator);
  }
}

/** May the actor file a report located in this grid? Residents anywhere; staff only inside their areas. */
export function authorizeReport(actor: Actor, gridPath: string, onTheSpot: boolean): Decision {
  if (onTheSpot) {
    const role = find(
      actor,
      ['grid_worker', 'part_time_worker', 'grid_chief', 'grid_guide', 'police_officer'],
      (a) => inScope(a, gridPath),
    );
    return role ? allow(role) : deny('case.on_the_spot_grid_team');
  }
  const staff = actor.assignments.filter((a) => a.role !== 'resident');
  if (staff.length === 0) return actor.assignments.length > 0 ? allow('resident') : deny('case.no_role');
  const role = find(actor, AREA_VIEWERS, (a) => inScope(a, gridPath));
  if (role) return allow(role);
  return actor.assignments.some((a) => a.role === 'resident')
    ? allow('resident')
    : deny('case.report_own_area');
}

/** Who may name each intake channel (SPEC §4 step 1); `open311` is set only by the Open311 endpoint. */
const CHANNEL_ROLES: Record<Exclude<CaseSource, 'open311'>, 'anyone' | 'staff' | readonly Role[]> = {
  resident_app: 'anyone',
  worker_app: 'staff',
  console: 'staff',
  hotline: ['centre_operator'], // 12345 calls are taken by the centres
  department: ['department_handler'],
};

/** May the actor say a report came through `source`? Residents and other non-staff only through their app. */
export function authorizeSource(actor: Actor, source: Exclude<CaseSource, 'open311'>): Decision {
  const rule = CHANNEL_ROLES[source];
  if (rule === 'anyone') return allow('resident');
  const staff = actor.assignments.find(
    (a) => a.role !== 'resident' && a.role !== 'social_force' && (rule === 'staff' || rule.includes(a.role)),
  );
  return staff
    ? allow(staff.role)
    : deny('case.source_not_allowed', { source, roles: rule === 'staff' ? 'staff' : rule.join(', ') });
}

/** The filter a case list applies for this actor: what `canView` allows, as data for SQL. */
export interface ListScope {
  all: boolean;
  areaPaths: string[];
  /** The actor's departments, each with the area it serves (null: the whole county). */
  departments: { departmentId: string; areaPath: string | null }[];
  userId: string;
}

export function listScope(actor: Actor): ListScope {
  const areaPaths = actor.assignments
    .filter((a) => AREA_VIEWERS.includes(a.role) && a.areaPath !== null)
    .map((a) => a.areaPath as string);
  return {
    all: areaPaths.some((p) => p.split('/').filter(Boolean).length === 1),
    areaPaths,
    departments: actor.assignments
      .filter((a) => a.role === 'department_handler' && a.departmentId)
      .map((a) => ({ departmentId: a.departmentId as string, areaPath: a.areaPath })),
    userId: actor.userId,
  };
}
