/**
 * What each workflow action does to a case, computed without writing anything: from the case as it
 * is, its parties, the command and what the read port answers, an outcome — new columns, the
 * writes to do (parties, requests, orders), notifications, and the history entry. One small
 * function per action (actions-flow.ts, actions-requests.ts, actions-closing.ts, part-actions.ts);
 * the act command locks, checks policy and state, and apply() writes the outcome.
 */
import type { ActionContext, ActionInputs, ActionOutcome } from './action-types.ts';
import { close, remind, rework, supervise, verify, visit } from './actions-closing.ts';
import { dispatch, escalationOutcome, link, merge, register } from './actions-flow.ts';
import {
  approveExtension,
  approveVoid,
  decidersOf,
  refuseExtension,
  refuseVoid,
  requestExtension,
  requestVoid,
  resume,
  suspend,
} from './actions-requests.ts';
import { ACTION_EVENTS, CaseEventError } from './events.ts';
import { acceptPart, reportPart, sendBackPart } from './part-actions.ts';
import type { CaseAction } from './state-machine.ts';

export type {
  ActionContext,
  ActionInputs,
  ActionOutcome,
  ActionReads,
  CaseWrite,
  Notice,
} from './action-types.ts';
export { suggestFinalDifficulty } from './actions-closing.ts';
export { escalationOutcome } from './actions-flow.ts';

type Handler<A extends CaseAction> = (ctx: ActionContext, input: ActionInputs[A]) => Promise<ActionOutcome>;

const handlers: { [A in CaseAction]: Handler<A> } = {
  register,
  async reject(ctx, input) {
    return {
      event: { type: 'rejected', payload: { reason: input.reason } },
      patch: { closed_at: ctx.now.toISOString() },
    };
  },
  merge,
  dispatch,
  accept: (ctx, input) => acceptPart(ctx, input.note),
  // 退单: back to whoever dispatched it, at the same level (in joint handling: one department's part).
  send_back: (ctx, input) => sendBackPart(ctx, input.reason),
  async progress(_ctx, input) {
    return { event: { type: 'progress_recorded', payload: { note: input.note } } };
  },
  async mediate(_ctx, input) {
    const { outcome, participants, venue, note } = input;
    return { event: { type: 'mediation_recorded', payload: { outcome, participants, venue, note } } };
  },
  link,
  feedback: (ctx, input) => reportPart(ctx, input.result, () => decidersOf(ctx)),
  verify,
  rework,
  remind,
  supervise,
  escalate: (ctx, input) => escalationOutcome(ctx, input.reason, input.note),
  request_extension: requestExtension,
  approve_extension: approveExtension,
  refuse_extension: refuseExtension,
  suspend,
  resume,
  request_void: requestVoid,
  approve_void: approveVoid,
  refuse_void: refuseVoid,
  visit,
  close,
};

/** The outcome of `action` with `input` on the case in `ctx` (throws 400/403/409 as the rules say). */
export async function runAction<A extends CaseAction>(
  ctx: ActionContext,
  action: A,
  input: ActionInputs[A],
): Promise<ActionOutcome> {
  const outcome = await (handlers[action] as Handler<A>)(ctx, input);
  if (!ACTION_EVENTS[action].includes(outcome.event.type))
    throw new CaseEventError(`action ${action} may not record ${outcome.event.type}`);
  return outcome;
}
