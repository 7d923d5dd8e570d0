/**
 * What the demo's year holds, counted from the database: cases by status, level, town and type,
 * the history's events by kind, late and on-time cases. Printed by `npm start`, compared by tests.
 */
import type { Db } from '../../database.ts';

export interface HistorySummary {
  cases: number;
  /** Cases not yet archived, rejected, merged or voided. */
  open: number;
  byStatus: Record<string, number>;
  /** Cases by the level they stand at (or ended at). */
  byLevel: Record<string, number>;
  /** Cases by town code. */
  byTown: Record<string, number>;
  /** Cases by case type. */
  byType: Record<string, number>;
  /** History events by type (reported, escalated, suspended, reopened, mediation_recorded, …). */
  events: Record<string, number>;
  /** Cases flagged overdue at some step (超期). */
  late: number;
  /** Archived cases never overdue. */
  onTimeArchived: number;
  /** Service actions run, and refused (4xx) along the way. */
  moves: number;
  refused: number;
  /** Wall time of the whole history. */
  ms: number;
}

const CLOSED = ['archived', 'rejected', 'merged', 'voided'];

function tally(rows: { key: string | number | null; n: number | string | bigint }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[String(r.key)] = Number(r.n);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Counts the history now in the database. */
export async function summarizeHistory(
  db: Db,
  run: { moves: number; refused: number; ms: number },
): Promise<HistorySummary> {
  const rows = await db
    .selectFrom('case_file')
    .innerJoin('area', 'area.id', 'case_file.grid_id')
    .select(['case_file.status', 'case_file.level', 'case_file.case_type', 'case_file.overdue', 'area.path'])
    .execute();
  const towns = await db.selectFrom('area').select(['id', 'code']).where('kind', '=', 'town').execute();
  const townCode = new Map(towns.map((t) => [t.id, t.code]));
  const count = (key: (r: (typeof rows)[number]) => string) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return tally([...m].map(([k, n]) => ({ key: k, n })));
  };
  const events = await db
    .selectFrom('case_event')
    .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('type')
    .execute();
  return {
    cases: rows.length,
    open: rows.filter((r) => !CLOSED.includes(r.status)).length,
    byStatus: count((r) => r.status),
    byLevel: count((r) => String(r.level)),
    byTown: count((r) => townCode.get(r.path.split('/').filter(Boolean)[1] ?? '') ?? 'none'),
    byType: count((r) => r.case_type ?? 'none'),
    events: tally(events.map((e) => ({ key: e.type, n: e.n }))),
    late: rows.filter((r) => r.overdue === 1).length,
    onTimeArchived: rows.filter((r) => r.status === 'archived' && r.overdue !== 1).length,
    ...run,
  };
}
