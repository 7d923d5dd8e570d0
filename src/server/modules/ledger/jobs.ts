/**
 * Signed checkpoints on a schedule: every hour the scheduler signs the history up to now if anything
 * was appended since the last checkpoint, so a later rewrite of sealed entries is caught even if every hash is recomputed.
 */
import { Type } from 'typebox';
import type { Queryable } from '../../database.ts';
import { bindJobs, defineJob } from '../jobs/define.ts';
import type { JobHandler } from '../jobs/scheduler.ts';
import type { CheckpointSealer } from './checkpoints.ts';

export const CHECKPOINT_JOB = 'ledger.checkpoint';
const HOUR = 3_600_000;

/** Enqueues the checkpoint for the next full hour after `now` (once, whatever the number of nodes). */
export async function scheduleNextCheckpoint(q: Queryable, now: Date): Promise<void> {
  const next = new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
  await checkpointJob.enqueue(q, {
    runAt: next.toISOString(),
    dedupeKey: `${CHECKPOINT_JOB}:${next.toISOString()}`,
    payload: {},
  });
}

/** Seal (sign, export, send) a checkpoint, then arm the next one. */
const checkpointJob = defineJob({
  type: CHECKPOINT_JOB,
  payload: Type.Object({}, { additionalProperties: false }),
  async handle(_payload, deps: { db: Queryable; sealer: CheckpointSealer }, { ctx }) {
    await deps.sealer.seal(ctx.now);
    await scheduleNextCheckpoint(deps.db, ctx.now);
  },
});

/** The scheduler handlers of the ledger. */
export function ledgerJobHandlers(db: Queryable, sealer: CheckpointSealer): Record<string, JobHandler> {
  return bindJobs([checkpointJob], { db, sealer });
}
