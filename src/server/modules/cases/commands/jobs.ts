/** The case module's scheduler handlers: reminders before a deadline, flags and escalation after it. */
import type { CaseStatus } from '../../../../shared/domain.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { type ActionContext, escalationOutcome } from '../actions.ts';
import { flagMissingCalendar } from '../calendar-flag.ts';
import * as repo from '../repository.ts';
import { isTerminal } from '../state-machine.ts';
import { CASE_JOBS } from '../step-clock.ts';
import { applyOutcome } from './apply.ts';
import { type CaseServiceDeps, SYSTEM } from './deps.ts';
import { readsIn } from './handling-area.ts';

type CaseJobHandler = (job: { payload: unknown }) => Promise<void>;

export function createCaseJobHandlers(deps: CaseServiceDeps): Record<string, CaseJobHandler> {
  const { db, dialect } = deps.database;

  /** 临期提醒: near the deadline, whoever holds the step is reminded. */
  const near: CaseJobHandler = async (job) => {
    const { caseId, stepSeq } = job.payload as { caseId: string; stepSeq: number };
    await db.transaction().execute(async (tx) => {
      const c = await repo.findCase(tx, caseId, { dialect });
      if (!c || c.step_seq !== stepSeq || isTerminal(c.status as CaseStatus)) return;
      const now = deps.clock.now();
      const parties = await repo.partiesOf(tx, caseId);
      const users = ['reported', 'registered'].includes(c.status)
        ? await repo.usersWithRole(
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
  };

  /** 超期: flagged to the discipline inspectors (纪检员); a step still before handling escalates. */
  const overdue: CaseJobHandler = async (job) => {
    const { caseId, stepSeq } = job.payload as { caseId: string; stepSeq: number };
    // Load working time before the transaction: on SQLite a query outside it would wait for it.
    const wt = await deps.deadlines.current();
    await db.transaction().execute(async (tx) => {
      const c = await repo.findCase(tx, caseId, { dialect });
      if (!c || c.step_seq !== stepSeq || isTerminal(c.status as CaseStatus)) return;
      const now = deps.clock.now();
      const nowIso = now.toISOString();
      const inspectors = await repo.usersWithRole(tx, ['grid_inspector'], c.grid_path);
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
  };

  /** 督办超期: a supervision order still open at its due time is brought back to its inspector. */
  const supervisionOverdue: CaseJobHandler = async (job) => {
    const { caseId, orderId } = job.payload as { caseId: string; orderId: string };
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
  };

  return {
    [CASE_JOBS.near]: near,
    [CASE_JOBS.overdue]: overdue,
    [CASE_JOBS.calendarMissing]: (job) => flagMissingCalendar(db, deps.clock, job.payload),
    [CASE_JOBS.supervisionOverdue]: supervisionOverdue,
  };
}
