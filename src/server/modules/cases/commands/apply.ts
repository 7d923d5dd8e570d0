/** Writes an action's outcome: its writes, status, clock, columns, notifications, jobs and the history entry. */

import type { Transaction } from 'kysely';
import type { CaseStatus, Level } from '../../../../shared/domain.ts';
import type { ActionOutcome } from '../action-types.ts';
import { performWrites } from '../action-writes.ts';
import type { NewJob, WorkingTime } from '../ports.ts';
import * as repo from '../repository.ts';
import type { CasesTables } from '../schema.ts';
import { isTerminal } from '../state-machine.ts';
import { CASE_JOBS } from '../step-clock.ts';
import { armClock } from './clock.ts';
import type { CaseServiceDeps } from './deps.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Tx = Transaction<CasesTables>;

export type ApplyDeps = Pick<CaseServiceDeps, 'database' | 'enqueue' | 'appendEvents'>;

/** Applies `outcome` to case `c` moving to `status`, inside `tx`. */
export async function applyOutcome(
  deps: ApplyDeps,
  tx: Tx,
  c: repo.CaseWithPaths,
  outcome: ActionOutcome,
  status: CaseStatus,
  actor: { actorId: string | null; actorRole: string | null },
  wt: WorkingTime,
  now: Date,
): Promise<void> {
  const nowIso = now.toISOString();
  const implied = await performWrites(tx, c.id, nowIso, outcome.writes ?? []);
  const patch: Partial<repo.CaseRow> = { ...outcome.patch, ...implied, status, updated_at: nowIso };
  const level = (patch.level ?? c.level) as Level;
  const clockCase = {
    id: c.id,
    level,
    caseType: patch.case_type ?? c.case_type,
    assignedDueAt: patch.assigned_due_at !== undefined ? patch.assigned_due_at : c.assigned_due_at,
  };
  const jobs: NewJob[] = [];
  const clock = outcome.clock;
  const moved = status !== c.status || level !== c.level;
  if (clock?.kind === 'stop') {
    patch.step_seq = c.step_seq + 1;
  } else if (clock?.kind === 'reschedule') {
    const armed = armClock(clockCase, status, c.step_seq + 1, wt, now, {
      startedAt: patch.step_started_at ?? c.step_started_at,
      dueAt: patch.step_due_at ?? c.step_due_at,
    });
    Object.assign(patch, armed.patch);
    jobs.push(...armed.jobs);
  } else if (moved || clock?.kind === 'restart') {
    const armed = armClock(clockCase, status, c.step_seq + 1, wt, now);
    Object.assign(patch, armed.patch);
    jobs.push(...armed.jobs);
  }
  if (isTerminal(status)) patch.closed_at = patch.closed_at ?? nowIso;
  await repo.updateCase(tx, c.id, c.version, patch);
  for (const n of outcome.notices ?? []) await repo.notify(tx, n.users, c.id, n.kind, n.message, nowIso);
  if (outcome.supervisionDue) {
    jobs.push({
      kind: CASE_JOBS.supervisionOverdue,
      runAt: outcome.supervisionDue.dueAt,
      dedupeKey: `supervision:${outcome.supervisionDue.orderId}`,
      payload: { caseId: c.id, orderId: outcome.supervisionDue.orderId },
    });
  }
  for (const job of jobs) await deps.enqueue(tx, job);
  // The history entry goes last: on PostgreSQL it takes the ledger-head lock, held until commit.
  await deps.appendEvents(tx, deps.database.dialect, [
    {
      caseId: c.id,
      type: outcome.event.type,
      ...actor,
      at: nowIso,
      payload: { ...outcome.event.payload, fromStatus: c.status, toStatus: status, level },
    },
  ]);
}
