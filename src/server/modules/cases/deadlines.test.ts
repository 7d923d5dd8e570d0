/**
 * Deadlines of the loop against the 2026 calendar (issue 7 #25; definitions in ARCHITECTURE.md).
 * Dates are chosen where a wrong rule gives another answer: the National Day holiday (10-01…10-07),
 * the make-up Sunday 09-20 and make-up Saturday 10-10, the Mid-Autumn Friday 09-25.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Client, createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/seed.ts';

/** An instant given as Asia/Shanghai local time 'YYYY-MM-DD HH:MM'. */
const local = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`).toISOString();
const place = { lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat };

/** Each test builds its own demo app at its own date: generous on a loaded machine. */
const OWN_APP = { timeout: 120_000 };

let t: DemoApp;
afterEach(() => t?.close());

async function app(start: string): Promise<DemoApp> {
  t = await createDemoApp({ start: local(start) });
  return t;
}

async function events(id: string, type: string) {
  const admin = await t.as('admin');
  const history = await admin.get(`/api/v1/cases/${id}/history`);
  return history.body.filter((e: { type: string }) => e.type === type);
}

async function jobsOf(id: string, kind: string) {
  const rows = await t.database.db
    .selectFrom('job')
    .select(['run_at', 'payload', 'kind'])
    .where('kind', '=', kind)
    .execute();
  return rows.filter((r) => String(r.payload).includes(id) || JSON.stringify(r.payload).includes(id));
}

/** A case reported, registered, dispatched to the grid worker and accepted, all now. */
async function handlingCase(): Promise<{ id: string; worker: Client; guide: Client }> {
  const herder = await t.as('herder');
  const chief = await t.as('grid.chief');
  const worker = await t.as('grid.worker');
  const c = await herder.post('/api/v1/cases', { description: '草场围栏纠纷', ...place });
  await chief.act(c.body.id, 'register', { caseType: 'neighbour' });
  await chief.act(c.body.id, 'dispatch', { handlerIds: [worker.userId] });
  expect((await worker.act(c.body.id, 'accept')).body.status).toBe('handling');
  return { id: c.body.id, worker, guide: await t.as('grid.guide') };
}

describe('the reminder at 80 % of a step’s working time', () => {
  it(
    'comes at 80 % of the working minutes, not of the wall-clock time across the National Day holiday',
    OWN_APP,
    async () => {
      // Registration: 4 working hours from Wed 09-30 16:00 → 90 min that day, 150 on Thu 10-08 → due 11:30.
      // 80 % = 192 working minutes → Thu 10-08 10:42 (wall-clock 80 % would fall in the holiday).
      await app('2026-09-30 16:00');
      const herder = await t.as('herder');
      const c = await herder.post('/api/v1/cases', { description: '路灯不亮', ...place });
      expect(c.body.stepDueAt).toBe(local('2026-10-08 11:30'));
      const [near] = await jobsOf(c.body.id, 'case.deadline_near');
      expect(near?.run_at).toBe(local('2026-10-08 10:42'));
      t.clock.set(local('2026-10-08 10:41'));
      await t.services.scheduler.runOnce();
      expect(await events(c.body.id, 'deadline_near')).toHaveLength(0);
      t.clock.set(local('2026-10-08 10:42'));
      await t.services.scheduler.runOnce();
      expect(await events(c.body.id, 'deadline_near')).toHaveLength(1);
      const chief = await t.as('grid.chief');
      const notes = await chief.get('/api/v1/notifications?limit=200');
      expect(
        notes.body.some(
          (n: { caseId: string; kind: string }) => n.caseId === c.body.id && n.kind === 'deadline_near',
        ),
      ).toBe(true);
    },
  );
});

describe('an overdue supervision order (督办单)', () => {
  it(
    'is due after its working days, across the holiday, and then alerts its inspector once',
    OWN_APP,
    async () => {
      // 2 workdays from Wed 09-30 10:00: 360 min that day, 420 on Thu 10-08, 60 on Fri 10-09 → 10:00.
      await app('2026-09-30 10:00');
      const herder = await t.as('herder');
      const inspector = await t.as('town.inspector');
      const c = await herder.post('/api/v1/cases', { description: '违建', ...place });
      const ordered = await inspector.act(c.body.id, 'supervise', {
        reason: '群众反映强烈',
        dueInWorkdays: 2,
      });
      expect(ordered.body.supervisionOrders[0].dueAt).toBe(local('2026-10-09 10:00'));
      t.clock.set(local('2026-10-09 09:59'));
      await t.services.scheduler.runOnce();
      expect(await events(c.body.id, 'supervision_overdue')).toHaveLength(0);
      t.clock.set(local('2026-10-09 10:00'));
      await t.services.scheduler.runOnce();
      await t.services.scheduler.runOnce();
      expect(await events(c.body.id, 'supervision_overdue')).toHaveLength(1);
      const notes = await inspector.get('/api/v1/notifications?limit=200');
      expect(
        notes.body.filter(
          (n: { caseId: string; kind: string }) => n.caseId === c.body.id && n.kind === 'supervision_overdue',
        ),
      ).toHaveLength(1);
    },
  );

  it('raises nothing when the case was verified before the order fell due', OWN_APP, async () => {
    await app('2026-09-30 10:00');
    const { id, worker, guide } = await handlingCase();
    const inspector = await t.as('town.inspector');
    await inspector.act(id, 'supervise', { reason: '督办', dueInWorkdays: 2 });
    await worker.act(id, 'feedback', { result: '已处理' });
    expect((await guide.act(id, 'verify')).body.supervisionOrders[0].status).toBe('closed');
    t.clock.set(local('2026-10-12 10:00'));
    await t.services.scheduler.runOnce();
    expect(await events(id, 'supervision_overdue')).toHaveLength(0);
  });
});

describe('suspension (挂账) across holidays and make-up workdays', () => {
  it(
    'moves the deadline by the working time stopped, counting the make-up days and not the holidays',
    OWN_APP,
    async () => {
      // Handling at L1: 3 workdays from Fri 09-18 09:00 = Fri, make-up Sun 09-20, Mon 09-21 → 17:30.
      await app('2026-09-18 09:00');
      const { id, worker, guide } = await handlingCase();
      expect((await worker.get(`/api/v1/cases/${id}`)).body.stepDueAt).toBe(local('2026-09-21 17:30'));
      t.clock.set(local('2026-09-18 10:00'));
      await guide.act(id, 'suspend', { reason: '当事人外出' });
      // Stopped Fri 09-18 10:00 → Thu 10-08 10:00: 360 + 420 (Sun 09-20) + 4×420 + 3×420 + 60 = 3,780 min = 9 workdays.
      t.clock.set(local('2026-10-08 10:00'));
      await t.services.scheduler.runOnce(); // the old deadline passed while suspended: nothing happens
      expect((await worker.get(`/api/v1/cases/${id}`)).body).toMatchObject({ status: 'suspended', level: 1 });
      const resumed = await guide.act(id, 'resume');
      expect(resumed.body.status).toBe('handling');
      // 9 workdays after Mon 09-21 17:30: 09-22…24, 09-28…30, 10-08, 10-09 and the make-up Sat 10-10.
      expect(resumed.body.stepDueAt).toBe(local('2026-10-10 17:30'));
      const [stopped] = await events(id, 'resumed');
      expect(stopped.payload.stoppedWorkingMinutes).toBe(3780);
      // the re-armed overdue job fires at the new deadline, not before
      t.clock.set(local('2026-10-10 17:29'));
      await t.services.scheduler.runOnce();
      expect((await worker.get(`/api/v1/cases/${id}`)).body.level).toBe(1);
      t.clock.set(local('2026-10-10 17:31'));
      await t.services.scheduler.runOnce();
      expect((await worker.get(`/api/v1/cases/${id}`)).body).toMatchObject({ level: 2, overdue: true });
    },
  );

  it('resumes to the status it was suspended from: registered, dispatched or handling', OWN_APP, async () => {
    await app('2026-09-18 09:00');
    const herder = await t.as('herder');
    const chief = await t.as('grid.chief');
    const guide = await t.as('grid.guide');
    const worker = await t.as('grid.worker');
    const registered = (await herder.post('/api/v1/cases', { description: 'a', ...place })).body.id;
    await chief.act(registered, 'register', { caseType: 'neighbour' });
    const dispatched = (await herder.post('/api/v1/cases', { description: 'b', ...place })).body.id;
    await chief.act(dispatched, 'register', { caseType: 'neighbour' });
    await chief.act(dispatched, 'dispatch', { handlerIds: [worker.userId] });
    const { id: handling } = await handlingCase();
    for (const [id, status] of [
      [registered, 'registered'],
      [dispatched, 'dispatched'],
      [handling, 'handling'],
    ] as const) {
      expect((await guide.act(id, 'suspend', { reason: '等待' })).body.status).toBe('suspended');
      t.clock.advance(3_600_000);
      expect((await guide.act(id, 'resume')).body.status, status).toBe(status);
    }
  });
});

describe('editing the rules or the calendar', () => {
  it('a rule edit re-times the live steps it governs, and their reminders follow', OWN_APP, async () => {
    await app('2026-11-23 09:00'); // Monday
    const { id, worker } = await handlingCase();
    expect((await worker.get(`/api/v1/cases/${id}`)).body.stepDueAt).toBe(local('2026-11-25 17:30'));
    const admin = await t.as('admin');
    const rules = (await admin.get('/api/v1/deadline-rules')).body.rules.map(
      (r: { step: string; level: number | null; caseType: string | null; amount: number }) =>
        r.step === 'handle' && r.level === 1 && r.caseType === null ? { ...r, amount: 5 } : r,
    );
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/deadline-rules',
      headers: { authorization: `Bearer ${await tokenOf('admin')}` },
      payload: { rules },
    });
    expect(put.statusCode).toBe(200);
    // 5 workdays from Mon 11-23 09:00 → Fri 11-27 17:30
    expect((await worker.get(`/api/v1/cases/${id}`)).body.stepDueAt).toBe(local('2026-11-27 17:30'));
    expect(await events(id, 'deadline_changed')).toHaveLength(1);
    t.clock.set(local('2026-11-25 17:31')); // the old deadline: no escalation any more
    await t.services.scheduler.runOnce();
    expect((await worker.get(`/api/v1/cases/${id}`)).body).toMatchObject({ level: 1, overdue: false });
    t.clock.set(local('2026-11-27 17:31'));
    await t.services.scheduler.runOnce();
    expect((await worker.get(`/api/v1/cases/${id}`)).body.level).toBe(2);
  });

  it('a new holiday inside a live step pushes its deadline one working day later', OWN_APP, async () => {
    await app('2026-11-23 09:00');
    const { id, worker } = await handlingCase();
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/calendar/2026-11-24',
      headers: { authorization: `Bearer ${await tokenOf('admin')}` },
      payload: { kind: 'holiday', name: '临时停工' },
    });
    expect(put.statusCode).toBe(200);
    expect((await worker.get(`/api/v1/cases/${id}`)).body.stepDueAt).toBe(local('2026-11-26 17:30'));
    t.clock.set(local('2026-11-25 17:31'));
    await t.services.scheduler.runOnce();
    expect((await worker.get(`/api/v1/cases/${id}`)).body.level).toBe(1);
  });
});

describe('a year with no calendar entered', () => {
  it('counts Monday–Friday and flags the missing year to the administrators, once', OWN_APP, async () => {
    // 2027 has no entries: its New Year's Day (Fri 01-01) counts as a working day — flagged, not silent.
    await app('2026-12-31 09:00');
    const { id, worker } = await handlingCase();
    // 3 workdays: Thu 12-31, Fri 01-01 (weekday rule), Mon 01-04 → 17:30
    expect((await worker.get(`/api/v1/cases/${id}`)).body.stepDueAt).toBe(local('2027-01-04 17:30'));
    await handlingCase();
    await t.services.scheduler.runOnce();
    const admin = await t.as('admin');
    const notes = await admin.get('/api/v1/notifications?limit=200');
    const flags = notes.body.filter((n: { kind: string }) => n.kind === 'calendar_missing');
    expect(flags).toHaveLength(1);
    expect(flags[0].message).toContain('2027');
    const calendar = await admin.get('/api/v1/calendar?year=2027');
    expect(calendar.body).toMatchObject({ days: [], entered: false });
    expect((await admin.get('/api/v1/calendar?year=2026')).body.entered).toBe(true);
  });
});

async function tokenOf(username: string): Promise<string> {
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'zhizhi-demo-2026' },
  });
  return login.json().token;
}
