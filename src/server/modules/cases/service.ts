/**
 * The case service: the one API the routes, Open311 and the demo call. A thin facade over the
 * commands in commands/ (one use case per file); each command's writes and its history entries
 * commit in one transaction.
 */
import { notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { bindJobs, checkedEnqueue } from '../jobs/define.ts';
import type { Actor } from '../people/actor.ts';
import type { ActionInputs } from './actions.ts';
import { createAct } from './commands/act.ts';
import type { CaseServiceDeps } from './commands/deps.ts';
import { CASE_JOB_DEFINITIONS } from './commands/jobs.ts';
import { createNotificationCommands } from './commands/notify.ts';
import { type Once, once } from './commands/once.ts';
import { createContactPhone } from './commands/phone.ts';
import { createCaseReads } from './commands/reads.ts';
import { createReport, type ReportInput, type WithinReport } from './commands/report.ts';
import { createDeadlineRearm } from './deadline-rearm.ts';
import { checkedAppend } from './events.ts';
import type { CaseDetail } from './presenter.ts';
import type { CaseAction } from './state-machine.ts';

export type { CaseServiceDeps } from './commands/deps.ts';
export type { ReportInput } from './commands/report.ts';
export { CASE_JOBS } from './step-clock.ts';

export type CaseService = ReturnType<typeof createCaseService>;

export function createCaseService(ports: CaseServiceDeps) {
  // Every history entry is checked against the event catalogue, every job against its definition.
  const deps: CaseServiceDeps = {
    ...ports,
    appendEvents: checkedAppend(ports.appendEvents),
    enqueue: checkedEnqueue(CASE_JOB_DEFINITIONS, ports.enqueue),
  };
  const { db } = deps.database;
  const reads = createCaseReads(deps);
  const { detail } = reads;
  const report = createReport(deps);
  const act = createAct(deps);

  return {
    /**
     * 信息采集: a report arrives; or 即知即调, settled on the spot in the same action. `within` adds
     * another module's writes to the case's transaction (Open311); a replay does not run it again.
     */
    report(
      actor: Actor,
      input: ReportInput,
      idempotencyKey?: string,
      within?: WithinReport,
    ): Promise<CaseDetail> {
      const request: Once = {
        scope: `case:${actor.userId}`,
        key: idempotencyKey,
        route: '/api/v1/cases',
        body: input,
      };
      return once(
        db,
        request,
        () => report(actor, input, request, within),
        (id) => detail(actor, id),
      );
    },

    /** Runs one workflow action: 404 unknown case, 403 wrong role or area, 409 wrong state. */
    async act<A extends CaseAction>(
      actor: Actor,
      caseId: string,
      action: A,
      input: ActionInputs[A],
      idempotencyKey?: string,
    ): Promise<CaseDetail> {
      if (!isUuid(caseId)) throw notFound('not_found.case');
      const wt = await deps.deadlines.current();
      // An action replayed from a phone's outbox is answered, not run twice.
      const request: Once = {
        scope: `act:${actor.userId}:${caseId}:${action}`,
        key: idempotencyKey,
        route: `/api/v1/cases/${caseId}/actions/${action}`,
        body: input,
      };
      return once(
        db,
        request,
        () => act(actor, caseId, action, input, wt, request),
        (id) => detail(actor, id),
      );
    },

    get: detail,

    /** Re-times the running steps after an edit of the rules or the calendar (see deadline-rearm.ts). */
    rearmDeadlines: createDeadlineRearm(deps),

    areaPath: reads.areaPath,
    list: reads.list,
    history: reads.history,
    verification: reads.verification,
    ...createNotificationCommands(db, deps.clock),
    contactPhone: createContactPhone(deps, detail),

    /** Scheduler handlers: reminders before a deadline, escalation and flags when it passes. */
    jobHandlers: () => bindJobs(CASE_JOB_DEFINITIONS, deps),
  };
}
