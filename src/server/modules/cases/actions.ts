/**
 * What each workflow action writes, beyond the status change the state machine gives: parties,
 * requests, supervision orders, notifications, and the history entry's payload. One small function
 * per action; the runner in service.ts does locking, policy, state checks, clocks and the ledger.
 */
import type { CaseStatus, Difficulty, EscalationReason, Level } from '../../../shared/domain.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, badRequest, conflict, type Message, type MessageKey } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Actor } from '../people/actor.ts';
import { acceptPart, reportPart, sendBackPart } from './part-actions.ts';
import { clearReports } from './part-repository.ts';
import { canView, deciderRoles, dispatcherRoles } from './policy.ts';
import type { RoutingPort, WorkingTime } from './ports.ts';
import * as repo from './repository.ts';
import { scopeOf } from './scope.ts';
import type { CaseAction, TransitionInput } from './state-machine.ts';

export interface ActionContext {
  tx: Tx;
  actor: Actor;
  c: repo.CaseWithPaths;
  parties: repo.PartyRow[];
  now: Date;
  wt: WorkingTime;
  routing: RoutingPort;
  handlingAreaFor(level: Level): Promise<{ id: string; path: string }>;
}

export interface Notice {
  users: string[];
  kind: string;
  message: Message;
}

export interface ActionOutcome {
  /** The history entry: its type and what it records (who and when are added by the runner). */
  event: { type: string; payload: Record<string, unknown> };
  /** Extra columns to write. */
  patch?: Partial<repo.CaseRow>;
  /** Input for the state machine where the action has two outcomes. */
  transition?: TransitionInput;
  /**
   * What happens to the step clock beyond the default (a new clock whenever the status or level changes):
   * `restart` a new clock even though neither changed; `reschedule` keep
   * the step but re-arm its reminders for the patched due time (extension, resume); `stop` cancel the
   * reminders but keep the step's times for a later resume (suspension).
   */
  clock?: { kind: 'restart' } | { kind: 'reschedule' } | { kind: 'stop' };
  notices?: Notice[];
  /** Supervision order to schedule (its own deadline). */
  supervisionDue?: { orderId: string; dueAt: string };
}

// Inputs of the actions, as the routes validate them.
export interface ActionInputs {
  register: { caseType: string; title?: string; difficulty?: Difficulty; note?: string };
  reject: { reason: string };
  merge: { intoCaseId: string; reason?: string };
  dispatch: { handlerIds?: string[]; departmentIds?: string[]; dueAt?: string; note?: string };
  accept: { note?: string };
  send_back: { reason: string };
  progress: { note: string };
  mediate: {
    outcome: 'success' | 'failed' | 'partial';
    participants?: string[];
    venue?: string;
    note?: string;
  };
  link: { userIds?: string[]; departmentIds?: string[]; note?: string };
  feedback: { result: string };
  verify: { note?: string };
  rework: { reason: string };
  remind: { message?: string };
  supervise: { reason: string; dueInWorkdays?: number };
  escalate: { reason: Exclude<EscalationReason, 'overdue'>; note: string };
  request_extension: { hours: number; reason: string };
  approve_extension: { note?: string };
  refuse_extension: { note?: string };
  suspend: { reason: string };
  resume: { note?: string };
  request_void: { reason: string };
  approve_void: { note?: string };
  refuse_void: { note?: string };
  visit: { satisfied: boolean; rating?: 1 | 2 | 3 | 4 | 5; comment?: string };
  close: { finalDifficulty?: Difficulty; note?: string };
}

/** The top of the return-visit scale (1–5 stars). */
const MAX_RATING = 5;

type Handler<A extends CaseAction> = (ctx: ActionContext, input: ActionInputs[A]) => Promise<ActionOutcome>;

/** The distinct `ids`, each of which `lookup` must find; otherwise a 400 on `field`: "{what} {id}". */
async function allFound(
  ids: string[],
  field: string,
  what: 'ref.no_such_user' | 'ref.no_such_department',
  lookup: (unique: string[]) => Promise<{ id: string }[]>,
): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = new Set((await lookup(unique)).map((r) => r.id));
  const missing = unique.find((id) => !found.has(id));
  if (missing) throw badRequest(field, what, { id: missing });
  return unique;
}

function existingUsers(tx: Tx, ids: string[], field: string): Promise<string[]> {
  return allFound(ids, field, 'ref.no_such_user', (unique) =>
    tx.selectFrom('app_user').select('id').where('id', 'in', unique).where('active', '=', 1).execute(),
  );
}

