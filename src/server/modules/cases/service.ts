/**
 * The case service: intake (collect, or settle on the spot), every workflow action, reads, and the
 * deadline jobs. Each command's writes and its history entries commit in one transaction.
 */
import type { CaseSource, CaseStatus, Difficulty, Level } from '../../../shared/domain.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { AppError, badRequest, conflict, forbidden, notFound, refused } from '../../platform/errors.ts';
import { findIdempotent, rememberIdempotent, requestFingerprint } from '../../platform/idempotency.ts';
import { isUuid, uuidv7 } from '../../platform/ids.ts';
import { isPhoneNumber, type PersonalDataCipher } from '../../platform/personal-data.ts';
import { gcj02ToWgs84 } from '../areas/coords.ts';
import { handlingAreaOnPath } from '../areas/levels.ts';
import { type CaseVerification, caseHistory } from '../ledger/ledger.ts';
import type { Actor } from '../people/actor.ts';
import {
  type ActionContext,
  type ActionInputs,
  type ActionOutcome,
  escalationOutcome,
  runAction,
} from './actions.ts';
import { flagMissingCalendar } from './calendar-flag.ts';
import { createDeadlineRearm } from './deadline-rearm.ts';
import { partRefusal } from './parts.ts';
import {
  authorize,
  authorizeReport,
  authorizeSource,
  type CaseScope,
  canView,
  listScope,
  ownParts,
} from './policy.ts';
import type {
  AppendEventsPort,
  CaseAreaPort,
  DeadlinePort,
  EnqueuePort,
  NewEvent,
  NewJob,
  RoutingPort,
  WorkingTime,
} from './ports.ts';
import { type CaseDetail, presentCase, presentCaseSummary } from './presenter.ts';
import * as repo from './repository.ts';
import { scopeOf } from './scope.ts';
import {
  CASE_ACTIONS,
  type CaseAction,
  canTransition,
  isTerminal,
  nextStatus,
  stepOf,
} from './state-machine.ts';
import { CASE_JOBS, stepJobs } from './step-clock.ts';

export interface CaseServiceDeps {
  database: DatabaseHandle;
  clock: Clock;
  cipher: PersonalDataCipher;
  areas: CaseAreaPort;
  deadlines: DeadlinePort;
  routing: RoutingPort;
  enqueue: EnqueuePort;
  appendEvents: AppendEventsPort;
}

export interface ReportInput {
  description: string;
  title?: string;
  caseType?: string;
  lng: number;
  lat: number;
  crs?: 'wgs84' | 'gcj02';
  anonymous?: boolean;
  contactPhone?: string;
  source?: CaseSource;
  /** 即知即调: settled on the spot by the grid team, in one action. */
  onTheSpot?: { result: string; difficulty?: Difficulty };
}

export { CASE_JOBS } from './step-clock.ts';

const SYSTEM = { actorId: null, actorRole: 'system' } as const;

/**
 * The next case number of the day (Asia/Shanghai), e.g. `20261125-00042`, from a per-day counter
 * taken in the intake's transaction — unique without retries, and readable over the phone.
 */
