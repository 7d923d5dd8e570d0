import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../database.ts';
import { ManualClock } from '../../platform/clock.ts';
import { createTestDatabase, type TestDatabase, testPostgresUrl } from '../../testing/database.ts';
import { type ClaimedJob, claimDueJobs, completeJob, countJobs, enqueueJob, MAX_ATTEMPTS } from './queue.ts';
import { createScheduler, type JobHandler, type SchedulerLogger } from './scheduler.ts';

let t: TestDatabase;
const START = '2026-11-23T01:30:00.000Z';
const MINUTE = 60_000;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.dispose());
beforeEach(async () => {
  await t.db.deleteFrom('job').execute();
});

const enqueue = (dedupeKey: string, runAt: string | Date = START, kind = 'note', payload: unknown = {}) =>
  enqueueJob(t.db, {
    kind,
    runAt: typeof runAt === 'string' ? runAt : runAt.toISOString(),
    dedupeKey,
    payload,
  });
const row = (dedupeKey: string) =>
  t.db.selectFrom('job').selectAll().where('dedupe_key', '=', dedupeKey).executeTakeFirstOrThrow();

function recordingLogger() {
  const lines: { level: string; obj: object; msg: string }[] = [];
  const logger: SchedulerLogger = {
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
  return { lines, logger };
}

describe('the scheduler', () => {
  it('keeps running while the database is away, and runs jobs again once it is back', async () => {
    const clock = new ManualClock(START);
    let away = true;
    let failures = 0;
    let onFailure: () => void = () => {};
    const threeFailures = new Promise<void>((resolve) => {
      onFailure = () => {
        if (++failures === 3) resolve();
      };
    });
    // The database as a restart leaves it: every connection refused (57P01), until `away` is false.
    const db = new Proxy(t.db, {
      get(target, property) {
        if (away && (property === 'connection' || property === 'transaction')) {
          throw Object.assign(new Error('terminating connection due to administrator command'), {
            code: '57P01',
          });
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const logger: SchedulerLogger = {
      info() {},
      warn() {},
      error: (_obj, msg) => {
        if (msg === 'scheduler run failed') onFailure();
      },
    };
    let ran: () => void = () => {};
    const jobRan = new Promise<void>((resolve) => {
      ran = resolve;
    });
    const scheduler = createScheduler({
      handle: { ...t, db },
      clock,
      intervalMs: 5,
      logger,
      handlers: { note: async () => ran() },
    });
    scheduler.start();
    try {
      await threeFailures;
      away = false;
      await enqueue('after-the-outage');
      await jobRan;
    } finally {
      await scheduler.stop();
    }
    expect(failures).toBeGreaterThanOrEqual(3);
    expect((await row('after-the-outage')).status).toBe('done');
  });

  it('runs due jobs and waits for the clock to reach the others', async () => {
    const clock = new ManualClock(START);
    const seen: unknown[] = [];
    const scheduler = createScheduler({
      handle: t,
      clock,
      intervalMs: 1_000,
      handlers: {
        note: async (job, ctx) => {
          seen.push(job.payload);
          expect(ctx.now).toEqual(clock.now());
          expect(ctx.dialect).toBe(t.dialect);
        },
      },
    });
    await enqueue('a', START, 'note', { n: 1 });
    await enqueue('b', new Date(Date.parse(START) + 10 * MINUTE), 'note', { n: 2 });

    expect(await scheduler.runOnce()).toBe(1);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await scheduler.runOnce()).toBe(0);

    clock.advance(10 * MINUTE);
    expect(await scheduler.runOnce()).toBe(1);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await countJobs(t.db)).toEqual({ pending: 0, running: 0, done: 2, failed: 0 });
  });

  it('fails only the job whose handler throws', async () => {
    const clock = new ManualClock(START);
    const { lines, logger } = recordingLogger();
    const done: string[] = [];
    const scheduler = createScheduler({
      handle: t,
      clock,
      intervalMs: 1_000,
      logger,
      handlers: {
        note: async (job) => {
          if (job.dedupeKey === 'bad') throw new Error('handler exploded');
          done.push(job.dedupeKey);
        },
      },
    });
    for (const key of ['one', 'bad', 'two']) await enqueue(key);
    expect(await scheduler.runOnce()).toBe(3);
    expect(done.sort()).toEqual(['one', 'two']);
    expect(await row('bad')).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'Error: handler exploded',
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'job failed',
        obj: expect.objectContaining({ outcome: 'retrying' }),
      }),
    );
  });

  it('fails a job of an unknown kind with a clear error', async () => {
    const clock = new ManualClock(START);
    const scheduler = createScheduler({ handle: t, clock, intervalMs: 1_000, handlers: {} });
    await enqueue('mystery', START, 'escalate.case');
    await enqueue('proto', START, 'constructor');
    expect(await scheduler.runOnce()).toBe(2);
    expect((await row('mystery')).last_error).toBe(
      'Error: unknown job kind "escalate.case": no handler is registered for it',
    );
    expect((await row('proto')).last_error).toMatch(/unknown job kind "constructor"/);
  });

  it('retries with back-off until the job succeeds, or marks it failed after five attempts', async () => {
    const clock = new ManualClock(START);
    let calls = 0;
    const scheduler = createScheduler({
      handle: t,
      clock,
      intervalMs: 1_000,
      handlers: {
        note: async (job) => {
          calls++;
          if (job.dedupeKey === 'never' || job.attempts < 2) throw new Error(`attempt ${job.attempts + 1}`);
        },
      },
    });
    await enqueue('third-time-lucky');
    await enqueue('never');
    for (let i = 0; i < 10; i++) {
      await scheduler.runOnce();
      clock.advance(60 * MINUTE);
    }
    expect(await row('third-time-lucky')).toMatchObject({ status: 'done', attempts: 2 });
    expect(await row('never')).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      last_error: `Error: attempt ${MAX_ATTEMPTS}`,
    });
    expect(calls).toBe(3 + MAX_ATTEMPTS);
  });

  it("runs a crashed worker's job once the lease has passed", async () => {
    const clock = new ManualClock(START);
    await enqueue('orphan');
    // A worker claims the job and dies without finishing it.
    expect(await claimDueJobs(t, clock.now(), 10, 2 * MINUTE)).toHaveLength(1);
    const ran: ClaimedJob[] = [];
    const scheduler = createScheduler({
      handle: t,
      clock,
      intervalMs: 1_000,
      handlers: { note: async (job) => void ran.push(job) },
    });
    expect(await scheduler.runOnce()).toBe(0);
    clock.advance(2 * MINUTE);
    expect(await scheduler.runOnce()).toBe(1);
    expect(ran[0]?.attempts).toBe(1);
    expect((await row('orphan')).status).toBe('done');
  });

  it('keeps running until no due job is left, including jobs its handlers enqueue', async () => {
    const clock = new ManualClock(START);
    const handlers: Record<string, JobHandler> = {
      // Each step of a chain enqueues the next, due at once.
      chain: async (job, ctx) => {
        const n = (job.payload as { n: number }).n;
        if (n < 45) {
          await enqueueJob(ctx.db, {
            kind: 'chain',
            runAt: ctx.now.toISOString(),
            dedupeKey: `chain-${n + 1}`,
            payload: { n: n + 1 },
          });
        }
      },
    };
    const scheduler = createScheduler({ handle: t, clock, intervalMs: 1_000, batchSize: 4, handlers });
    await enqueue('chain-0', START, 'chain', { n: 0 });
    expect(await scheduler.runOnce()).toBe(46);

    // Bounded: a chain that never ends stops after maxBatches batches.
    const endless = createScheduler({
      handle: t,
      clock,
      intervalMs: 1_000,
      batchSize: 2,
      maxBatches: 5,
      handlers: {
        chain: async (job, ctx) => {
          const n = (job.payload as { n: number }).n;
          await enqueueJob(ctx.db, {
            kind: 'chain',
            runAt: ctx.now.toISOString(),
            dedupeKey: `loop-${n + 1}`,
            payload: { n: n + 1 },
          });
        },
      },
    });
    await enqueue('loop-0', START, 'chain', { n: 0 });
    expect(await endless.runOnce()).toBe(5);
  });

  it('runs on its own once started, and stops cleanly', async () => {
    const clock = new ManualClock(START);
    let ran = 0;
    const scheduler = createScheduler({
      handle: t,
      clock,
      intervalMs: 20,
      handlers: {
        note: async () => {
          ran++;
          await sleep(5);
        },
      },
    });
    await enqueue('timer-1');
    scheduler.start();
    scheduler.start(); // a second start is a no-op
    for (let i = 0; i < 100 && ran < 1; i++) await sleep(10);
    expect(ran).toBe(1);
    await enqueue('timer-2');
    for (let i = 0; i < 100 && ran < 2; i++) await sleep(10);
    expect(ran).toBe(2);
    await scheduler.stop();
    await enqueue('timer-3');
    await sleep(60);
    expect(ran).toBe(2);
    expect((await row('timer-3')).status).toBe('pending');
  });

  it('logs a lost lease instead of overwriting the new owner', async () => {
    const clock = new ManualClock(START);
    const { lines, logger } = recordingLogger();
    const scheduler = createScheduler({
      handle: t,
      clock,
      intervalMs: 1_000,
      leaseMs: MINUTE,
      logger,
      handlers: {
        note: async () => {
          // Too slow: the lease runs out and another worker takes the job over meanwhile.
          clock.advance(MINUTE);
          const [other] = await claimDueJobs(t, clock.now(), 10, MINUTE);
          await completeJob(t.db, other!);
        },
      },
    });
    await enqueue('slow');
    expect(await scheduler.runOnce()).toBe(1);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn' }));
    expect(await row('slow')).toMatchObject({ status: 'done', attempts: 1 });
  });
});