function existingDepartments(tx: Tx, ids: string[], field: string): Promise<string[]> {
  return allFound(ids, field, 'ref.no_such_department', (unique) =>
    tx.selectFrom('department').select('id').where('id', 'in', unique).execute(),
  );
}

/** Everyone who decides at the case's level within its handling area (verify, extend, void). */
function decidersOf(ctx: ActionContext): Promise<string[]> {
  return repo.usersWithRole(ctx.tx, deciderRoles(ctx.c.level as Level), ctx.c.handling_path, true);
}

type RequestKind = 'extension' | 'void';
const PENDING: Record<RequestKind, MessageKey> = {
  extension: 'case.extension_pending',
  void: 'case.void_pending',
};
const NONE_PENDING: Record<RequestKind, MessageKey> = {
  extension: 'case.no_pending_extension',
  void: 'case.no_pending_void',
};

/** Files a pending request (延期申请 / 作废申请) of the actor; one of a kind may be pending at a time. */
async function fileRequest(
  ctx: ActionContext,
  kind: RequestKind,
  reason: string,
  amount: number | null,
): Promise<string> {
  if (await repo.pendingRequest(ctx.tx, ctx.c.id, kind)) throw conflict(PENDING[kind]);
  const id = uuidv7();
  await repo.insertRequest(ctx.tx, {
    id,
    case_id: ctx.c.id,
    kind,
    requested_by: ctx.actor.userId,
    reason,
    amount,
    status: 'pending',
    decided_by: null,
    decided_at: null,
    created_at: ctx.now.toISOString(),
  });
  return id;
}

/** Approves or refuses the pending request of a kind, by the actor, now. */
async function decidePending(ctx: ActionContext, kind: RequestKind, decision: 'approved' | 'refused') {
  const request = await repo.pendingRequest(ctx.tx, ctx.c.id, kind);
  if (!request) throw conflict(NONE_PENDING[kind]);
  await repo.decideRequest(ctx.tx, request.id, decision, ctx.actor.userId, ctx.now.toISOString());
  return request;
}

/** Difficulty the case earned, when the closer does not say: the level it reached and how long it took. */
export function suggestFinalDifficulty(
  level: number,
  createdAt: Date,
  now: Date,
  initial: string | null,
): Difficulty {
  const days = (now.getTime() - createdAt.getTime()) / 86_400_000;
  if (level >= 5 || days > 90) return 'long_pending';
  if (level >= 3) return 'difficult';
  if (level === 2) return 'general';
  return (initial as Difficulty | null) ?? 'simple';
}

/** What the new level's dispatchers are told: the note, or for a missed deadline the step and time. */
function escalationNotice(reason: EscalationReason, to: Level, note: string, c: repo.CaseRow): Message {
  return reason === 'overdue'
    ? { key: 'notice.escalated_overdue', params: { level: to, step: c.step, dueAt: c.step_due_at } }
    : { key: 'notice.escalated', params: { level: to, note } };
}

/** A reminder (催办): the sender's own words, or the standard one naming the case. */
function reminderNotice(text: string | undefined, title: string): Message {
  return text ? { key: 'notice.text', params: { text } } : { key: 'notice.reminder', params: { title } };
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
  const area = await ctx.handlingAreaFor(to);
  await repo.deactivateParties(ctx.tx, ctx.c.id);
  const dispatchers = await repo.usersWithRole(ctx.tx, dispatcherRoles(to), area.path, true);
  return {
    event: {
      type: 'escalated',
      payload: { fromLevel: from, toLevel: to, reason, note, handlingAreaId: area.id },
    },
    patch: { level: to, handling_area_id: area.id, dispatcher_id: null, assigned_due_at: null },
    notices: [{ users: dispatchers, kind: 'escalated', message: escalationNotice(reason, to, note, ctx.c) }],
  };
}

