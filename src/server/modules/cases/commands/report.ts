/**
 * 信息采集: a report becomes a case (grid lookup, type, step clock, first history entries); or
 * 即知即调, settled on the spot by the grid team in the same command.
 */
import type { CaseSource, CaseStatus, Difficulty } from '../../../../shared/domain.ts';
import type { Db, Tx } from '../../../database.ts';
import { AppError, badRequest, refused } from '../../../platform/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { isPhoneNumber } from '../../../platform/personal-data.ts';
import { gcj02ToWgs84 } from '../../areas/coords.ts';
import { handlingAreaOnPath } from '../../areas/levels.ts';
import { findCaseType } from '../../catalogue/case-types.ts';
import type { Actor } from '../../people/actor.ts';
import { authorizeReport, authorizeSource } from '../policy.ts';
import type { NewEvent } from '../ports.ts';
import * as repo from '../repository.ts';
import { armClock } from './clock.ts';
import type { CaseServiceDeps } from './deps.ts';
import { type Once, remember } from './once.ts';

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

/** Writes of another module that belong with the new case (Open311's request record), in its transaction. */
export type WithinReport = (tx: Tx, caseId: string) => Promise<void>;

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

/** The case type a report names (400 unknown or retired), with its default difficulty. */
async function reportedType(db: Db, input: ReportInput) {
  if (input.caseType === undefined) {
    if (input.onTheSpot) throw badRequest('caseType', 'case.on_the_spot_needs_type');
    return { caseType: null, difficulty: null };
  }
  const type = await findCaseType(db, input.caseType);
  if (!type?.active) throw badRequest('caseType', 'ref.unknown_case_type', { code: input.caseType });
  return { caseType: type.code, difficulty: type.defaultDifficulty };
}

/** 403 when the actor may not claim the channel (`open311` is set only by the Open311 intake). */
function checkSource(actor: Actor, source: CaseSource | undefined): void {
  if (source === undefined || source === 'open311') return;
  const channel = authorizeSource(actor, source);
  if (!channel.allowed)
    throw new AppError(
      'forbidden',
      channel.reason.key,
      { field: 'source', ...channel.reason.params },
      { field: 'source' },
    );
}

/** The columns a report fills in; the rest start empty. */
type ReportedColumn =
  | 'id'
  | 'title'
  | 'description'
  | 'case_type'
  | 'source'
  | 'reporter_id'
  | 'anonymous'
  | 'contact_phone_enc'
  | 'lng'
  | 'lat'
  | 'grid_id'
  | 'handling_area_id'
  | 'status'
  | 'difficulty';

/** The case row a report starts as (status reported, or verified when settled on the spot). */
function newCaseRow(
  fields: Pick<repo.CaseRow, ReportedColumn>,
  result: string | null,
  nowIso: string,
  clock: Partial<repo.CaseRow>,
): repo.CaseRow {
  return {
    ...fields,
    case_no: '', // given out in the transaction
    level: 1,
    suspended_from: null,
    suspended_at: null,
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
    result,
    merged_into: null,
    resolved_level: result !== null ? 1 : null,
    created_at: nowIso,
    updated_at: nowIso,
    closed_at: null,
    version: 0,
    ...clock,
  };
}

/** The report command: checks, then one transaction for the case, its jobs, key and history. */
export function createReport(deps: CaseServiceDeps) {
  const { db, dialect } = deps.database;
  return async (actor: Actor, input: ReportInput, request: Once, within?: WithinReport): Promise<string> => {
    // Stored in WGS-84/CGCS2000 (SPEC §1): a phone's GCJ-02 is converted here, once.
    const point =
      input.crs === 'gcj02' ? gcj02ToWgs84(input.lng, input.lat) : { lng: input.lng, lat: input.lat };
    const hit = await deps.areas.gridOf(point.lng, point.lat, 'wgs84');
    if (!hit) throw badRequest('location', 'case.location_outside_county');
    const decision = authorizeReport(actor, hit.gridPath, input.onTheSpot !== undefined);
    if (!decision.allowed) throw refused(decision.reason);
    checkSource(actor, input.source);
    if (input.contactPhone !== undefined && !isPhoneNumber(input.contactPhone)) {
      throw badRequest('contactPhone', 'validation.phone');
    }
    const { caseType, difficulty } = await reportedType(db, input);
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
    const row = newCaseRow(
      {
        id,
        title,
        description: input.description,
        case_type: caseType,
        source: input.source ?? (decision.role === 'resident' ? 'resident_app' : 'worker_app'),
        reporter_id: actor.userId,
        anonymous: input.anonymous ? 1 : 0,
        contact_phone_enc: deps.vault.seal(input.contactPhone),
        lng: point.lng,
        lat: point.lat,
        grid_id: hit.gridId,
        handling_area_id: handlingAreaId,
        status,
        difficulty: onTheSpot?.difficulty ?? difficulty,
      },
      onTheSpot?.result ?? null,
      nowIso,
      armed.patch,
    );
    const who = { actorId: actor.userId, actorRole: decision.role };
    const events: NewEvent[] = [
      {
        caseId: id,
        type: 'reported',
        ...who,
        at: nowIso,
        payload: { title, caseType, gridId: hit.gridId, source: row.source, anonymous: !!input.anonymous },
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
      await within?.(tx, id);
      // Last: on PostgreSQL the history append holds the ledger-head lock until commit.
      const [reported, ...rest] = events as [NewEvent, ...NewEvent[]];
      await deps.appendEvents(tx, dialect, [
        { ...reported, payload: { caseNo, ...reported.payload } },
        ...rest,
      ]);
    });
    return id;
  };
}