describe('concurrent claimers', () => {
  /** Extra connections to the same database: separate pools on PostgreSQL, the one connection on SQLite. */
  async function claimers(n: number): Promise<{ handles: DatabaseHandle[]; close(): Promise<void> }> {
    const url = testPostgresUrl;
    if (t.dialect !== 'postgres' || !url) {
      // SQLite is one process with one connection: concurrency there is interleaving on that connection.
      return { handles: Array.from({ length: n }, () => t), close: async () => {} };
    }
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.db);
    const schema = rows[0]?.schema;
    if (!schema) throw new Error('no current schema');
    const handles = Array.from({ length: n }, () => openDatabase({ url, schema, poolSize: 2 }));
    return { handles, close: async () => void (await Promise.all(handles.map((h) => h.close()))) };
  }

  it('claim disjoint sets in one simultaneous round', async () => {
    const clock = new ManualClock(START);
    for (let i = 0; i < 200; i++) await enqueue(`c-${i}`, START, 'note', { n: i });
    const { handles, close } = await claimers(4);
    try {
      const round = await Promise.all(handles.map((h) => claimDueJobs(h, clock.now(), 80, MINUTE)));
      const ids = round.flat().map((j) => j.id);
      expect(new Set(ids).size).toBe(ids.length);
      // Skipped rows are not lost: whatever this round left, the next one takes.
      const rest = await claimDueJobs(t, clock.now(), 200, MINUTE);
      expect(ids.length + rest.length).toBe(200);
      expect(new Set([...ids, ...rest.map((j) => j.id)]).size).toBe(200);
    } finally {
      await close();
    }
  });

  it('run each of 200 jobs exactly once with 4 schedulers', async () => {
    const clock = new ManualClock(START);
    for (let i = 0; i < 200; i++) await enqueue(`s-${i}`, START, 'note', { n: i });
    const { handles, close } = await claimers(4);
    try {
      const runs = new Map<number, number>();
      const byScheduler = handles.map(() => 0);
      const schedulers = handles.map((handle, i) =>
        createScheduler({
          handle,
          clock,
          intervalMs: 1_000,
          batchSize: 5,
          handlers: {
            note: async (job) => {
              const n = (job.payload as { n: number }).n;
              runs.set(n, (runs.get(n) ?? 0) + 1);
              byScheduler[i] = (byScheduler[i] ?? 0) + 1;
              await sleep(1);
            },
          },
        }),
      );
      const ran = await Promise.all(schedulers.map((s) => s.runOnce()));
      expect(ran.reduce((a, b) => a + b, 0)).toBe(200);
      expect(runs.size).toBe(200);
      expect([...runs.values()].every((count) => count === 1)).toBe(true);
      // The work was shared, not done by one scheduler while the others waited.
      expect(byScheduler.filter((c) => c > 0).length).toBeGreaterThan(1);
      expect(await countJobs(t.db)).toEqual({ pending: 0, running: 0, done: 200, failed: 0 });
    } finally {
      await close();
    }
  });
});
