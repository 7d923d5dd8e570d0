/** Outcomes of the actions that move a case along: register, reject, merge, dispatch, link, escalate. */
import type { EscalationReason, Level } from '../../../shared/domain.ts';
import { AppError, badRequest, conflict, type Message } from '../../platform/errors.ts';
import type { ActionContext, ActionInputs, ActionOutcome } from './action-types.ts';
import { canView, dispatcherRoles } from './policy.ts';
import type * as repo from './repository.ts';
import { scopeOf } from './scope.ts';

/** The distinct `ids`, each of which `lookup` must find; otherwise a 400 on `field`: "{what} {id}". */
async function allFound(
  ids: string[],
  field: string,
  what: 'ref.no_such_user' | 'ref.no_such_department',
  lookup: (unique: string[]) => Promise<string[]>,
): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = new Set(await lookup(unique));
  const missing = unique.find((id) => !found.has(id));
  if (missing) throw badRequest(field, what, { id: missing });
  return unique;
}

/** The named active users and departments (400 naming the first unknown one). */
async function existing(
  ctx: ActionContext,
  users: string[],
  departments: string[],
  fields: [string, string],
) {
  const userIds = await allFound(users, fields[0], 'ref.no_such_user', ctx.read.activeUserIds);
  const departmentIds = await allFound(
    departments,
    fields[1],
    'ref.no_such_department',
    ctx.read.departmentIds,
  );
  return { userIds, departmentIds };
}

/** What the new level's dispatchers are told: the note, or for a missed deadline the step and time. */
function escalationNotice(reason: EscalationReason, to: Level, note: string, c: repo.CaseRow): Message {
  return reason === 'overdue'
    ? { key: 'notice.escalated_overdue', params: { level: to, step: c.step, dueAt: c.step_due_at } }
    : { key: 'notice.escalated', params: { level: to, note } };
}

/** Moves the case up one level: new handling area, handlers released, the new level's dispatchers told. */
export async function escalationOutcome(
  ctx: ActionContext,
  reason: EscalationReason,
  note: string,
): Promise<ActionOutcome> {
  const from = ctx.c.level as Level;
  if (from >= 5) throw conflict('case.top_level');
  const to = (from + 1) as Level;
  const area = await ctx.read.handlingArea(to);
  const dispatchers = await ctx.read.usersWithRole(dispatcherRoles(to), area.path);
  return {
    event: {
      type: 'escalated',
      payload: { fromLevel: from, toLevel: to, reason, note, handlingAreaId: area.id },
    },
    patch: { level: to, handling_area_id: area.id, dispatcher_id: null, assigned_due_at: null },
    writes: [{ op: 'deactivate_parties' }],
    notices: [{ users: dispatchers, kind: 'escalated', message: escalationNotice(reason, to, note, ctx.c) }],
  };
}

export async function register(ctx: ActionContext, input: ActionInputs['register']): Promise<ActionOutcome> {
  const type = await ctx.read.caseType(input.caseType);
  if (!type?.active) throw badRequest('caseType', 'ref.unknown_case_type', { code: input.caseType });
  const difficulty = input.difficulty ?? type.defaultDifficulty;
  return {
    event: {
      type: 'registered',
      payload: { caseType: type.code, difficulty, title: input.title, note: input.note },
    },
    patch: { case_type: type.code, difficulty, ...(input.title ? { title: input.title } : {}) },
  };
}

