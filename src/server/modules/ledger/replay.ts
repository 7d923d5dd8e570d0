/**
 * Replays each case's history (案件回放) and compares it with the case's stored row: the hash chain
 * protects the history, this check ties the case table to it, so a direct edit of `case_file`
 * (status, level, handling area, grid, number, anonymity) is found. Streams cases in pages.
 */

import { type Kysely, sql } from 'kysely';
import type { Level } from '../../../shared/domain.ts';
import type { Db as AnyDb } from '../../database.ts';
import type { Dialect } from '../../platform/db/dialect.ts';
import { handlingAreaOnPath } from '../areas/levels.ts';
import { areaPlaces } from '../areas/reads.ts';
import { type CaseState, caseRow, caseStatePage } from '../cases/reads.ts';
import type { BrokenEntry } from './audit.ts';
import { parsePayload } from './audit.ts';
import type { LedgerTables } from './schema.ts';

/** The ledger's own tables only: cases and areas are read through their modules. */
type Db = Kysely<LedgerTables>;

/** The result of replaying every case. */
export interface ReplayReport {
  ok: boolean;
  /** Cases whose stored state matched their history. */
  cases: number;
  firstMismatch?: BrokenEntry;
}

/** What the history says a case is now. */
interface Derived {
  status: string;
  level: number;
  gridId: unknown;
  caseNo: unknown;
  anonymous: boolean;
}

type CaseRow = CaseState & { grid_path: string | null };

interface EventRow {
  seq: number;
  id: string;
  type: string;
  payload: string;
}

const PAGE = 500;

function mismatch(c: CaseRow, last: EventRow | undefined, message: string): BrokenEntry {
  return {
    seq: last ? Number(last.seq) : 0,
    id: last?.id ?? null,
    caseId: c.id,
    problem: 'state_mismatch',
    message: `case ${c.case_no} (id ${c.id}): ${message}`,
  };
}

/** Folds a case's entries, in seq order, into the state they give; a message when they cannot. */
export function deriveState(
  events: readonly { seq: number; type: string; payload: unknown }[],
): Derived | string {
  let state: Derived | undefined;
  for (const event of events) {
    const p = (event.payload ?? {}) as Record<string, unknown>;
    if (!state) {
      if (event.type !== 'reported')
        return `its history begins with "${event.type}" (seq ${event.seq}), not a report`;
      state = {
        status: 'reported',
        level: 1,
        gridId: p.gridId,
        caseNo: p.caseNo,
        anonymous: p.anonymous === true,
      };
      continue;
    }
    if (typeof p.toStatus === 'string') {
      if (typeof p.fromStatus === 'string' && p.fromStatus !== state.status) {
        return `entry seq ${event.seq} (${event.type}) moves it from "${p.fromStatus}", but the entries before leave it "${state.status}"`;
      }
      state.status = p.toStatus;
    }
    if (typeof p.level === 'number') state.level = p.level;
  }
  return state ?? 'it has no history at all';
}

function compare(c: CaseRow, derived: Derived): string | undefined {
  const handling = c.grid_path ? handlingAreaOnPath(c.grid_path, derived.level as Level) : undefined;
  const fields: [string, unknown, unknown][] = [
    ['status', c.status, derived.status],
    ['level', Number(c.level), derived.level],
    ['handling area', c.handling_area_id, handling],
    ['grid', c.grid_id, derived.gridId],
    ['case number', c.case_no, derived.caseNo],
    ['anonymous', c.anonymous === 1, derived.anonymous],
  ];
  const wrong = fields.find(([, stored, replayed]) => stored !== replayed);
  if (!wrong) return undefined;
  const [name, stored, replayed] = wrong;
  return `stored ${name} ${JSON.stringify(stored)} is not what its history gives, ${JSON.stringify(replayed)}: the case was edited outside the ledger`;
}

/** Replays every case (and finds history whose case is gone); reports the first mismatch. */
export async function verifyCaseStates(anyDb: AnyDb, dialect: Dialect): Promise<ReplayReport> {
  const db: Db = anyDb;
  let cases = 0;
  for (let after = ''; ; ) {
    // One snapshot per page, so a case changed meanwhile is read with the history that changed it.
    const { page, events } = await db.transaction().execute(async (tx) => {
      if (dialect === 'postgres') await sql`set transaction isolation level repeatable read`.execute(tx);
      const stored = await caseStatePage(tx, after, PAGE);
      const grids = await areaPlaces(
        tx,
        stored.map((c) => c.grid_id),
      );
      const page: CaseRow[] = stored.map((c) => ({ ...c, grid_path: grids.get(c.grid_id)?.path ?? null }));
      if (page.length === 0) return { page, events: [] };
      const events = await tx
        .selectFrom('case_event')
        .select(['seq', 'id', 'case_id', 'type', 'payload'])
        .where(
          'case_id',
          'in',
          page.map((c) => c.id),
        )
        .orderBy('case_id')
        .orderBy('seq')
        .execute();
      return { page, events };
    });
    if (page.length === 0) break;
    const byCase = new Map<string, EventRow[]>();
    for (const e of events) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
    for (const c of page) {
      const history = byCase.get(c.id) ?? [];
      const derived = deriveState(
        history.map((e) => ({ seq: Number(e.seq), type: e.type, payload: parsePayload(e.payload)?.value })),
      );
      const problem = typeof derived === 'string' ? derived : compare(c, derived);
      if (problem) return { ok: false, cases, firstMismatch: mismatch(c, history.at(-1), problem) };
      cases++;
    }
    after = (page.at(-1) as CaseRow).id;
  }
  const orphan = await db
    .selectFrom('case_event')
    .select(['case_event.seq', 'case_event.id', 'case_event.case_id'])
    .where(({ exists, not }) => not(exists(caseRow(db, 'case_event.case_id'))))
    .orderBy('case_event.seq')
    .limit(1)
    .executeTakeFirst();
  if (orphan) {
    return {
      ok: false,
      cases,
      firstMismatch: {
        seq: Number(orphan.seq),
        id: orphan.id,
        caseId: orphan.case_id,
        problem: 'state_mismatch',
        message: `entry seq ${orphan.seq} records case ${orphan.case_id}, which is not in the case table: the case was deleted outside the ledger`,
      },
    };
  }
  return { ok: true, cases };
}
