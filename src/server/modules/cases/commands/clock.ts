/** The step clock of a status: its columns on the case and its reminder jobs (pure). */
import type { CaseStatus, Level } from '../../../../shared/domain.ts';
import type { NewJob, WorkingTime } from '../ports.ts';
import type { CaseRow } from '../repository.ts';
import { stepOf } from '../state-machine.ts';
import { stepJobs } from '../step-clock.ts';

/**
 * Step-clock columns and reminder jobs for the step of `status`, starting now — or, when `times`
 * is given, keeping those times (extension, resume). Handling is due when the dispatcher said, if
 * they said, else by the deadline rules.
 */
export function armClock(
  c: { id: string; caseType: string | null; level: Level; assignedDueAt: string | null },
  status: CaseStatus,
  stepSeq: number,
  wt: WorkingTime,
  now: Date,
  times?: { startedAt: string | null; dueAt: string | null },
): { patch: Partial<CaseRow>; jobs: NewJob[] } {
  const step = stepOf(status);
  if (!step)
    return { patch: { step: null, step_seq: stepSeq, step_started_at: null, step_due_at: null }, jobs: [] };
  const startedAt = times?.startedAt ? new Date(times.startedAt) : now;
  let due: Date | undefined;
  if (times) due = times.dueAt ? new Date(times.dueAt) : undefined;
  else if (step === 'handle' && c.assignedDueAt && new Date(c.assignedDueAt) > now)
    due = new Date(c.assignedDueAt);
  else due = wt.dueAt(step, c.level, c.caseType, now);
  const patch = {
    step,
    step_seq: stepSeq,
    step_started_at: startedAt.toISOString(),
    step_due_at: due?.toISOString() ?? null,
  };
  if (!due) return { patch, jobs: [] };
  return { patch, jobs: stepJobs(c.id, stepSeq, startedAt, due, wt, now) };
}