const handlers: { [A in CaseAction]: Handler<A> } = {
  async register(ctx, input) {
    const type = await ctx.tx
      .selectFrom('case_type')
      .select(['code', 'default_difficulty', 'active'])
      .where('code', '=', input.caseType)
      .executeTakeFirst();
    if (type?.active !== 1) throw badRequest('caseType', 'ref.unknown_case_type', { code: input.caseType });
    const difficulty = input.difficulty ?? (type.default_difficulty as Difficulty);
    return {
      event: {
        type: 'registered',
        payload: { caseType: type.code, difficulty, title: input.title, note: input.note },
      },
      patch: { case_type: type.code, difficulty, ...(input.title ? { title: input.title } : {}) },
    };
  },

  async reject(_ctx, input) {
    return {
      event: { type: 'rejected', payload: { reason: input.reason } },
      patch: { closed_at: _ctx.now.toISOString() },
    };
  },

  async merge(ctx, input) {
    if (input.intoCaseId === ctx.c.id) throw badRequest('intoCaseId', 'case.merge_into_itself');
    const target = await repo.findCase(ctx.tx, input.intoCaseId);
    if (!target) throw badRequest('intoCaseId', 'ref.no_such_case');
    // The target must be a case the merger may read: otherwise the merge would reveal it (403 as a read).
    const view = canView(ctx.actor, scopeOf(target, await repo.partiesOf(ctx.tx, target.id)));
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
  },

  async dispatch(ctx, input) {
    const level = ctx.c.level as Level;
    let userIds = await existingUsers(ctx.tx, input.handlerIds ?? [], 'handlerIds');
    let departmentIds = await existingDepartments(ctx.tx, input.departmentIds ?? [], 'departmentIds');
    let routed = false;
    if (userIds.length === 0 && departmentIds.length === 0) {
      if (level < 4) throw badRequest('handlerIds', 'case.handlers_required');
      if (!ctx.c.case_type) throw badRequest('caseType', 'case.type_before_routing');
      // 分流分调: level 4 routes by case type through the routing table.
      departmentIds = await ctx.routing(ctx.tx, ctx.c.case_type, ctx.c.grid_path);
      if (departmentIds.length === 0) {
        throw badRequest('departmentIds', 'case.no_routing_rule', { code: ctx.c.case_type });
      }
      routed = true;
    }
    if (level === 5 && departmentIds.length + userIds.length < 2) {
      throw badRequest('departmentIds', 'case.joint_needs_two');
    }
    let dueAt: string | undefined;
    if (input.dueAt !== undefined) {
      const due = new Date(input.dueAt);
      if (Number.isNaN(due.getTime())) throw badRequest('dueAt', 'validation.not_a_time');
      if (due <= ctx.now) throw badRequest('dueAt', 'validation.future');
      dueAt = due.toISOString();
    }
    const kind = level === 5 ? 'joint' : 'handler';
    userIds = [...new Set(userIds)];
    await repo.addParties(ctx.tx, ctx.c.id, level, kind, { userIds, departmentIds }, ctx.now.toISOString());
    const members = await repo.departmentMembers(ctx.tx, departmentIds, ctx.c.grid_path);
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
      notices: [
        {
          users: [...userIds, ...members],
          kind: 'assigned',
          message: { key: 'notice.assigned', params: { title: ctx.c.title } },
        },
      ],
    };
  },

  accept: (ctx, input) => acceptPart(ctx, input.note),

  // 退单: back to whoever dispatched it, at the same level (in joint handling: one department's part).
  send_back: (ctx, input) => sendBackPart(ctx, input.reason),

  async progress(_ctx, input) {
    return { event: { type: 'progress_recorded', payload: { note: input.note } } };
  },

  async mediate(_ctx, input) {
    return {
      event: {
        type: 'mediation_recorded',
        payload: {
          outcome: input.outcome,
          participants: input.participants,
          venue: input.venue,
          note: input.note,
        },
      },
    };
  },

  async link(ctx, input) {
    const userIds = await existingUsers(ctx.tx, input.userIds ?? [], 'userIds');
    const departmentIds = await existingDepartments(ctx.tx, input.departmentIds ?? [], 'departmentIds');
    if (userIds.length + departmentIds.length === 0) throw badRequest('userIds', 'case.link_needs_someone');
    await repo.addParties(
      ctx.tx,
      ctx.c.id,
      ctx.c.level,
      'collaborator',
      { userIds, departmentIds },
      ctx.now.toISOString(),
    );
    const members = await repo.departmentMembers(ctx.tx, departmentIds, ctx.c.grid_path);
    return {
      event: { type: 'collaborators_linked', payload: { userIds, departmentIds, note: input.note } },
      notices: [
        {
          users: [...userIds, ...members],
          kind: 'linked',
          message: { key: 'notice.linked', params: { title: ctx.c.title } },
        },
      ],
    };
  },

  feedback: (ctx, input) => reportPart(ctx, input.result, () => decidersOf(ctx)),

  async verify(ctx, input) {
    await repo.closeSupervisionOrders(ctx.tx, ctx.c.id, ctx.now.toISOString());
    return {
      event: { type: 'verified', payload: { note: input.note } },
      patch: { resolved_level: ctx.c.level },
    };
  },

  async rework(ctx, input) {
    await clearReports(ctx.tx, ctx.c.id); // every part reports again
    const users = await repo.activeHandlerUsers(ctx.tx, ctx.parties, ctx.c.grid_path);
    return {
      event: { type: 'rework_requested', payload: { reason: input.reason } },
      patch: { rework_count: ctx.c.rework_count + 1 },
      notices: [
        { users, kind: 'rework', message: { key: 'notice.rework', params: { reason: input.reason } } },
      ],
    };
  },

  async remind(ctx, input) {
    const users = ['registered', 'reported'].includes(ctx.c.status)
      ? await repo.usersWithRole(ctx.tx, dispatcherRoles(ctx.c.level as Level), ctx.c.handling_path, true)
      : await repo.activeHandlerUsers(ctx.tx, ctx.parties, ctx.c.grid_path);
    return {
      event: {
        type: 'reminded',
        payload: { ...(input.message ? { message: input.message } : {}), to: users },
      },
      notices: [{ users, kind: 'reminder', message: reminderNotice(input.message, ctx.c.title) }],
    };
  },

  async supervise(ctx, input) {
    const days = input.dueInWorkdays ?? 2;
    const dueAt = ctx.wt.addMinutes(ctx.now, days * ctx.wt.workdayMinutes).toISOString();
    const orderId = uuidv7();
    await repo.insertSupervisionOrder(ctx.tx, {
      id: orderId,
      case_id: ctx.c.id,
      inspector_id: ctx.actor.userId,
      reason: input.reason,
      due_at: dueAt,
      status: 'open',
      created_at: ctx.now.toISOString(),
      closed_at: null,
    });
    const users = await repo.activeHandlerUsers(ctx.tx, ctx.parties, ctx.c.grid_path);
    const deciders = await decidersOf(ctx);
    return {
      event: { type: 'supervised', payload: { orderId, reason: input.reason, dueAt } },
      patch: { supervised: 1 },
      notices: [
        {
          users: [...users, ...deciders],
          kind: 'supervision',
          message: { key: 'notice.supervised', params: { reason: input.reason, dueAt } },
        },
      ],
      supervisionDue: { orderId, dueAt },
    };
  },

  async escalate(ctx, input) {
    return escalationOutcome(ctx, input.reason, input.note);
  },

  async request_extension(ctx, input) {
    const id = await fileRequest(ctx, 'extension', input.reason, input.hours);
    const deciders = await decidersOf(ctx);
    return {
      event: {
        type: 'extension_requested',
        payload: { requestId: id, hours: input.hours, reason: input.reason },
      },
      notices: [
        {
          users: deciders,
          kind: 'extension_request',
          message: {
            key: 'notice.extension_requested',
            params: { hours: input.hours, reason: input.reason },
          },
        },
      ],
    };
  },

  async approve_extension(ctx, input) {
    const request = await decidePending(ctx, 'extension', 'approved');
    const base = ctx.c.step_due_at ? new Date(ctx.c.step_due_at) : ctx.now;
    const dueAt = ctx.wt.addMinutes(base, (request.amount ?? 0) * 60).toISOString();
    return {
      event: {
        type: 'extension_approved',
        payload: { requestId: request.id, hours: request.amount, dueAt, note: input.note },
      },
      patch: { step_due_at: dueAt, extension_count: ctx.c.extension_count + 1 },
      clock: { kind: 'reschedule' },
      // The step's clock is shared: every handler (each joint department) learns the new deadline.
      notices: [
        {
          users: [
            request.requested_by,
            ...(await repo.activeHandlerUsers(ctx.tx, ctx.parties, ctx.c.grid_path)),
          ],
          kind: 'extension_decided',
          message: { key: 'notice.extension_approved', params: { dueAt } },
        },
      ],
    };
  },

  async refuse_extension(ctx, input) {
    const request = await decidePending(ctx, 'extension', 'refused');
    return {
      event: { type: 'extension_refused', payload: { requestId: request.id, note: input.note } },
      notices: [
        {
          users: [request.requested_by],
          kind: 'extension_decided',
          message: input.note
            ? { key: 'notice.extension_refused_note', params: { note: input.note } }
            : { key: 'notice.extension_refused' },
        },
      ],
    };
  },

  async suspend(ctx, input) {
    // 挂账: the clock stops; resume shifts the deadline by the time spent suspended.
    return {
      event: { type: 'suspended', payload: { reason: input.reason } },
      patch: { suspended_from: ctx.c.status, suspended_at: ctx.now.toISOString() },
      clock: { kind: 'stop' },
    };
  },

  async resume(ctx, input) {
    const from = (ctx.c.suspended_from ?? 'registered') as CaseStatus;
    const suspendedAt = ctx.c.suspended_at ? new Date(ctx.c.suspended_at) : ctx.now;
    const stopped = ctx.wt.minutesBetween(suspendedAt, ctx.now);
    const shift = (iso: string | null) =>
      iso ? ctx.wt.addMinutes(new Date(iso), stopped).toISOString() : null;
    return {
      event: { type: 'resumed', payload: { note: input.note, stoppedWorkingMinutes: stopped, status: from } },
      transition: { suspendedFrom: from },
      patch: {
        suspended_from: null,
        suspended_at: null,
        step_started_at: shift(ctx.c.step_started_at),
        step_due_at: shift(ctx.c.step_due_at),
      },
      clock: { kind: 'reschedule' },
    };
  },

  async request_void(ctx, input) {
    const id = await fileRequest(ctx, 'void', input.reason, null);
    const deciders = await decidersOf(ctx);
    return {
      event: { type: 'void_requested', payload: { requestId: id, reason: input.reason } },
      notices: [
        {
          users: deciders,
          kind: 'void_request',
          message: { key: 'notice.void_requested', params: { reason: input.reason } },
        },
      ],
    };
  },

  async approve_void(ctx, input) {
    const request = await decidePending(ctx, 'void', 'approved');
    await repo.deactivateParties(ctx.tx, ctx.c.id);
    await repo.closeSupervisionOrders(ctx.tx, ctx.c.id, ctx.now.toISOString());
    return {
      event: { type: 'voided', payload: { requestId: request.id, reason: request.reason, note: input.note } },
      patch: { closed_at: ctx.now.toISOString() },
    };
  },

  async refuse_void(ctx, input) {
    const request = await decidePending(ctx, 'void', 'refused');
    return { event: { type: 'void_refused', payload: { requestId: request.id, note: input.note } } };
  },

  async visit(ctx, input) {
    // Five stars with "not satisfied" is a mis-tap, not an answer: ask again rather than reopen.
    if (!input.satisfied && input.rating === MAX_RATING) {
      throw badRequest('rating', 'case.rating_contradicts');
    }
    if (input.satisfied) {
      return {
        event: {
          type: 'visited',
          payload: { satisfied: true, rating: input.rating, comment: input.comment },
        },
        transition: { satisfied: true },
        patch: { satisfaction: 'satisfied' },
      };
    }
    // Not satisfied: reopened for rework by the same handlers (返工); every part reports again.
    await clearReports(ctx.tx, ctx.c.id);
    const users = await repo.activeHandlerUsers(ctx.tx, ctx.parties, ctx.c.grid_path);
    return {
      event: {
        type: 'reopened',
        payload: { satisfied: false, rating: input.rating, comment: input.comment },
      },
      transition: { satisfied: false },
      patch: { satisfaction: 'unsatisfied', rework_count: ctx.c.rework_count + 1, resolved_level: null },
      notices: [
        {
          users,
          kind: 'reopened',
          message: { key: 'notice.reopened', params: { comment: input.comment ?? '' } },
        },
      ],
    };
  },

  async close(ctx, input) {
    const finalDifficulty =
      input.finalDifficulty ??
      suggestFinalDifficulty(ctx.c.level, new Date(ctx.c.created_at), ctx.now, ctx.c.difficulty);
    await repo.deactivateParties(ctx.tx, ctx.c.id);
    await repo.closeSupervisionOrders(ctx.tx, ctx.c.id, ctx.now.toISOString());
    return {
      event: { type: 'archived', payload: { finalDifficulty, note: input.note } },
      patch: { final_difficulty: finalDifficulty, closed_at: ctx.now.toISOString() },
    };
  },
};

export function runAction<A extends CaseAction>(ctx: ActionContext, action: A, input: ActionInputs[A]) {
  return (handlers[action] as Handler<A>)(ctx, input);
}
