/**
 * Accept, report (反馈) and send back (退单) for one handler's part of a case; in level-5 joint
 * handling (联管联调) each department does these for its own part (rules in parts.ts).
 * Like every action they compute an outcome; the writes are done by apply().
 */
import { conflict } from '../../platform/errors.ts';
import type { ActionContext, ActionOutcome } from './action-types.ts';
import { afterSendBack, isJoint, partRefusal, partsOutstandingAfterReport } from './parts.ts';
import { ownParts } from './policy.ts';
import { scopeOf } from './scope.ts';

const idsOf = (ps: { id?: string }[]) => ps.map((p) => p.id).filter((id): id is string => id !== undefined);

function own(ctx: ActionContext) {
  const scope = scopeOf(ctx.c, ctx.parties);
  return { scope, mine: ownParts(ctx.actor, scope, ['handler', 'joint']) };
}

/** The handler (or department) accepts its part; the first acceptance starts handling. */
export async function acceptPart(ctx: ActionContext, note: string | undefined): Promise<ActionOutcome> {
  const { scope, mine } = own(ctx);
  const refusal = partRefusal('accept', mine);
  if (refusal) throw conflict(refusal);
  const departmentIds = mine.map((p) => p.departmentId).filter((d) => d !== null);
  return {
    event: { type: 'accepted', payload: { note, ...(isJoint(scope) ? { departmentIds } : {}) } },
    writes: [{ op: 'mark_accepted', partyIds: idsOf(mine.filter((p) => !p.accepted)) }],
  };
}

/**
 * The handler reports its result. In joint handling the case waits for every department's part and
 * then carries all of them as its result; otherwise this report is the case's.
 */
export async function reportPart(
  ctx: ActionContext,
  result: string,
  deciders: () => Promise<string[]>,
): Promise<ActionOutcome> {
  const { scope, mine } = own(ctx);
  const refusal = partRefusal('feedback', mine);
  if (refusal) throw conflict(refusal);
  const reporting = mine.filter((p) => p.accepted && !p.reported);
  const marked = { op: 'mark_reported', partyIds: idsOf(reporting), result } as const;
  const outstanding = partsOutstandingAfterReport(scope, reporting);
  const departmentIds = reporting.map((p) => p.departmentId).filter((d) => d !== null);
  if (outstanding) {
    return {
      event: { type: 'feedback_submitted', payload: { result, departmentIds, partsOutstanding: true } },
      transition: { partsOutstanding: true },
      writes: [marked],
    };
  }
  const joint = isJoint(scope);
  return {
    event: { type: 'feedback_submitted', payload: { result, ...(joint ? { departmentIds } : {}) } },
    patch: joint ? {} : { result },
    writes: joint ? [marked, { op: 'combine_result' }] : [marked],
    transition: { partsOutstanding: false },
    notices: [
      {
        users: await deciders(),
        kind: 'to_verify',
        message: { key: 'notice.to_verify', params: { title: ctx.c.title } },
      },
    ],
  };
}

/**
 * 退单: the handler sends its part back to whoever dispatched it. In joint handling the other
 * departments keep theirs; the case returns to the dispatcher only when no handling part is left.
 */
export async function sendBackPart(ctx: ActionContext, reason: string): Promise<ActionOutcome> {
  const { scope, mine } = own(ctx);
  const left = afterSendBack(scope, mine);
  const departmentIds = mine.map((p) => p.departmentId).filter((d) => d !== null);
  return {
    event: {
      type: 'sent_back',
      payload: { reason, dispatcherId: ctx.c.dispatcher_id, ...(left !== 'none' ? { departmentIds } : {}) },
    },
    patch: {
      sent_back_count: ctx.c.sent_back_count + 1,
      ...(left === 'none' ? { assigned_due_at: null } : {}),
    },
    writes: [
      left === 'none' ? { op: 'deactivate_parties' } : { op: 'deactivate_parts', partyIds: idsOf(mine) },
      ...(left === 'all_reported' ? [{ op: 'combine_result' } as const] : []),
    ],
    transition: { partsLeft: left },
    notices: ctx.c.dispatcher_id
      ? [
          {
            users: [ctx.c.dispatcher_id],
            kind: 'sent_back',
            message: { key: 'notice.sent_back', params: { reason } },
          },
        ]
      : [],
  };
}
