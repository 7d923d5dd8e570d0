import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { createScheduler } from '../jobs/scheduler.ts';
import { createCheckpointSealer, exportedCheckpointFiles, listCheckpoints } from './checkpoints.ts';
import { ledgerJobHandlers, scheduleNextCheckpoint } from './jobs.ts';
import { appendCaseEvents } from './ledger.ts';
import { createSigner } from './signing.ts';
import { verifyLedger } from './verify.ts';

let database: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-ledger-jobs-'));
});
afterAll(async () => {
  await database.dispose();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('hourly signed checkpoints', () => {
  it('seals new history every hour, exports it, and re-arms itself once', async () => {
    const signer = createSigner(randomBytes(32));
    const sealer = createCheckpointSealer({
      db: database.db,
      dialect: database.dialect,
      signer,
      dataDir,
      log: { warn: () => {} },
    });
    const clock = new ManualClock('2026-11-23T01:10:00.000Z');
    const { db, dialect } = database;
    const scheduler = createScheduler({
      handle: database,
      clock,
      handlers: ledgerJobHandlers(db, sealer),
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
    expect(checkpoints.map((c) => c.treeSize)).toEqual([8, 5]);
    expect(checkpoints.every((c) => c.keyId === signer.keyId && c.signature)).toBe(true);
    expect(exportedCheckpointFiles(dataDir).map((f) => path.basename(f))).toEqual(['5.json', '8.json']);
    expect((await verifyLedger(db, { publicKey: signer.publicKey })).ok).toBe(true);
  });
});
