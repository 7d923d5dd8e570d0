/**
 * The jobs behind a step's clock (SPEC §4): the reminder at 80 % of the step's working time, the
 * overdue check at its due time, and a flag to the administrators when the step is counted over a
 * year that has no calendar (Monday–Friday is then assumed).
 */
import type { NewJob, WorkingTime } from './ports.ts';

/** Job kinds the case module handles (see the service's jobHandlers). */
export const CASE_JOBS = {
  near: 'case.deadline_near',
  overdue: 'case.overdue',
  supervisionOverdue: 'case.supervision_overdue',
  calendarMissing: 'calendar.missing_year',
} as const;

/** Share of a step's working time after which its handlers are reminded (the yellow light). */
export const REMIND_AT = 0.8;

/** The reminder and overdue jobs of step `stepSeq` of a case, running from `startedAt` to `due`. */
export function stepJobs(
  caseId: string,
  stepSeq: number,
  startedAt: Date,
  due: Date,
  wt: WorkingTime,
  now: Date,
): NewJob[] {
  const total = wt.minutesBetween(startedAt, due);
  const near = wt.addMinutes(startedAt, Math.floor(total * REMIND_AT));
  const payload = { caseId, stepSeq };
  return [
    { kind: CASE_JOBS.near, runAt: near.toISOString(), dedupeKey: `case:${caseId}:${stepSeq}:near`, payload },
    {
      kind: CASE_JOBS.overdue,
      runAt: due.toISOString(),
      dedupeKey: `case:${caseId}:${stepSeq}:overdue`,
      payload,
    },
    // Once per missing year (the dedupe key outlives the job), whichever case first meets it.
    ...wt.uncoveredYears(startedAt, due).map((year) => ({
      kind: CASE_JOBS.calendarMissing,
      runAt: now.toISOString(),
      dedupeKey: `calendar-missing:${year}`,
      payload: { year, caseId },
    })),
  ];
}
