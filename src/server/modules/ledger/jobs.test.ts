import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { createScheduler } from '../jobs/scheduler.ts';
import { ledgerJobHandlers, scheduleNextCheckpoint } from './jobs.ts';
import { appendCaseEvents, listCheckpoints, verifyLedger } from './ledger.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.dispose());

describe('hourly Merkle checkpoints', () => {
  it('seals new history every hour and re-arms itself once', async () => {
    const clock = new ManualClock('2026-11-23T01:10:00.000Z');
    const { db, dialect } = database;
    const scheduler = createScheduler({
      handle: database,
      clock,
      handlers: ledgerJobHandlers(db, dialect),
      intervalMs: 1000,
    });
    const append = (n: number) =>
      db.transaction().execute((tx) =>
        appendCaseEvents(
          tx,
          dialect,
          Array.from({ length: n }, (_, i) => ({
            caseId: 'c1',
            type: 'progress_recorded',
            actorId: null,
            actorRole: 'system',
            at: clock.now().toISOString(),
            payload: { i },
          })),
        ),
      );
    await scheduleNextCheckpoint(db, clock.now());
    await scheduleNextCheckpoint(db, clock.now()); // a second node: still one job
    await append(5);
    expect(await scheduler.runOnce()).toBe(0); // not yet 02:00
    clock.set('2026-11-23T02:00:01.000Z');
    expect(await scheduler.runOnce()).toBe(1);
    await append(3);
    clock.set('2026-11-23T03:00:01.000Z');
    expect(await scheduler.runOnce()).toBe(1);
    const checkpoints = await listCheckpoints(db, { limit: 10 });
    expect(checkpoints.map((c) => c.uptoSeq).sort((a, b) => a - b)).toEqual([5, 8]);
    expect((await verifyLedger(db)).ok).toBe(true);
  });
});
