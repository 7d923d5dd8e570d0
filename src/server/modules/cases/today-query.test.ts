/**
 * The grid worker's "today" list (cases assigned to me that are still open) at scale (issue 7 #26):
 * with thousands of open cases SQLite must find my few assignments through the assignment index and
 * look each case up by key — not walk every open case and probe its parties — and it must have
 * statistics to choose that plan. Plans are read with EXPLAIN QUERY PLAN (SQLite); no timings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshStatistics } from '../../platform/db/statistics.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { insertAreaTree, TWO_TOWN_TREE } from '../../testing/fixtures.ts';
import { type CaseFilters, casesPage, listCases, listCasesQuery } from './list-repository.ts';
import type { ListScope } from './policy.ts';

/** What the worker app asks for (src/web/worker/screens/TodayPage.tsx). */
const OPEN = [
  'reported',
  'registered',
  'dispatched',
  'handling',
  'feedback',
  'verified',
  'visited',
  'suspended',
];
const TODAY: CaseFilters = { assigned: true, status: OPEN, limit: 100, offset: 0 };
const CASES = 4_000;
const OTHER_HANDLERS = 300;

let t: TestDatabase;
let worker: ListScope;
const mine: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const areas = await insertAreaTree(t.db, TWO_TOWN_TREE, { codePrefix: 'TQ' });
  const grids = [areas.grid, areas.grid2].map((a) => a?.id as string);
  const workerId = uuidv7();
  const handlers = Array.from({ length: OTHER_HANDLERS }, () => uuidv7());
  worker = { all: false, areaPaths: [areas.grid?.path as string], departments: [], userId: workerId };
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const cases = [];
  const parties = [];
  for (let i = 0; i < CASES; i++) {
    const id = uuidv7();
    // Most cases are open (a year's backlog at its worst); every 10th is archived.
    const status = i % 10 === 0 ? 'archived' : OPEN[i % OPEN.length];
    cases.push({
      id,
      case_no: `TQ-${i}`,
      title: `case ${i}`,
      description: `case ${i}`,
      source: 'app',
      lng: 109,
      lat: 39,
      grid_id: grids[i % 2] as string,
      level: 1,
      handling_area_id: grids[i % 2] as string,
      status: status as string,
      anonymous: 0,
      step_seq: 0,
      supervised: 0,
      overdue: 0,
      rework_count: 0,
      extension_count: 0,
      sent_back_count: 0,
      version: 0,
      created_at: at(i),
      updated_at: at(i),
    });
    // The worker holds every 500th case (8 of them, one archived, one no longer active).
    const isMine = i % 500 === 7;
    const active = isMine && i === 3_507 ? 0 : 1;
    if (isMine && active && status !== 'archived') mine.push(id);
    parties.push({
      id: uuidv7(),
      case_id: id,
      user_id: isMine ? workerId : (handlers[i % OTHER_HANDLERS] as string),
      department_id: null,
      kind: 'handler',
      level: 1,
      active,
      created_at: at(i),
    });
    // Earlier handlers who sent the case on, no longer active.
    parties.push({
      id: uuidv7(),
      case_id: id,
      user_id: handlers[(i * 7) % OTHER_HANDLERS] as string,
      department_id: null,
      kind: 'handler',
      level: 1,
      active: 0,
      created_at: at(i),
    });
  }
  for (let i = 0; i < cases.length; i += 200) {
    await t.db
      .insertInto('case_file')
      .values(cases.slice(i, i + 200))
      .execute();
    await t.db
      .insertInto('case_party')
      .values(parties.slice(i * 2, i * 2 + 400))
      .execute();
  }
  // As after any bulk load (the demo seed calls it too).
  await refreshStatistics(t);
}, 120_000);
afterAll(() => t?.dispose());

describe('the grid worker’s today list', () => {
  it('lists exactly my open, active assignments', async () => {
    const { rows, total } = await listCases(t.db, worker, TODAY);
    expect(total).toBe(mine.length);
    expect(rows.map((r) => r.id).sort()).toEqual([...mine].sort());
  });

  it.skipIf(!!process.env.ZHIZHI_TEST_DATABASE_URL)(
    'is driven by the assignment index on SQLite, not by a probe of case_party per open case',
    () => {
      const filtered = listCasesQuery(t.db, worker, TODAY);
      const page = casesPage(filtered, TODAY).compile();
      const count = filtered.select((eb) => eb.fn.countAll<number>().as('n')).compile();
      for (const query of [page, count]) {
        const text = t
          .sqlite!.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
          .all(...(query.parameters as unknown[]))
          .map((r) => (r as { detail: string }).detail)
          .join('\n');
        expect(text).toMatch(/SEARCH case_party USING (COVERING )?INDEX case_party_assignment \(user_id=\?/);
        expect(text).toMatch(/SEARCH case_file USING INDEX sqlite_autoindex_case_file_1 \(id=\?\)/);
        expect(text).not.toMatch(/CORRELATED/);
        expect(text).not.toMatch(/SCAN case_file|SCAN case_party/);
      }
    },
  );

  it.skipIf(!!process.env.ZHIZHI_TEST_DATABASE_URL)(
    'has statistics from start-up on (sqlite_stat1)',
    async () => {
      // A database just opened and migrated, as `serve` does at start-up.
      const fresh = await createTestDatabase();
      try {
        const stat = fresh
          .sqlite!.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'")
          .get() as { n: number };
        expect(stat.n).toBe(1);
      } finally {
        await fresh.dispose();
      }
      const rows = t.sqlite!.prepare("SELECT idx FROM sqlite_stat1 WHERE tbl = 'case_party'").all();
      expect(rows.map((r) => (r as { idx: string }).idx)).toContain('case_party_assignment');
    },
  );
});
