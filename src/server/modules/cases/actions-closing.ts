/** Outcomes of the actions around the result: remind, supervise, verify, rework, visit, close. */
import type { Difficulty, Level } from '../../../shared/domain.ts';
import { badRequest, type Message } from '../../platform/errors.ts';
import type { ActionContext, ActionInputs, ActionOutcome } from './action-types.ts';
import { decidersOf } from './actions-requests.ts';
import { dispatcherRoles } from './policy.ts';

/** The top of the return-visit scale (1–5 stars). */
const MAX_RATING = 5;

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

/** A reminder (催办): the sender's own words, or the standard one naming the case. */
function reminderNotice(text: string | undefined, title: string): Message {
  return text ? { key: 'notice.text', params: { text } } : { key: 'notice.reminder', params: { title } };
}

const handlersOf = (ctx: ActionContext) => ctx.read.activeHandlerUsers(ctx.parties, ctx.c.grid_path);

export async function verify(ctx: ActionContext, input: ActionInputs['verify']): Promise<ActionOutcome> {
  return {
    event: { type: 'verified', payload: { note: input.note } },
    patch: { resolved_level: ctx.c.level },
    writes: [{ op: 'close_supervision_orders' }],
  };
}

export async function rework(ctx: ActionContext, input: ActionInputs['rework']): Promise<ActionOutcome> {
  return {
    event: { type: 'rework_requested', payload: { reason: input.reason } },
    patch: { rework_count: ctx.c.rework_count + 1 },
    writes: [{ op: 'clear_reports' }], // every part reports again
    notices: [
      {
        users: await handlersOf(ctx),
        kind: 'rework',
        message: { key: 'notice.rework', params: { reason: input.reason } },
      },
    ],
  };
}

export async function remind(ctx: ActionContext, input: ActionInputs['remind']): Promise<ActionOutcome> {
  const users = ['registered', 'reported'].includes(ctx.c.status)
    ? await ctx.read.usersWithRole(dispatcherRoles(ctx.c.level as Level), ctx.c.handling_path)
    : await handlersOf(ctx);
  return {
    event: { type: 'reminded', payload: { ...(input.message ? { message: input.message } : {}), to: users } },
    notices: [{ users, kind: 'reminder', message: reminderNotice(input.message, ctx.c.title) }],
  };
}

export async function supervise(
  ctx: ActionContext,
  input: ActionInputs['supervise'],
): Promise<ActionOutcome> {
  const days = input.dueInWorkdays ?? 2;
  const dueAt = ctx.wt.addMinutes(ctx.now, days * ctx.wt.workdayMinutes).toISOString();
  const orderId = ctx.newId();
  const users = await handlersOf(ctx);
  const deciders = await decidersOf(ctx);
  return {
    event: { type: 'supervised', payload: { orderId, reason: input.reason, dueAt } },
    patch: { supervised: 1 },
    writes: [
      {
        op: 'open_supervision_order',
        id: orderId,
        inspectorId: ctx.actor.userId,
        reason: input.reason,
        dueAt,
      },
    ],
    notices: [
      {
        users: [...users, ...deciders],
        kind: 'supervision',
        message: { key: 'notice.supervised', params: { reason: input.reason, dueAt } },
      },
    ],
    supervisionDue: { orderId, dueAt },
  };
}

export async function visit(ctx: ActionContext, input: ActionInputs['visit']): Promise<ActionOutcome> {
  // Five stars with "not satisfied" is a mis-tap, not an answer: ask again rather than reopen.
  if (!input.satisfied && input.rating === MAX_RATING) {
    throw badRequest('rating', 'case.rating_contradicts');
  }
  if (input.satisfied) {
    return {
      event: { type: 'visited', payload: { satisfied: true, rating: input.rating, comment: input.comment } },
      transition: { satisfied: true },
      patch: { satisfaction: 'satisfied' },
    };
  }
  // Not satisfied: reopened for rework by the same handlers (返工); every part reports again.
  return {
    event: { type: 'reopened', payload: { satisfied: false, rating: input.rating, comment: input.comment } },
    transition: { satisfied: false },
    patch: { satisfaction: 'unsatisfied', rework_count: ctx.c.rework_count + 1, resolved_level: null },
    writes: [{ op: 'clear_reports' }],
    notices: [
      {
        users: await handlersOf(ctx),
        kind: 'reopened',
        message: { key: 'notice.reopened', params: { comment: input.comment ?? '' } },
      },
    ],
  };
}

export async function close(ctx: ActionContext, input: ActionInputs['close']): Promise<ActionOutcome> {
  const finalDifficulty =
    input.finalDifficulty ??
    suggestFinalDifficulty(ctx.c.level, new Date(ctx.c.created_at), ctx.now, ctx.c.difficulty);
  return {
    event: { type: 'archived', payload: { finalDifficulty, note: input.note } },
    patch: { final_difficulty: finalDifficulty, closed_at: ctx.now.toISOString() },
    writes: [{ op: 'deactivate_parties' }, { op: 'close_supervision_orders' }],
  };
}
