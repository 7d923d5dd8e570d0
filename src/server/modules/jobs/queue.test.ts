import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import {
  claimDueJobs,
  completeJob,
  countJobs,
  enqueueJob,
  failJob,
  MAX_ATTEMPTS,
  retryDelayMs,
} from './queue.ts';

let t: TestDatabase;
const START = '2026-11-23T01:30:00.000Z';
const MINUTE = 60_000;
const LEASE = 5 * MINUTE;
const HOUR = 60 * MINUTE;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.dispose());
beforeEach(async () => {
  await t.db.deleteFrom('job').execute();
});

const job = (key: string, runAt = START, payload: unknown = { caseId: key }) => ({
  kind: 'deadline.check',
  runAt,
  dedupeKey: key,
  payload,
});
const statusOf = async (dedupeKey: string) =>
  t.db.selectFrom('job').selectAll().where('dedupe_key', '=', dedupeKey).executeTakeFirstOrThrow();

describe('enqueueJob', () => {
  it('inserts a job once per dedupe key', async () => {
    expect(await enqueueJob(t.db, job('case-1:step-3'))).toBe(true);
    expect(await enqueueJob(t.db, job('case-1:step-3', '2026-12-01T00:00:00Z'))).toBe(false);
    expect(await enqueueJob(t.db, job('case-1:step-4'))).toBe(true);
    expect(await countJobs(t.db)).toEqual({ pending: 2, running: 0, done: 0, failed: 0 });
    expect((await statusOf('case-1:step-3')).run_at).toBe(START);
  });

  it('keeps deduplicating after the job has run', async () => {
    await enqueueJob(t.db, job('once'));
    const [claimed] = await claimDueJobs(t, new Date(START), 10, LEASE);
    expect(await completeJob(t.db, claimed!)).toBe(true);
    expect(await enqueueJob(t.db, job('once'))).toBe(false);
  });

  it("joins the caller's transaction", async () => {
    await expect(
      t.db.transaction().execute(async (tx) => {
        expect(await enqueueJob(tx, job('rolled-back'))).toBe(true);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await t.db.transaction().execute(async (tx) => {
      expect(await enqueueJob(tx, job('committed'))).toBe(true);
    });
    expect(await t.db.selectFrom('job').select('dedupe_key').execute()).toEqual([
      { dedupe_key: 'committed' },
    ]);
  });

  it('normalises the run time to ISO UTC and refuses bad input with a 400', async () => {
    await enqueueJob(t.db, job('offset', '2026-11-23T09:30:00+08:00'));
    expect((await statusOf('offset')).run_at).toBe(START);
    await expect(enqueueJob(t.db, job('bad-time', 'next week'))).rejects.toThrow(/runAt/);
    await expect(enqueueJob(t.db, { ...job('x'), kind: '' })).rejects.toBeInstanceOf(AppError);
    await expect(enqueueJob(t.db, job(''))).rejects.toThrow(/dedupeKey/);
    await expect(enqueueJob(t.db, job('nan', START, { n: Number.NaN }))).rejects.toThrow(/payload/);
    expect(await countJobs(t.db)).toMatchObject({ pending: 1 });
  });
});

describe('claimDueJobs', () => {
  it('claims only jobs that are due, oldest first, with their payload parsed', async () => {
    const clock = new ManualClock(START);
    await enqueueJob(t.db, job('later', '2026-11-23T02:00:00Z', { n: 2, tags: ['a'] }));
    await enqueueJob(t.db, job('now', START, { n: 1 }));
    await enqueueJob(t.db, job('earlier', '2026-11-23T01:00:00Z', null));

    const first = await claimDueJobs(t, clock.now(), 10, HOUR);
    expect(first.map((j) => j.dedupeKey)).toEqual(['earlier', 'now']);
    expect(first[1]).toMatchObject({
      kind: 'deadline.check',
      payload: { n: 1 },
      attempts: 0,
      lockedUntil: new Date(clock.now().getTime() + HOUR).toISOString(),
    });
    expect(first[0]?.payload).toBeNull();
    expect(await claimDueJobs(t, clock.now(), 10, HOUR)).toEqual([]);

    clock.advance(29 * MINUTE);
    expect(await claimDueJobs(t, clock.now(), 10, HOUR)).toEqual([]);
    clock.advance(MINUTE);
    const second = await claimDueJobs(t, clock.now(), 10, HOUR);
    expect(second.map((j) => j.payload)).toEqual([{ n: 2, tags: ['a'] }]);
    expect((await statusOf('later')).status).toBe('running');
  });

  it('claims at most `limit` jobs', async () => {
    for (let i = 0; i < 5; i++) await enqueueJob(t.db, job(`j${i}`));
    expect(await claimDueJobs(t, new Date(START), 3, LEASE)).toHaveLength(3);
    expect(await claimDueJobs(t, new Date(START), 3, LEASE)).toHaveLength(2);
    await expect(claimDueJobs(t, new Date(START), 0, LEASE)).rejects.toThrow(/limit/);
    await expect(claimDueJobs(t, new Date(START), 1, 0)).rejects.toThrow(/lease/);
  });

  it("retries a crashed worker's job once its lease has passed, and fences the old worker off", async () => {
    const clock = new ManualClock(START);
    await enqueueJob(t.db, job('crash'));
    const [crashed] = await claimDueJobs(t, clock.now(), 10, LEASE);
    // The worker dies here. Before the lease ends nobody else may take the job.
    clock.advance(LEASE - 1);
    expect(await claimDueJobs(t, clock.now(), 10, LEASE)).toEqual([]);
    clock.advance(1);
    const [retried] = await claimDueJobs(t, clock.now(), 10, LEASE);
    expect(retried).toMatchObject({ id: crashed?.id, attempts: 1 });
    expect((await statusOf('crash')).last_error).toMatch(/lease expired/);
    // The first worker comes back to life: its claim is gone, it changes nothing.
    expect(await completeJob(t.db, crashed!)).toBe(false);
    expect(await failJob(t.db, crashed!, new Error('late'), clock.now())).toBe('lost');
    expect(await completeJob(t.db, retried!)).toBe(true);
    expect((await statusOf('crash')).status).toBe('done');
  });

  it('gives a job up when its lease expires on every attempt', async () => {
    const clock = new ManualClock(START);
    await enqueueJob(t.db, job('poison'));
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect(await claimDueJobs(t, clock.now(), 10, LEASE)).toHaveLength(1);
      clock.advance(LEASE);
    }
    expect(await claimDueJobs(t, clock.now(), 10, LEASE)).toEqual([]);
    const row = await statusOf('poison');
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, locked_until: null });
    expect(row.last_error).toMatch(/given up/);
  });
});