async function nextCaseNumber(tx: Tx, now: Date): Promise<string> {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const row = await tx
    .insertInto('case_counter')
    .values({ day, n: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet((eb) => ({ n: eb('case_counter.n', '+', 1) })))
    .returning('n')
    .executeTakeFirstOrThrow();
  return `${day}-${String(row.n).padStart(5, '0')}`;
}

export type CaseService = ReturnType<typeof createCaseService>;

export function createCaseService(deps: CaseServiceDeps) {
  const { db, dialect } = deps.database;

  /**
   * Step-clock columns and reminder jobs for the step of `status`, starting now — or, when `times`
   * is given, keeping those times (extension, resume). Handling is due when the dispatcher said, if
   * they said, else by the deadline rules.
   */
  function armClock(
    c: { id: string; caseType: string | null; level: Level; assignedDueAt: string | null },
    status: CaseStatus,
    stepSeq: number,
    wt: WorkingTime,
    now: Date,
    times?: { startedAt: string | null; dueAt: string | null },
  ): { patch: Partial<repo.CaseRow>; jobs: NewJob[] } {
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

  /** Applies an outcome: status, clock, columns, history entry, notifications, jobs — inside `tx`. */
  async function apply(
    tx: Tx,
    c: repo.CaseWithPaths,
    outcome: ActionOutcome,
    status: CaseStatus,
    actor: { actorId: string | null; actorRole: string | null },
    wt: WorkingTime,
    now: Date,
  ): Promise<void> {
    const nowIso = now.toISOString();
    const patch: Partial<repo.CaseRow> = { ...outcome.patch, status, updated_at: nowIso };
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
    await deps.appendEvents(tx, dialect, [
      {
        caseId: c.id,
        type: outcome.event.type,
        ...actor,
        at: nowIso,
        payload: { ...outcome.event.payload, fromStatus: c.status, toStatus: status, level },
      },
    ]);
  }

  /** The area handling the case at a level: read off the grid's path, looked up in the same transaction. */
  function handlingAreaResolver(tx: Tx, gridPath: string) {
    return async (level: Level) => {
      const id = handlingAreaOnPath(gridPath, level);
      const area =
        id && (await tx.selectFrom('area').select(['id', 'path']).where('id', '=', id).executeTakeFirst());
      if (!area) throw conflict('case.no_area_at_level', { level });
      return area;
    };
  }

  /** A request that may carry an Idempotency-Key: the caller's scope, the key, and what was asked. */
  interface Once {
    scope: string;
    key: string | undefined;
    /** The request's route and body, fingerprinted so that a key reused for another request is refused. */
    route: string;
    body: unknown;
  }

  /** The case a request with this Idempotency-Key already produced, if any (422 if the key was used for another). */
  async function replayed(request: Once): Promise<string | undefined> {
    const fingerprint = requestFingerprint('POST', request.route, request.body);
    const seen = await findIdempotent(db, request.scope, request.key, fingerprint);
    return seen ? (seen.body as { caseId: string }).caseId : undefined;
  }

  /** Records the key in the command's own transaction, so the write and the record commit together. */
  async function remember(tx: Tx, request: Once, caseId: string, at: string) {
    const fingerprint = requestFingerprint('POST', request.route, request.body);
    await rememberIdempotent(tx, { ...request, fingerprint, status: 200, body: { caseId }, at });
  }

  /**
   * Runs a write at most once per key: a retry (even one racing the first attempt) is answered
   * with the case the first attempt produced.
   */
  async function once(actor: Actor, request: Once, write: () => Promise<string>): Promise<CaseDetail> {
    const earlier = await replayed(request);
    if (earlier) return detail(actor, earlier);
    try {
      return detail(actor, await write());
    } catch (error) {
      const raced = !(error instanceof AppError) && (await replayed(request));
      if (raced) return detail(actor, raced);
      throw error;
    }
  }

  async function detail(actor: Actor, caseId: string): Promise<CaseDetail> {
    if (!isUuid(caseId)) throw notFound('not_found.case');
    const c = await repo.findCase(db, caseId);
    if (!c) throw notFound('not_found.case');
    const parties = await repo.partiesOf(db, caseId);
    const scope = scopeOf(c, parties);
    const view = canView(actor, scope);
    if (!view.allowed) throw refused(view.reason);
    const [requests, orders, wt] = await Promise.all([
      repo.requestsOf(db, caseId),
      repo.supervisionOrdersOf(db, caseId),
      deps.deadlines.current(),
    ]);
    const allowed = allowedActions(actor, scope, requests);
    return presentCase(db, {
      c,
      parties,
      requests,
      orders,
      allowed,
      viewer: actor,
      viewerRole: view.role,
      wt,
      now: deps.clock.now(),
      cipher: deps.cipher,
    });
  }

  function allowedActions(
    actor: Actor,
    scope: CaseScope,
    requests: { kind: string; status: string }[],
  ): CaseAction[] {
    const pending = (kind: string) => requests.some((r) => r.kind === kind && r.status === 'pending');
    return CASE_ACTIONS.filter((a) => {
      if (!canTransition(scope.status, a)) return false;
      const need = ACTION_NEEDS_PENDING[a];
      if (need && pending(need.kind) !== need.present) return false;
      if (a === 'escalate' && scope.level >= 5) return false;
      // accept / report only a part of one's own that is still open (joint handling: per department)
      if (
        (a === 'accept' || a === 'feedback') &&
        partRefusal(a, ownParts(actor, scope, ['handler', 'joint']))
      )
        return false;
      return authorize(actor, a, scope).allowed;
    });
  }

  return {
    /** 信息采集: a report arrives; or 即知即调, settled on the spot in the same action. */
    async report(actor: Actor, input: ReportInput, idempotencyKey?: string): Promise<CaseDetail> {
      const request: Once = {
        scope: `case:${actor.userId}`,
        key: idempotencyKey,
        route: '/api/v1/cases',
        body: input,
      };
      return once(actor, request, async () => {
        // Stored in WGS-84/CGCS2000 (SPEC §1): a phone's GCJ-02 is converted here, once.
        const point =
          input.crs === 'gcj02' ? gcj02ToWgs84(input.lng, input.lat) : { lng: input.lng, lat: input.lat };
        const hit = await deps.areas.gridOf(point.lng, point.lat, 'wgs84');
        if (!hit) throw badRequest('location', 'case.location_outside_county');
        const decision = authorizeReport(actor, hit.gridPath, input.onTheSpot !== undefined);
        if (!decision.allowed) throw refused(decision.reason);
        // `open311` is set only by the Open311 intake (the case route's schema refuses it).
        if (input.source !== undefined && input.source !== 'open311') {
          const channel = authorizeSource(actor, input.source);
          if (!channel.allowed)
            throw new AppError(
              'forbidden',
              channel.reason.key,
              { field: 'source', ...channel.reason.params },
              { field: 'source' },
            );
        }
        if (input.contactPhone !== undefined && !isPhoneNumber(input.contactPhone)) {
          throw badRequest('contactPhone', 'validation.phone');
        }
        let caseType: string | null = null;
        let difficulty: string | null = null;
        if (input.caseType !== undefined) {
          const type = await db
            .selectFrom('case_type')
            .select(['code', 'default_difficulty', 'active'])
            .where('code', '=', input.caseType)
            .executeTakeFirst();
          if (type?.active !== 1)
            throw badRequest('caseType', 'ref.unknown_case_type', { code: input.caseType });
          caseType = type.code;
          difficulty = type.default_difficulty;
        } else if (input.onTheSpot) {
          throw badRequest('caseType', 'case.on_the_spot_needs_type');
        }
        const handlingAreaId = handlingAreaOnPath(hit.gridPath, 1);
        if (!handlingAreaId) throw badRequest('location', 'case.location_not_grid');
        const wt = await deps.deadlines.current();
        const now = deps.clock.now();
        const nowIso = now.toISOString();
        const id = uuidv7(now.getTime());
        const onTheSpot = input.onTheSpot;
        const status: CaseStatus = onTheSpot ? 'verified' : 'reported';
        const title = input.title?.trim() || input.description.trim().slice(0, 40);
        const armed = armClock({ id, level: 1, caseType, assignedDueAt: null }, status, 1, wt, now);
        const row: repo.CaseRow = {
          id,
          case_no: '', // given out in the transaction
          title,
          description: input.description,
          case_type: caseType,
          source: input.source ?? (decision.role === 'resident' ? 'resident_app' : 'worker_app'),
          reporter_id: actor.userId,
          anonymous: input.anonymous ? 1 : 0,
          contact_phone_enc: input.contactPhone ? deps.cipher.encrypt(input.contactPhone) : null,
          lng: point.lng,
          lat: point.lat,
          grid_id: hit.gridId,
          level: 1,
          handling_area_id: handlingAreaId,
          status,
          suspended_from: null,
          suspended_at: null,
          difficulty: onTheSpot?.difficulty ?? difficulty,
          final_difficulty: null,
          dispatcher_id: null,
          assigned_due_at: null,
          step: null,
          step_seq: 1,
          step_started_at: null,
          step_due_at: null,
          supervised: 0,
          overdue: 0,
          rework_count: 0,
          extension_count: 0,
          sent_back_count: 0,
          satisfaction: null,
          result: onTheSpot?.result ?? null,
          merged_into: null,
          resolved_level: onTheSpot ? 1 : null,
          created_at: nowIso,
          updated_at: nowIso,
          closed_at: null,
          version: 0,
          ...armed.patch,
        };
        const who = { actorId: actor.userId, actorRole: decision.role };
        const events: NewEvent[] = [
          {
            caseId: id,
            type: 'reported',
            ...who,
            at: nowIso,
            payload: {
              title,
              caseType,
              gridId: hit.gridId,
              source: row.source,
              anonymous: !!input.anonymous,
            },
          },
        ];
        if (onTheSpot) {
          events.push({
            caseId: id,
            type: 'resolved_on_spot',
            ...who,
            at: nowIso,
            payload: { result: onTheSpot.result, difficulty: row.difficulty, toStatus: status, level: 1 },
          });
        }
        await db.transaction().execute(async (tx) => {
          const caseNo = await nextCaseNumber(tx, now);
          await repo.insertCase(tx, { ...row, case_no: caseNo });
          for (const job of armed.jobs) await deps.enqueue(tx, job);
          await remember(tx, request, id, nowIso);
          // Last: on PostgreSQL the history append holds the ledger-head lock until commit.
          const [reported, ...rest] = events as [NewEvent, ...NewEvent[]];
          await deps.appendEvents(tx, dialect, [
            { ...reported, payload: { caseNo, ...reported.payload } },
            ...rest,
          ]);
        });
        return id;
      });
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
      return once(actor, request, async () => {
        await db.transaction().execute(async (tx) => {
          const c = await repo.findCase(tx, caseId, { dialect });
          if (!c) throw notFound('not_found.case');
          const parties = await repo.partiesOf(tx, caseId);
          const scope = scopeOf(c, parties);
          const decision = authorize(actor, action, scope);
          if (!decision.allowed) throw refused(decision.reason);
          if (!canTransition(c.status as CaseStatus, action)) {
            throw conflict(
              'case.status_forbids_action',
              { status: c.status, action },
              {
                status: c.status,
                action,
              },
            );
          }
          const now = deps.clock.now();
          const ctx: ActionContext = {
            tx,
            actor,
            c,
            parties,
            now,
            wt,
            routing: deps.routing,
            handlingAreaFor: handlingAreaResolver(tx, c.grid_path),
          };
          const outcome = await runAction(ctx, action, input);
          const status = nextStatus(c.status as CaseStatus, action, outcome.transition ?? {});
          if (!status) throw conflict('case.action_not_possible', { action });
          await apply(tx, c, outcome, status, { actorId: actor.userId, actorRole: decision.role }, wt, now);
          await remember(tx, request, caseId, now.toISOString());
        });
        return caseId;
      });
    },

    get: detail,

    /** Re-times the running steps after an edit of the rules or the calendar (see deadline-rearm.ts). */
    rearmDeadlines: createDeadlineRearm(deps),

    /** The materialised path of an area (for the list's area filter), or undefined. */
    async areaPath(areaId: string): Promise<string | undefined> {
      if (!isUuid(areaId)) return undefined;
      const row = await db.selectFrom('area').select('path').where('id', '=', areaId).executeTakeFirst();
      return row?.path;
    },

    async list(actor: Actor, filters: repo.CaseFilters) {
      const scope = listScope(actor);
      const { rows, total } = await repo.listCases(db, scope, filters);
      const wt = await deps.deadlines.current();
      const now = deps.clock.now();
      return { total, items: rows.map((c) => presentCaseSummary(c, wt, now)) };
    },

    /** The case's history, for anyone who may see the case. */
    async history(actor: Actor, caseId: string) {
      await detail(actor, caseId); // the same visibility check
      const [rows, c] = await Promise.all([
        db
          .selectFrom('case_event')
          .leftJoin('app_user', 'app_user.id', 'case_event.actor_id')
          .selectAll('case_event')
          .select('app_user.display_name as actor_name')
          .where('case_event.case_id', '=', caseId)
          .orderBy('case_event.seq')
          .execute(),
        db
          .selectFrom('case_file')
          .select(['anonymous', 'reporter_id'])
          .where('id', '=', caseId)
          .executeTakeFirstOrThrow(),
      ]);
      // 匿名: an anonymous reporter's own entries do not name them to anyone else.
      const hidden = c.anonymous === 1 && c.reporter_id !== actor.userId ? c.reporter_id : null;
      return rows.map((r) =>
        hidden !== null && r.actor_id === hidden ? { ...r, actor_id: null, actor_name: null } : r,
      );
    },

    /** 链校验: recomputes the hash of each of the case's history entries, for anyone who may see it. */
    async verification(actor: Actor, caseId: string): Promise<CaseVerification> {
      await detail(actor, caseId); // the same visibility check
      return (await caseHistory(db, caseId)).verification;
    },

    async notifications(actor: Actor, options: { unreadOnly: boolean; limit: number }) {
      let q = db.selectFrom('notification').selectAll().where('user_id', '=', actor.userId);
      if (options.unreadOnly) q = q.where('read_at', 'is', null);
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    },

    async markRead(actor: Actor, id: string) {
      const result = await db
        .updateTable('notification')
        .set({ read_at: deps.clock.now().toISOString() })
        .where('id', '=', id)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw notFound('not_found.notification');
    },

    /**
     * The contact phone in full: for the reporter themselves, and for the centre operators of the
     * case's area (every such view logged, PIPL). An anonymous reporter's phone goes to no one else.
     */
    async contactPhone(actor: Actor, caseId: string): Promise<string | null> {
      const c = await detail(actor, caseId);
      const own = c.viewerRole === 'reporter';
      if (!own && c.anonymous) throw forbidden('forbidden.anonymous_phone');
      const operator = actor.assignments.some(
        (a) => a.role === 'centre_operator' && a.areaPath && c.gridPath.startsWith(a.areaPath),
      );
      if (!own && !operator) {
        throw forbidden('forbidden.full_phone');
      }
      const row = await db
        .selectFrom('case_file')
        .select('contact_phone_enc')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      if (!own)
        await db
          .insertInto('personal_data_access')
          .values({
            id: uuidv7(),
            user_id: actor.userId,
            subject: `case:${caseId}`,
            field: 'contact_phone',
            at: deps.clock.now().toISOString(),
          })
          .execute();
      return row.contact_phone_enc ? deps.cipher.decrypt(row.contact_phone_enc) : null;
    },

    /** Scheduler handlers: reminders before a deadline, escalation and flags when it passes. */
    jobHandlers(): Record<string, (job: { payload: unknown }) => Promise<void>> {
      return {
        [CASE_JOBS.near]: async (job) => {
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
        },
        [CASE_JOBS.overdue]: async (job) => {
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
            // Flag it to the discipline inspectors (纪检员) and record the overdue step.
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
              tx,
              actor: { userId: 'system', username: 'system', displayName: 'system', assignments: [] },
              c,
              parties,
              now,
              wt,
              routing: deps.routing,
              handlingAreaFor: handlingAreaResolver(tx, c.grid_path),
            };
            const outcome = await escalationOutcome(ctx, 'overdue', '');
            outcome.patch = { ...outcome.patch, overdue: 1 };
            await apply(tx, c, outcome, 'registered', SYSTEM, wt, now);
          });
        },
        [CASE_JOBS.calendarMissing]: (job) => flagMissingCalendar(db, deps.clock, job.payload),
        [CASE_JOBS.supervisionOverdue]: async (job) => {
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
        },
      };
    },
  };
}

/** Actions that need a pending request (present: true) or none (present: false). */
const ACTION_NEEDS_PENDING: Partial<Record<CaseAction, { kind: 'extension' | 'void'; present: boolean }>> = {
  approve_extension: { kind: 'extension', present: true },
  refuse_extension: { kind: 'extension', present: true },
  request_extension: { kind: 'extension', present: false },
  approve_void: { kind: 'void', present: true },
  refuse_void: { kind: 'void', present: true },
  request_void: { kind: 'void', present: false },
};
