/**
 * When an administrator edits the deadline rules or the working calendar, the steps already
 * running are re-timed and their reminder and overdue jobs re-armed (definition in ARCHITECTURE.md):
 * - a step keeps the working time it was given beyond its rule (an approved extension), and its
 *   rule part becomes the new rule's: due = start + (allowed − old limit + new limit) on the new calendar;
 * - a handling step whose due time the dispatcher set (an explicit date) keeps that date;
 * - suspended cases are re-timed when they resume (their stopped time is counted on the calendar then).
 * Each change is a `deadline_changed` entry in the case's history.
 */
import type { Level, LoopStep } from '../../../shared/domain.ts';
import type { DatabaseHandle } from '../../database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AppendEventsPort, DeadlinePort, EnqueuePort, WorkingTime } from './ports.ts';
import * as repo from './repository.ts';
import { stepJobs } from './step-clock.ts';

export interface RearmDeps {
  database: DatabaseHandle;
  clock: Clock;
  deadlines: DeadlinePort;
  enqueue: EnqueuePort;
  appendEvents: AppendEventsPort;
}

/** Why the deadlines moved. */
export type RearmReason = 'rules' | 'calendar';

/** The new due time of a running step, or undefined when it stays. */
export function retimedDue(
  c: {
    step: LoopStep;
    level: Level;
    caseType: string | null;
    startedAt: Date;
    dueAt: Date;
    assignedDueAt: string | null;
  },
  before: WorkingTime,
  after: WorkingTime,
): Date | undefined {
  if (c.step === 'handle' && c.assignedDueAt !== null) return undefined; // the dispatcher's date stands
  const oldLimit = before.limitMinutes(c.step, c.level, c.caseType);
  const newLimit = after.limitMinutes(c.step, c.level, c.caseType);
  if (oldLimit === undefined || newLimit === undefined) return undefined;
  const allowed = before.minutesBetween(c.startedAt, c.dueAt) - oldLimit + newLimit;
  const due = after.addMinutes(c.startedAt, Math.max(0, allowed));
  return due.getTime() === c.dueAt.getTime() ? undefined : due;
}

/** Re-times every running step after an edit; `before` is the working time in force until the edit. */
export function createDeadlineRearm(deps: RearmDeps) {
  const { db, dialect } = deps.database;
  return async function rearmLiveDeadlines(before: WorkingTime, reason: RearmReason): Promise<number> {
    const after = await deps.deadlines.current();
    const live = await db
      .selectFrom('case_file')
      .select('id')
      .where('step_due_at', 'is not', null)
      .where('status', 'not in', ['suspended', 'archived', 'rejected', 'merged', 'voided'])
      .execute();
    let changed = 0;
    for (const { id } of live) {
      await db.transaction().execute(async (tx) => {
        const c = await repo.findCase(tx, id, { dialect });
        if (!c?.step || !c.step_started_at || !c.step_due_at || c.status === 'suspended') return;
        const due = retimedDue(
          {
            step: c.step as LoopStep,
            level: c.level as Level,
            caseType: c.case_type,
            startedAt: new Date(c.step_started_at),
            dueAt: new Date(c.step_due_at),
            assignedDueAt: c.assigned_due_at,
          },
          before,
          after,
        );
        if (!due) return;
        const now = deps.clock.now();
        const stepSeq = c.step_seq + 1; // the old step's jobs find a different sequence and do nothing
        await repo.updateCase(tx, c.id, c.version, {
          step_due_at: due.toISOString(),
          step_seq: stepSeq,
          updated_at: now.toISOString(),
        });
        for (const job of stepJobs(c.id, stepSeq, new Date(c.step_started_at), due, after, now))
          await deps.enqueue(tx, job);
        await deps.appendEvents(tx, dialect, [
          {
            caseId: c.id,
            type: 'deadline_changed',
            actorId: null,
            actorRole: 'system',
            at: now.toISOString(),
            payload: { step: c.step, reason, fromDueAt: c.step_due_at, toDueAt: due.toISOString() },
          },
        ]);
        changed++;
      });
    }
    return changed;
  };
}