describe('failJob', () => {
  it('backs off, then marks the job failed after five attempts', async () => {
    const clock = new ManualClock(START);
    await enqueueJob(t.db, job('flaky'));
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const [claimed] = await claimDueJobs(t, clock.now(), 10, LEASE);
      expect(claimed?.attempts).toBe(attempt - 1);
      const outcome = await failJob(t.db, claimed!, new Error(`boom ${attempt}`), clock.now());
      const row = await statusOf('flaky');
      expect(row.attempts).toBe(attempt);
      expect(row.last_error).toBe(`Error: boom ${attempt}`);
      expect(row.locked_until).toBeNull();
      if (attempt < MAX_ATTEMPTS) {
        expect(outcome).toBe('retrying');
        expect(row.status).toBe('pending');
        const delay = Date.parse(row.run_at) - clock.now().getTime();
        delays.push(delay);
        // Not before the back-off has passed.
        clock.advance(delay - 1);
        expect(await claimDueJobs(t, clock.now(), 10, LEASE)).toEqual([]);
        clock.advance(1);
      } else {
        expect(outcome).toBe('failed');
        expect(row.status).toBe('failed');
      }
    }
    expect(delays).toEqual([1, 2, 3, 4].map(retryDelayMs));
    expect(delays).toEqual([MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE]);
    clock.advance(24 * 60 * MINUTE);
    expect(await claimDueJobs(t, clock.now(), 10, LEASE)).toEqual([]);
    expect(await countJobs(t.db)).toEqual({ pending: 0, running: 0, done: 0, failed: 1 });
  });

  it('keeps the error text short and accepts anything thrown', async () => {
    await enqueueJob(t.db, job('long'));
    const [claimed] = await claimDueJobs(t, new Date(START), 10, LEASE);
    await failJob(t.db, claimed!, 'x'.repeat(10_000), new Date(START));
    expect((await statusOf('long')).last_error?.length).toBeLessThanOrEqual(2_001);
    expect(retryDelayMs(20)).toBe(3_600_000);
  });
});
