/**
 * A PostgreSQL restart under load (issue 7 #1): every session of this node is ended with
 * pg_terminate_backend (57P01, what a restart does) twice while residents keep reporting. The
 * process must survive (an unheard 'error' event would end it and fail the run), every answer is a
 * 201 or a 503 in the error shape, requests after the outage succeed, the scheduler keeps running,
 * and every case acknowledged with a 201 is in the database. PostgreSQL only.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PLACES } from '../../modules/demo/seed.ts';
import { enqueueJob } from '../../modules/jobs/queue.ts';
import { createScheduler, type Scheduler } from '../../modules/jobs/scheduler.ts';
import { testPostgresUrl } from '../../testing/database.ts';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';

const WORKERS = 4;
const REPORTS_EACH = 25;
/** Outages happen when this many reports have been answered. */
const OUTAGES_AT = [10, 45];

let t: DemoApp;
let admin: pg.Client;

describe.skipIf(!testPostgresUrl)('a PostgreSQL restart under load', () => {
  beforeAll(async () => {
    t = await createDemoApp();
    admin = new pg.Client({ connectionString: testPostgresUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await t?.close();
  });

  /** Ends every session of this node's pool, as a restart does; returns how many there were. */
  async function terminateAll(): Promise<number> {
    const res = await admin.query(
      'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1',
      [t.database.applicationName],
    );
    return res.rows.filter((r) => r.ended).length;
  }

  it('survives, answers 503 meanwhile, and loses no acknowledged case', async () => {
    const place = { lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat };

    // The scheduler polls throughout, so the outage also hits it.
    let probeRan: () => void = () => {};
    const jobRan = new Promise<void>((resolve) => {
      probeRan = resolve;
    });
    const scheduler: Scheduler = createScheduler({
      handle: t.database,
      clock: t.clock,
      intervalMs: 10,
      handlers: { 'outage.probe': async () => probeRan() },
    });
    scheduler.start();

    const answers: { status: number; id?: string; code?: string; retryAfter?: string }[] = [];
    const outages: Promise<number>[] = [];
    const report = async (description: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: { authorization: `Bearer ${token}` },
        payload: { description, caseType: 'neighbour', ...place },
      });
      const body = res.body ? JSON.parse(res.body) : {};
      answers.push({
        status: res.statusCode,
        id: body.id,
        code: body.error?.code,
        retryAfter: res.headers['retry-after'] as string | undefined,
      });
      if (OUTAGES_AT.includes(answers.length)) outages.push(terminateAll());
      return res.statusCode;
    };
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'herder', password: DEMO_PASSWORD },
    });
    const token: string = login.json().token;

    await Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        for (let i = 0; i < REPORTS_EACH; i++) await report(`停电后的诉求 ${w}-${i}`);
      }),
    );
    const ended = await Promise.all(outages);
    expect(ended.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    // While the sessions were being ended: a 201, or a 503 in the error shape with Retry-After.
    for (const a of answers) {
      if (a.status === 201) continue;
      expect(a).toMatchObject({ status: 503, code: 'service_unavailable', retryAfter: '5' });
    }

    // After the outage: every request succeeds again.
    for (let i = 0; i < 10; i++) expect(await report(`恢复后的诉求 ${i}`)).toBe(201);
    const health = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(health.statusCode).toBe(200);

    // The scheduler survived the outage and still runs jobs.
    await enqueueJob(t.database.db, {
      kind: 'outage.probe',
      runAt: t.clock.now().toISOString(),
      dedupeKey: 'outage-probe',
      payload: {},
    });
    await jobRan;
    await scheduler.stop();

    // Every case acknowledged with a 201 is in the database.
    const acknowledged = answers.filter((a) => a.status === 201).map((a) => a.id as string);
    expect(acknowledged.length).toBeGreaterThanOrEqual(10);
    const stored = await t.database.db
      .selectFrom('case_file')
      .select('id')
      .where('id', 'in', acknowledged)
      .execute();
    expect(stored.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
  });
});
