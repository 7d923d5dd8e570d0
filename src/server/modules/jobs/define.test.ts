/** Typed jobs: the payload is checked at enqueue (nothing queued when wrong) and again when run. */
import { Type } from 'typebox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { bindJobs, checkedEnqueue, defineJob, JobPayloadError } from './define.ts';
import { countJobs, enqueueJob } from './queue.ts';
import { createScheduler } from './scheduler.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.dispose());
beforeEach(async () => {
  await t.db.deleteFrom('job').execute();
});

const seen: { caseId: string; hours: number; by: string }[] = [];
const remindJob = defineJob({
  type: 'test.remind',
  payload: Type.Object({ caseId: Type.String(), hours: Type.Integer() }, { additionalProperties: false }),
  async handle(payload, deps: { who: string }) {
    seen.push({ ...payload, by: deps.who });
  },
});
const RUN_AT = '2026-11-23T01:30:00.000Z';

describe('defineJob', () => {
  it('enqueues a checked payload and runs it with the bound dependencies', async () => {
    expect(
      await remindJob.enqueue(t.db, { runAt: RUN_AT, dedupeKey: 'r1', payload: { caseId: 'c1', hours: 4 } }),
    ).toBe(true);
    const clock = new ManualClock(new Date('2026-11-23T02:00:00Z'));
    const scheduler = createScheduler({
      handle: t,
      clock,
      handlers: bindJobs([remindJob], { who: 'centre' }),
      intervalMs: 1000,
    });
    expect(await scheduler.runOnce()).toBe(1);
    expect(seen).toEqual([{ caseId: 'c1', hours: 4, by: 'centre' }]);
  });

  it('refuses a wrong payload at enqueue and queues nothing', async () => {
    const wrong = { caseId: 'c1', hours: 'four' } as unknown as { caseId: string; hours: number };
    await expect(remindJob.enqueue(t.db, { runAt: RUN_AT, dedupeKey: 'r2', payload: wrong })).rejects.toThrow(
      JobPayloadError,
    );
    expect(await countJobs(t.db)).toEqual(expect.objectContaining({ pending: 0 }));
  });

  it('a checked enqueue port refuses unknown kinds and wrong payloads of known ones', async () => {
    const enqueue = checkedEnqueue([remindJob], enqueueJob);
    await expect(
      enqueue(t.db, { kind: 'test.other', runAt: RUN_AT, dedupeKey: 'x', payload: {} }),
    ).rejects.toThrow(/unknown job/);
    await expect(
      enqueue(t.db, {
        kind: 'test.remind',
        runAt: RUN_AT,
        dedupeKey: 'y',
        payload: { caseId: 'c', hours: 1, extra: 1 },
      }),
    ).rejects.toThrow(JobPayloadError);
    expect(
      await enqueue(t.db, {
        kind: 'test.remind',
        runAt: RUN_AT,
        dedupeKey: 'z',
        payload: { caseId: 'c', hours: 1 },
      }),
    ).toBe(true);
  });

  it('a stored payload its schema refuses fails that job instead of running the handler', async () => {
    const handlers = bindJobs([remindJob], { who: 'x' });
    const before = seen.length;
    await expect(handlers['test.remind']?.({ payload: { caseId: 7 } } as never, {} as never)).rejects.toThrow(
      JobPayloadError,
    );
    expect(seen.length).toBe(before);
  });
});
