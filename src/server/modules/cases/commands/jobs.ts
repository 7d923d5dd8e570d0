/**
 * The case module's jobs, each defined with its payload schema and handler (jobs/define.ts):
 * reminders before a deadline, flags and escalation after it, overdue supervision orders, and the
 * missing-calendar flag. Their payloads are checked when enqueued (the service's enqueue port).
 */
import { Type } from 'typebox';
import type { CaseStatus } from '../../../../shared/domain.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type AnyJob, defineJob } from '../../jobs/define.ts';
import { usersWithRole } from '../../people/reads.ts';
import { type ActionContext, escalationOutcome } from '../actions.ts';
import { flagMissingCalendar } from '../calendar-flag.ts';
import * as repo from '../repository.ts';
import { isTerminal } from '../state-machine.ts';
import { CASE_JOBS } from '../step-clock.ts';
import { applyOutcome } from './apply.ts';
import { type CaseServiceDeps, SYSTEM } from './deps.ts';
import { readsIn } from './handling-area.ts';

/** A step's clock: the case and the step (a later step makes the job stale). */
const StepPayload = Type.Object(
  { caseId: Type.String(), stepSeq: Type.Integer() },
  { additionalProperties: false },
);

/** 临期提醒: near the deadline, whoever holds the step is reminded. */
const nearJob = defineJob({
  type: CASE_JOBS.near,
  payload: StepPayload,
  async handle({ caseId, stepSeq }, deps: CaseServiceDeps) {
    const { db, dialect } = deps.database;
    await db.transaction().execute(async (tx) => {
      const c = await repo.findCase(tx, caseId, { dialect });
      if (!c || c.step_seq !== stepSeq || isTerminal(c.status as CaseStatus)) return;
      const now = deps.clock.now();
      const parties = await repo.partiesOf(tx, caseId);
      const users = ['reported', 'registered'].includes(c.status)
        ? await usersWithRole(
            tx,
            c.level === 1 ? ['grid_chief'] : c.level === 5 ? ['leader'] : ['centre_operator'],
            c.handling_path,
            true,
          )
        : await repo.activeHandlerUsers(tx, parties, c.grid_path);
      await repo.notify(
        tx,
        users,
        caseId,
        'deadline_near',
        { key: 'notice.deadline_near', params: { dueAt: c.step_due_at, title: c.title } },
        now.toISOString(),
      );
      await deps.appendEvents(tx, dialect, [
        {
          caseId,
          ...SYSTEM,
          type: 'deadline_near',
          at: now.toISOString(),
          payload: { step: c.step, dueAt: c.step_due_at },
        },
      ]);
    });
  },
});

/** 超期: flagged to the discipline inspectors (纪检员); a step still before handling escalates. */
const overdueJob = defineJob({
  type: CASE_JOBS.overdue,
  payload: StepPayload,
  async handle({ caseId, stepSeq }, deps: CaseServiceDeps) {
    const { db, dialect } = deps.database;
    // Load working time before the transaction: on SQLite a query outside it would wait for it.
    const wt = await deps.deadlines.current();
    await db.transaction().execute(async (tx) => {
      const c = await repo.findCase(tx, caseId, { dialect });
      if (!c || c.step_seq !== stepSeq || isTerminal(c.status as CaseStatus)) return;
      const now = deps.clock.now();
      const nowIso = now.toISOString();
      const inspectors = await usersWithRole(tx, ['grid_inspector'], c.grid_path);
      const escalates = ['registered', 'dispatched', 'handling'].includes(c.status) && c.level < 5;
      await repo.notify(
        tx,
        inspectors,
        caseId,
        'overdue',
        { key: 'notice.overdue', params: { title: c.title, step: c.step } },
        nowIso,
      );
      await deps.appendEvents(tx, dialect, [
        {
          caseId,
          ...SYSTEM,
          type: 'overdue',
          at: nowIso,
          payload: { step: c.step, dueAt: c.step_due_at, level: c.level, flaggedTo: inspectors },
        },
      ]);
      if (!escalates) {
        await repo.updateCase(tx, c.id, c.version, { overdue: 1, updated_at: nowIso });
        return;
      }
      const parties = await repo.partiesOf(tx, caseId);
      const ctx: ActionContext = {
        actor: { userId: 'system', username: 'system', displayName: 'system', assignments: [] },
        c,
        parties,
        now,
        wt,
        read: readsIn(deps, tx, c),
        newId: uuidv7,
      };
      const outcome = await escalationOutcome(ctx, 'overdue', '');
      outcome.patch = { ...outcome.patch, overdue: 1 };
      await applyOutcome(deps, tx, c, outcome, 'registered', SYSTEM, wt, now);
    });
  },
});

/** 督办超期: a supervision order still open at its due time is brought back to its inspector. */
const supervisionOverdueJob = defineJob({
  type: CASE_JOBS.supervisionOverdue,
  payload: Type.Object({ caseId: Type.String(), orderId: Type.String() }, { additionalProperties: false }),
  async handle({ caseId, orderId }, deps: CaseServiceDeps) {
    const { db, dialect } = deps.database;
    await db.transaction().execute(async (tx) => {
      const order = await tx
        .selectFrom('supervision_order')
        .selectAll()
        .where('id', '=', orderId)
        .executeTakeFirst();
      if (order?.status !== 'open') return;
      const nowIso = deps.clock.now().toISOString();
      await repo.notify(
        tx,
        [order.inspector_id],
        caseId,
        'supervision_overdue',
        { key: 'notice.supervision_overdue', params: { reason: order.reason } },
        nowIso,
      );
      await deps.appendEvents(tx, dialect, [
        {
          caseId,
          ...SYSTEM,
          type: 'supervision_overdue',
          at: nowIso,
          payload: { orderId, dueAt: order.due_at },
        },
      ]);
    });
  },
});

/** A year with no calendar met by a case's step: the administrators are told (calendar-flag.ts). */
const calendarMissingJob = defineJob({
  type: CASE_JOBS.calendarMissing,
  payload: Type.Object({ year: Type.String(), caseId: Type.String() }, { additionalProperties: false }),
  handle: (payload, deps: CaseServiceDeps) => flagMissingCalendar(deps.database.db, deps.clock, payload),
});

/** Every job the case module enqueues and handles. */
export const CASE_JOB_DEFINITIONS: readonly AnyJob<CaseServiceDeps>[] = [
  nearJob,
  overdueJob,
  supervisionOverdueJob,
  calendarMissingJob,
];
