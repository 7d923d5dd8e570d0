/**
 * Signed checkpoints on a schedule: every hour the scheduler signs the history up to now if anything
 * was appended since the last checkpoint, so a later rewrite of sealed entries is caught even if every hash is recomputed.
 */
import type { Queryable } from '../../platform/db/database.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { JobHandler } from '../jobs/scheduler.ts';
import type { CheckpointSealer } from './checkpoints.ts';

export const CHECKPOINT_JOB = 'ledger.checkpoint';
const HOUR = 3_600_000;

/** Enqueues the checkpoint for the next full hour after `now` (once, whatever the number of nodes). */
export async function scheduleNextCheckpoint(q: Queryable, now: Date): Promise<void> {
  const next = new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
  await enqueueJob(q, {
    kind: CHECKPOINT_JOB,
    runAt: next.toISOString(),
    dedupeKey: `${CHECKPOINT_JOB}:${next.toISOString()}`,
    payload: {},
  });
}

/** The scheduler handler: seal (sign, export, send) a checkpoint, then arm the next one. */
export function ledgerJobHandlers(db: Queryable, sealer: CheckpointSealer): Record<string, JobHandler> {
  return {
    [CHECKPOINT_JOB]: async (_job, ctx) => {
      await sealer.seal(ctx.now);
      await scheduleNextCheckpoint(db, ctx.now);
    },
  };
}