export async function merge(ctx: ActionContext, input: ActionInputs['merge']): Promise<ActionOutcome> {
  if (input.intoCaseId === ctx.c.id) throw badRequest('intoCaseId', 'case.merge_into_itself');
  const found = await ctx.read.caseWithParties(input.intoCaseId);
  if (!found) throw badRequest('intoCaseId', 'ref.no_such_case');
  const target = found.c;
  // The target must be a case the merger may read: otherwise the merge would reveal it (403 as a read).
  const view = canView(ctx.actor, scopeOf(target, found.parties));
  if (!view.allowed)
    throw new AppError(
      'forbidden',
      view.reason.key,
      { field: 'intoCaseId', ...view.reason.params },
      { field: 'intoCaseId' },
    );
  if (['rejected', 'merged', 'voided'].includes(target.status)) {
    throw badRequest('intoCaseId', 'case.merge_target_closed', { status: target.status });
  }
  return {
    event: {
      type: 'merged',
      payload: { intoCaseId: target.id, intoCaseNo: target.case_no, reason: input.reason },
    },
    patch: { merged_into: target.id, closed_at: ctx.now.toISOString() },
  };
}

/** The dispatcher's due time for handling, if given: a valid instant in the future. */
function dispatchDue(ctx: ActionContext, dueAt: string | undefined): string | undefined {
  if (dueAt === undefined) return undefined;
  const due = new Date(dueAt);
  if (Number.isNaN(due.getTime())) throw badRequest('dueAt', 'validation.not_a_time');
  if (due <= ctx.now) throw badRequest('dueAt', 'validation.future');
  return due.toISOString();
}

export async function dispatch(ctx: ActionContext, input: ActionInputs['dispatch']): Promise<ActionOutcome> {
  const level = ctx.c.level as Level;
  const named = await existing(ctx, input.handlerIds ?? [], input.departmentIds ?? [], [
    'handlerIds',
    'departmentIds',
  ]);
  const userIds = named.userIds;
  let departmentIds = named.departmentIds;
  let routed = false;
  if (userIds.length === 0 && departmentIds.length === 0) {
    if (level < 4) throw badRequest('handlerIds', 'case.handlers_required');
    if (!ctx.c.case_type) throw badRequest('caseType', 'case.type_before_routing');
    // 分流分调: level 4 routes by case type through the routing table.
    departmentIds = await ctx.read.route(ctx.c.case_type, ctx.c.grid_path);
    if (departmentIds.length === 0) {
      throw badRequest('departmentIds', 'case.no_routing_rule', { code: ctx.c.case_type });
    }
    routed = true;
  }
  if (level === 5 && departmentIds.length + userIds.length < 2) {
    throw badRequest('departmentIds', 'case.joint_needs_two');
  }
  const dueAt = dispatchDue(ctx, input.dueAt);
  const kind = level === 5 ? 'joint' : 'handler';
  const members = await ctx.read.departmentMembers(departmentIds, ctx.c.grid_path);
  return {
    event: {
      type: 'dispatched',
      payload: {
        handlerIds: userIds,
        departmentIds,
        routed,
        joint: kind === 'joint',
        dueAt,
        note: input.note,
      },
    },
    patch: { dispatcher_id: ctx.actor.userId, assigned_due_at: dueAt ?? null },
    writes: [{ op: 'add_parties', level, kind, userIds, departmentIds }],
    notices: [
      {
        users: [...userIds, ...members],
        kind: 'assigned',
        message: { key: 'notice.assigned', params: { title: ctx.c.title } },
      },
    ],
  };
}

export async function link(ctx: ActionContext, input: ActionInputs['link']): Promise<ActionOutcome> {
  const { userIds, departmentIds } = await existing(ctx, input.userIds ?? [], input.departmentIds ?? [], [
    'userIds',
    'departmentIds',
  ]);
  if (userIds.length + departmentIds.length === 0) throw badRequest('userIds', 'case.link_needs_someone');
  const members = await ctx.read.departmentMembers(departmentIds, ctx.c.grid_path);
  return {
    event: { type: 'collaborators_linked', payload: { userIds, departmentIds, note: input.note } },
    writes: [{ op: 'add_parties', level: ctx.c.level, kind: 'collaborator', userIds, departmentIds }],
    notices: [
      {
        users: [...userIds, ...members],
        kind: 'linked',
        message: { key: 'notice.linked', params: { title: ctx.c.title } },
      },
    ],
  };
}
