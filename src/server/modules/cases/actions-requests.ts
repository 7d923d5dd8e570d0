/** Outcomes of requests and their decisions (延期 extension, 作废 void) and of 挂账 suspend / resume. */
import type { CaseStatus, Level } from '../../../shared/domain.ts';
import { conflict, type MessageKey } from '../../platform/errors.ts';
import type {
  ActionContext,
  ActionInputs,
  ActionOutcome,
  PendingRequest,
  RequestKind,
} from './action-types.ts';
import { deciderRoles } from './policy.ts';

const PENDING: Record<RequestKind, MessageKey> = {
  extension: 'case.extension_pending',
  void: 'case.void_pending',
};
const NONE_PENDING: Record<RequestKind, MessageKey> = {
  extension: 'case.no_pending_extension',
  void: 'case.no_pending_void',
};

/** Everyone who decides at the case's level within its handling area (verify, extend, void). */
export function decidersOf(ctx: ActionContext): Promise<string[]> {
  return ctx.read.usersWithRole(deciderRoles(ctx.c.level as Level), ctx.c.handling_path);
}

/** A new pending request of the actor; one of a kind may be pending at a time (409 otherwise). */
async function fileRequest(ctx: ActionContext, kind: RequestKind, reason: string, amount: number | null) {
  if (await ctx.read.pendingRequest(kind)) throw conflict(PENDING[kind]);
  const id = ctx.newId();
  return {
    id,
    write: { op: 'file_request', id, kind, requestedBy: ctx.actor.userId, reason, amount } as const,
  };
}

/** The pending request of a kind (409 if none) and the write approving or refusing it. */
async function decidePending(ctx: ActionContext, kind: RequestKind, decision: 'approved' | 'refused') {
  const request: PendingRequest | undefined = await ctx.read.pendingRequest(kind);
  if (!request) throw conflict(NONE_PENDING[kind]);
  return {
    request,
    write: { op: 'decide_request', id: request.id, decision, by: ctx.actor.userId } as const,
  };
}

export async function requestExtension(
  ctx: ActionContext,
  input: ActionInputs['request_extension'],
): Promise<ActionOutcome> {
  const { id, write } = await fileRequest(ctx, 'extension', input.reason, input.hours);
  return {
    event: {
      type: 'extension_requested',
      payload: { requestId: id, hours: input.hours, reason: input.reason },
    },
    writes: [write],
    notices: [
      {
        users: await decidersOf(ctx),
        kind: 'extension_request',
        message: { key: 'notice.extension_requested', params: { hours: input.hours, reason: input.reason } },
      },
    ],
  };
}

export async function approveExtension(
  ctx: ActionContext,
  input: ActionInputs['approve_extension'],
): Promise<ActionOutcome> {
  const { request, write } = await decidePending(ctx, 'extension', 'approved');
  const base = ctx.c.step_due_at ? new Date(ctx.c.step_due_at) : ctx.now;
  const dueAt = ctx.wt.addMinutes(base, (request.amount ?? 0) * 60).toISOString();
  return {
    event: {
      type: 'extension_approved',
      payload: { requestId: request.id, hours: request.amount, dueAt, note: input.note },
    },
    patch: { step_due_at: dueAt, extension_count: ctx.c.extension_count + 1 },
    writes: [write],
    clock: { kind: 'reschedule' },
    // The step's clock is shared: every handler (each joint department) learns the new deadline.
    notices: [
      {
        users: [request.requested_by, ...(await ctx.read.activeHandlerUsers(ctx.parties, ctx.c.grid_path))],
        kind: 'extension_decided',
        message: { key: 'notice.extension_approved', params: { dueAt } },
      },
    ],
  };
}

export async function refuseExtension(
  ctx: ActionContext,
  input: ActionInputs['refuse_extension'],
): Promise<ActionOutcome> {
  const { request, write } = await decidePending(ctx, 'extension', 'refused');
  return {
    event: { type: 'extension_refused', payload: { requestId: request.id, note: input.note } },
    writes: [write],
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
}

/** 挂账: the clock stops; resume shifts the deadline by the time spent suspended. */
export async function suspend(ctx: ActionContext, input: ActionInputs['suspend']): Promise<ActionOutcome> {
  return {
    event: { type: 'suspended', payload: { reason: input.reason } },
    patch: { suspended_from: ctx.c.status, suspended_at: ctx.now.toISOString() },
    clock: { kind: 'stop' },
  };
}

export async function resume(ctx: ActionContext, input: ActionInputs['resume']): Promise<ActionOutcome> {
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
}

export async function requestVoid(
  ctx: ActionContext,
  input: ActionInputs['request_void'],
): Promise<ActionOutcome> {
  const { id, write } = await fileRequest(ctx, 'void', input.reason, null);
  return {
    event: { type: 'void_requested', payload: { requestId: id, reason: input.reason } },
    writes: [write],
    notices: [
      {
        users: await decidersOf(ctx),
        kind: 'void_request',
        message: { key: 'notice.void_requested', params: { reason: input.reason } },
      },
    ],
  };
}

export async function approveVoid(
  ctx: ActionContext,
  input: ActionInputs['approve_void'],
): Promise<ActionOutcome> {
  const { request, write } = await decidePending(ctx, 'void', 'approved');
  return {
    event: { type: 'voided', payload: { requestId: request.id, reason: request.reason, note: input.note } },
    patch: { closed_at: ctx.now.toISOString() },
    writes: [write, { op: 'deactivate_parties' }, { op: 'close_supervision_orders' }],
  };
}

export async function refuseVoid(
  ctx: ActionContext,
  input: ActionInputs['refuse_void'],
): Promise<ActionOutcome> {
  const { request, write } = await decidePending(ctx, 'void', 'refused');
  return {
    event: { type: 'void_refused', payload: { requestId: request.id, note: input.note } },
    writes: [write],
  };
}
