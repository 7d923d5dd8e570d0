/**
 * Issue 7 #18: the demo starts with a year of living history — every town, type, level and outcome,
 * on-time and late, on working days — worked through the case service, so the ledger verifies; the
 * same seed gives the same cases; the grid worker and the centre operator have cases in their lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { WORKING_HOURS } from '../deadlines/calendar.ts';
import { verifyLedger } from '../ledger/verify.ts';

let t: DemoApp;
const YEAR = 365 * 86_400_000;

beforeAll(async () => {
  t = await createDemoApp({ history: 160, seed: 7 });
}, 600_000);
afterAll(() => t?.close());

/** The cases of a demo app as comparable rows, in case-number order. */
async function casesOf(app: DemoApp) {
  return app.database.db
    .selectFrom('case_file')
    .select(['case_no', 'title', 'case_type', 'status', 'level', 'overdue', 'created_at'])
    .orderBy('case_no')
    .execute();
}

describe('the demo history', () => {
  it('reports cases in every town and of every case type, and reaches levels 1 to 5', async () => {
    const h = t.history;
    if (!h) throw new Error('no history was seeded');
    expect(h.cases).toBe(160);
    const towns = await t.database.db.selectFrom('area').select('code').where('kind', '=', 'town').execute();
    expect(towns.length).toBeGreaterThan(1);
    for (const town of towns) expect(h.byTown[town.code], `town ${town.code}`).toBeGreaterThan(0);
    const types = await t.database.db
      .selectFrom('case_type')
      .select('code')
      .where('active', '=', 1)
      .execute();
    for (const type of types) expect(h.byType[type.code], `type ${type.code}`).toBeGreaterThan(0);
    for (const level of ['1', '2', '3', '4', '5'])
      expect(h.byLevel[level], `level ${level}`).toBeGreaterThan(0);
  });

  it('holds every kind of outcome, on-time and late cases, and some still open', () => {
    const h = t.history;
    if (!h) throw new Error('no history was seeded');
    for (const kind of [
      'resolved_on_spot',
      'rejected',
      'merged',
      'voided',
      'sent_back',
      'escalated',
      'extension_approved',
      'suspended',
      'resumed',
      'mediation_recorded',
      'rework_requested',
      'reopened',
      'overdue',
      'archived',
    ]) {
      expect(h.events[kind] ?? 0, kind).toBeGreaterThan(0);
    }
    expect(h.late).toBeGreaterThan(0);
    expect(h.onTimeArchived).toBeGreaterThan(h.late);
    expect(h.open).toBeGreaterThan(0);
    expect(h.open).toBeLessThan(h.cases / 4);
  });

  it('spreads people’s actions over the working hours of working days of the past year', async () => {
    const end = t.clock.now().getTime();
    const events = await t.database.db
      .selectFrom('case_event')
      .select(['at', 'actor_role'])
      .where('actor_role', '<>', 'system')
      .execute();
    const holidays = new Set(
      (await t.database.db.selectFrom('calendar_day').select(['day', 'kind']).execute())
        .filter((d) => d.kind === 'holiday')
        .map((d) => d.day),
    );
    const offset = WORKING_HOURS.utcOffsetHours * 3_600_000;
    const months = new Set<string>();
    for (const e of events) {
      const at = new Date(e.at).getTime();
      expect(at).toBeGreaterThanOrEqual(end - YEAR);
      expect(at).toBeLessThanOrEqual(end);
      const local = new Date(at + offset);
      const day = local.toISOString().slice(0, 10);
      const hhmm = local.toISOString().slice(11, 16);
      expect(holidays.has(day), `${e.at} is on a holiday`).toBe(false);
      expect(hhmm >= '09:00' && hhmm <= '17:30', `${e.at} is outside working hours`).toBe(true);
      months.add(day.slice(0, 7));
    }
    expect(months.size).toBeGreaterThanOrEqual(12);
  });

  it('leaves a ledger that verifies', async () => {
    const report = await verifyLedger(t.database.db);
    expect(report.ok, JSON.stringify(report)).toBe(true);
    const entries = await t.database.db
      .selectFrom('case_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(entries.n)).toBeGreaterThan(1000);
  });

  it('fills the lists of the grid worker and the centre operator', async () => {
    for (const username of ['grid.worker', 'town.operator', 'galutu.operator', 'banner.operator']) {
      const list = await (await t.as(username)).get('/api/v1/cases?limit=5');
      expect(list.status).toBe(200);
      expect(list.body.total, username).toBeGreaterThan(0);
    }
  });
});

describe('the same seed', () => {
  it('gives the same cases; another seed gives others', async () => {
    const runs: DemoApp[] = [];
    try {
      for (const seed of [3, 3, 4]) runs.push(await createDemoApp({ history: 30, seed }));
      const [a, b, c] = await Promise.all(runs.map(casesOf));
      expect(a).toHaveLength(30);
      expect(b).toEqual(a);
      expect(c).not.toEqual(a);
      const { ms: _a, ...first } = runs[0]?.history ?? { ms: 0 };
      const { ms: _b, ...second } = runs[1]?.history ?? { ms: 0 };
      expect(second).toEqual(first);
    } finally {
      for (const run of runs) await run.close();
    }
  }, 600_000);
});
