/**
 * Planner statistics (issue 7 #26). SQLite gathers none by itself: without `sqlite_stat1` it guesses,
 * and with a year of cases it guessed a walk over every open case. Statistics are refreshed at
 * start-up after migrations, every few hours while serving, and after a bulk load (the demo seed,
 * an import) — call `refreshStatistics` then. PostgreSQL's autovacuum keeps its own; after a bulk
 * load this module analyses this schema's tables at once rather than waiting for it.
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from './database.ts';

/** Rows SQLite samples per index: bounded work at any size, and plans as good as a full scan's. */
const ANALYSIS_LIMIT = 1_000;
/** How often a serving node lets SQLite re-analyse tables that changed a lot. */
export const STATISTICS_UPKEEP_MS = 6 * 3_600_000;

/**
 * Brings the statistics up to date. `full` (after a bulk load) analyses every table; `optimize`
 * (start-up, upkeep) lets SQLite analyse only tables never analysed or much changed since.
 */
export async function refreshStatistics(
  handle: Pick<DatabaseHandle, 'db' | 'dialect'>,
  mode: 'full' | 'optimize' = 'full',
): Promise<void> {
  const { db } = handle;
  if (handle.dialect === 'sqlite') {
    await sql`PRAGMA analysis_limit = ${sql.raw(String(ANALYSIS_LIMIT))}`.execute(db);
    // 0x10002: consider every table, not only those this connection used, and analyse where needed.
    await (mode === 'full' ? sql`ANALYZE` : sql`PRAGMA optimize = 0x10002`).execute(db);
    return;
  }
  if (mode === 'optimize') return; // autovacuum's job
  const tables = await sql<{ tablename: string }>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`.execute(db);
  if (tables.rows.length === 0) return;
  const list = sql.join(tables.rows.map((t) => sql.id(t.tablename)));
  await sql`ANALYZE ${list}`.execute(db);
}

/** Refreshes statistics every `everyMs` (SQLite; a no-op on PostgreSQL) until the returned stop is called. */
export function startStatisticsUpkeep(
  handle: Pick<DatabaseHandle, 'db' | 'dialect'>,
  onError: (error: unknown) => void,
  everyMs = STATISTICS_UPKEEP_MS,
): () => void {
  if (handle.dialect !== 'sqlite') return () => {};
  const timer = setInterval(() => {
    refreshStatistics(handle, 'optimize').catch(onError);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
