/** The side flows every real centre has (SPEC §4): 退单, 延期, 挂账, 作废, 督办, 催办, 联动, merge, reject. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/seed.ts';

let t: DemoApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

const place = { lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat };

async function handlingCase(description = '灌溉用水分配纠纷') {
  const herder = await t.as('herder');
  const chief = await t.as('grid.chief');
  const worker = await t.as('grid.worker');
  const c = await herder.post('/api/v1/cases', { description, caseType: 'neighbour', ...place });
  await chief.act(c.body.id, 'register', { caseType: 'neighbour' });
  await chief.act(c.body.id, 'dispatch', { handlerIds: [worker.userId] });
  const accepted = await worker.act(c.body.id, 'accept');
  expect(accepted.body.status).toBe('handling');
  return c.body.id as string;
}

describe('case side flows', () => {
  it('退单: a handler sends a case back, with a reason, to whoever dispatched it', async () => {
    const chief = await t.as('grid.chief');
    const worker = await t.as('grid.worker');
    const id = await handlingCase();
    expect((await worker.act(id, 'send_back', {})).status).toBe(400);
    const back = await worker.act(id, 'send_back', { reason: '属于派出所职责' });
    expect(back.body).toMatchObject({ status: 'registered', sentBackCount: 1, level: 1 });
    expect(back.body.parties.every((p: { active: boolean }) => !p.active)).toBe(true);
    const notes = await chief.get('/api/v1/notifications?unread=true');
    expect(notes.body.find((n: { caseId: string }) => n.caseId === id)).toMatchObject({ kind: 'sent_back' });
    expect((await worker.act(id, 'progress', { note: 'x' })).status).toBe(403);
  });

  it('延期: a handler asks for more time; the guide approves and the deadline moves', async () => {
    const worker = await t.as('grid.worker');
    const guide = await t.as('grid.guide');
    const id = await handlingCase();
    const before = (await worker.get(`/api/v1/cases/${id}`)).body;
    expect((await guide.act(id, 'approve_extension')).status).toBe(409);
    expect((await worker.act(id, 'request_extension', { hours: 14, reason: '需等待牧户返回' })).status).toBe(
      200,
    );
    expect((await worker.act(id, 'request_extension', { hours: 7, reason: 'again' })).status).toBe(409);
    expect((await worker.act(id, 'approve_extension')).status).toBe(403);
    const approved = await guide.act(id, 'approve_extension', { note: '同意' });
    expect(approved.body.extensionCount).toBe(1);
    expect(new Date(approved.body.stepDueAt).getTime()).toBeGreaterThan(new Date(before.stepDueAt).getTime());
    expect(approved.body.requests[0]).toMatchObject({ kind: 'extension', status: 'approved', hours: 14 });
    // and a refusal leaves the deadline alone
    await worker.act(id, 'request_extension', { hours: 7, reason: '再延' });
    const refused = await guide.act(id, 'refuse_extension', { note: '不同意' });
    expect(refused.body.stepDueAt).toBe(approved.body.stepDueAt);
  });

  it('挂账: a suspended case stops its clock and resumes with its deadline moved by the time stopped', async () => {
    const guide = await t.as('grid.guide');
    const worker = await t.as('grid.worker');
    const id = await handlingCase();
    const before = (await worker.get(`/api/v1/cases/${id}`)).body;
    const suspended = await guide.act(id, 'suspend', { reason: '当事人外出放牧，一月内无法联系' });
    expect(suspended.body).toMatchObject({ status: 'suspended', light: null });
    expect((await worker.act(id, 'feedback', { result: 'x' })).status).toBe(409);
    t.clock.advance(7 * 24 * 3600_000); // a week passes
    await t.services.scheduler.runOnce(); // the old deadline's jobs must not escalate a suspended case
    expect((await worker.get(`/api/v1/cases/${id}`)).body).toMatchObject({ status: 'suspended', level: 1 });
    const resumed = await guide.act(id, 'resume');
    expect(resumed.body.status).toBe('handling');
    const moved = new Date(resumed.body.stepDueAt).getTime() - new Date(before.stepDueAt).getTime();
    expect(moved).toBeGreaterThanOrEqual(5 * 24 * 3600_000);
    expect(resumed.body.light).toBe('green');
  });

  it('作废: voiding needs a request and the guide’s approval', async () => {
    const chief = await t.as('grid.chief');
    const guide = await t.as('grid.guide');
    const worker = await t.as('grid.worker');
    const id = await handlingCase('重复录入的测试案件');
    expect((await worker.act(id, 'request_void', { reason: 'x' })).status).toBe(403);
    expect((await chief.act(id, 'request_void', { reason: '录入错误' })).status).toBe(200);
    expect((await chief.act(id, 'approve_void')).status).toBe(403);
    const voided = await guide.act(id, 'approve_void');
    expect(voided.body.status).toBe('voided');
    expect(voided.body.closedAt).not.toBeNull();
    expect((await guide.act(id, 'escalate', { reason: 'beyond_authority', note: 'x' })).status).toBe(409);
  });

  it('督办 and 催办: the inspector issues a supervision order; the manager reminds; both reach the handler', async () => {
    const inspector = await t.as('village.inspector');
    const manager = await t.as('grid.manager');
    const worker = await t.as('grid.worker');
    const otherWorker = await t.as('grid2.worker');
    const id = await handlingCase();
    expect((await manager.act(id, 'supervise', { reason: 'x' })).status).toBe(403);
    const supervised = await inspector.act(id, 'supervise', {
      reason: '群众反映强烈，限期办结',
      dueInWorkdays: 2,
    });
    expect(supervised.body.supervised).toBe(true);
    expect(supervised.body.supervisionOrders[0]).toMatchObject({
      status: 'open',
      reason: '群众反映强烈，限期办结',
    });
    expect((await otherWorker.act(id, 'remind', {})).status).toBe(403);
    expect((await manager.act(id, 'remind', { message: '请今日回复' })).status).toBe(200);
    const notes = (await worker.get('/api/v1/notifications')).body.filter(
      (n: { caseId: string }) => n.caseId === id,
    );
    expect(notes.map((n: { kind: string }) => n.kind).sort()).toEqual([
      'assigned',
      'reminder',
      'supervision',
    ]);
    const list = await inspector.get('/api/v1/cases?supervised=true');
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('一键联动: the grid manager links the police officer in, who can then record progress', async () => {
    const manager = await t.as('grid.manager');
    const police = await t.as('grid.police');
    const id = await handlingCase('酒后滋事');
    expect((await police.act(id, 'progress', { note: 'x' })).status).toBe(403);
    const linked = await manager.act(id, 'link', { userIds: [police.userId], note: '涉嫌治安问题' });
    expect(
      linked.body.parties.some(
        (p: { kind: string; user: { id: string } }) =>
          p.kind === 'collaborator' && p.user.id === police.userId,
      ),
    ).toBe(true);
    expect((await police.act(id, 'progress', { note: '已到场处置' })).status).toBe(200);
    expect((await police.act(id, 'feedback', { result: 'x' })).status).toBe(403);
    expect(
      (await manager.act(id, 'link', { userIds: ['0190a0a0-0000-7000-8000-000000000000'] })).status,
    ).toBe(400);
  });

  it('rejects a report with a reason, and merges a duplicate into its original', async () => {
    const herder = await t.as('herder');
    const chief = await t.as('grid.chief');
    const a = await herder.post('/api/v1/cases', {
      description: '路灯坏了',
      caseType: 'infrastructure',
      ...place,
    });
    const b = await herder.post('/api/v1/cases', {
      description: '路灯坏了（重复）',
      caseType: 'infrastructure',
      ...place,
    });
    const c = await herder.post('/api/v1/cases', { description: '测试', ...place });
    expect((await chief.act(c.body.id, 'reject', { reason: '非本系统受理范围' })).body.status).toBe(
      'rejected',
    );
    expect((await chief.act(b.body.id, 'merge', { intoCaseId: b.body.id })).status).toBe(400);
    const merged = await chief.act(b.body.id, 'merge', { intoCaseId: a.body.id, reason: '重复上报' });
    expect(merged.body).toMatchObject({ status: 'merged', mergedInto: a.body.id });
    const history = await herder.get(`/api/v1/cases/${c.body.id}/history`);
    expect(history.body.at(-1)).toMatchObject({ type: 'rejected', payload: { reason: '非本系统受理范围' } });
  });
});

describe('intake', () => {
  it('makes one case of a retried report with the same Idempotency-Key', async () => {
    const herder = await t.as('herder');
    const body = { description: '同一个诉求，网络不好重试了三次', caseType: 'neighbour', ...place };
    const headers = { 'idempotency-key': 'phone-outbox-0001' };
    const results = await Promise.all([1, 2, 3].map(() => herder.post('/api/v1/cases', body, headers)));
    for (const r of results) expect(r.status).toBe(201);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const rows = await t.database.db
      .selectFrom('case_file')
      .select('id')
      .where('description', '=', body.description)
      .execute();
    expect(rows).toHaveLength(1);
    const other = await herder.post('/api/v1/cases', body, { 'idempotency-key': 'phone-outbox-0002' });
    expect(other.body.id).not.toBe(results[0]?.body.id);
  });

  it('runs an action replayed from a phone outbox once, answering the retry with the case', async () => {
    const worker = await t.as('grid.worker');
    const id = await handlingCase('离线记录的进展');
    const url = `/api/v1/cases/${id}/actions/progress`;
    const headers = { 'idempotency-key': 'outbox-progress-1' };
    const first = await worker.post(url, { note: '已入户走访' }, headers);
    const retry = await worker.post(url, { note: '已入户走访' }, headers);
    expect([first.status, retry.status]).toEqual([200, 200]);
    const history = await worker.get(`/api/v1/cases/${id}/history`);
    expect(history.body.filter((e: { type: string }) => e.type === 'progress_recorded')).toHaveLength(1);
  });

  it('accepts GCJ-02 coordinates from phones and lands them in the same grid', async () => {
    const herder = await t.as('herder');
    const { wgs84ToGcj02 } = await import('../areas/coords.ts');
    const { lng, lat } = wgs84ToGcj02(place.lng, place.lat);
    const r = await herder.post('/api/v1/cases', { description: 'gcj', lng, lat, crs: 'gcj02' });
    expect(r.status).toBe(201);
    expect(r.body.grid.code).toBe(DEMO_PLACES.pastoralGrid.code);
  });

  it('answers bad input with a 400 naming the field, and never a 500', async () => {
    const herder = await t.as('herder');
    const bad = async (body: unknown) => herder.post('/api/v1/cases', body);
    const outside = await bad({
      description: 'x',
      lng: DEMO_PLACES.outside.lng,
      lat: DEMO_PLACES.outside.lat,
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details.field).toBe('location');
    expect((await bad({ description: 'x', lng: 200, lat: 38 })).body.error.details.field).toBe('lng');
    expect((await bad({ lng: 108.8, lat: 38.6 })).body.error.details.field).toBe('description');
    expect((await bad({ description: 'x', ...place, caseType: 'nope' })).body.error.details.field).toBe(
      'caseType',
    );
    expect((await bad({ description: 'x', ...place, contactPhone: '12' })).body.error.details.field).toBe(
      'contactPhone',
    );
    expect((await bad({ description: 'x'.repeat(6000), ...place })).status).toBe(400);
    expect((await bad([1, 2, 3])).status).toBe(400);
    expect((await bad({ description: 'x', lng: '108.8', lat: null })).status).toBe(400);
    expect((await herder.get('/api/v1/cases/not-a-uuid')).status).toBe(404);
    expect((await herder.get('/api/v1/cases/0190a0a0-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await herder.act('0190a0a0-0000-7000-8000-000000000000', 'accept')).status).toBe(404);
    expect((await herder.act('x', 'nonsense')).status).toBe(404);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      payload: { description: 'x', ...place },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('hides the reporter of an anonymous report and shows the phone in full only to operators, logged', async () => {
    const herder = await t.as('herder');
    const worker = await t.as('grid.worker');
    const operator = await t.as('town.operator');
    const r = await herder.post('/api/v1/cases', {
      description: '匿名举报',
      anonymous: true,
      contactPhone: '13800001111',
      ...place,
    });
    expect(r.body.reporter).not.toBeNull();
    const seen = await worker.get(`/api/v1/cases/${r.body.id}`);
    expect(seen.body).toMatchObject({ reporter: null, contactPhone: null, anonymous: true });
    const trail = (await worker.get(`/api/v1/cases/${r.body.id}/history`)).body;
    expect(trail[0]).toMatchObject({ type: 'reported', actorId: null, actorName: null });
    expect((await herder.get(`/api/v1/cases/${r.body.id}/history`)).body[0].actorName).toBe('牧民 宝音');
    const named = await herder.post('/api/v1/cases', {
      description: '实名',
      contactPhone: '13800002222',
      ...place,
    });
    expect((await worker.get(`/api/v1/cases/${named.body.id}`)).body.contactPhone).toBe('138****2222');
    expect((await worker.get(`/api/v1/cases/${named.body.id}/contact-phone`)).status).toBe(403);
    const full = await operator.get(`/api/v1/cases/${named.body.id}/contact-phone`);
    expect(full.body.contactPhone).toBe('13800002222');
    const log = await t.database.db
      .selectFrom('personal_data_access')
      .selectAll()
      .where('user_id', '=', operator.userId)
      .execute();
    // One view, logged by the vault with who, whose, which field and why.
    expect(log).toMatchObject([
      { subject: `case:${named.body.id}`, field: 'contact_phone', reason: 'contact_reporter' },
    ]);
    const stored = await t.database.db
      .selectFrom('case_file')
      .select('contact_phone_enc')
      .where('id', '=', named.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.contact_phone_enc).not.toContain('13800002222');
  });

  it('scopes lists: a town centre sees its town, a resident only their own cases', async () => {
    const herder = await t.as('herder');
    const resident2 = await t.as('resident2');
    const galutu = await t.as('galutu.operator');
    const townOperator = await t.as('town.operator');
    const bannerOperator = await t.as('banner.operator');
    const mine = await herder.post('/api/v1/cases', { description: '我的诉求', ...place });
    const town = (await townOperator.get('/api/v1/cases?limit=500')).body;
    expect(town.items.map((c: { id: string }) => c.id)).toContain(mine.body.id);
    expect(
      (await galutu.get('/api/v1/cases?limit=500')).body.items.map((c: { id: string }) => c.id),
    ).not.toContain(mine.body.id);
    expect((await galutu.get(`/api/v1/cases/${mine.body.id}`)).status).toBe(403);
    expect((await resident2.get('/api/v1/cases')).body.items.map((c: { id: string }) => c.id)).not.toContain(
      mine.body.id,
    );
    const own = (await herder.get('/api/v1/cases?limit=500')).body.items;
    expect(own.length).toBeGreaterThan(0);
    const reporterIds = await t.database.db
      .selectFrom('case_file')
      .select('reporter_id')
      .where(
        'id',
        'in',
        own.map((c: { id: string }) => c.id),
      )
      .execute();
    expect(new Set(reporterIds.map((r) => r.reporter_id))).toEqual(new Set([herder.userId]));
    expect((await bannerOperator.get('/api/v1/cases?limit=1')).body.total).toBeGreaterThanOrEqual(town.total);
  });
});

describe('case numbers', () => {
  it('are unique and sequential per day, even when reports arrive together', async () => {
    const herder = await t.as('herder');
    const made = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        herder.post('/api/v1/cases', { description: `并发上报 ${i}`, ...place }),
      ),
    );
    const numbers = made.map((r) => r.body.caseNo as string);
    expect(new Set(numbers).size).toBe(20);
    for (const n of numbers) expect(n).toMatch(/^\d{8}-\d{5}$/);
    const day = new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    expect(new Set(numbers.map((n) => n.slice(0, 8)))).toEqual(new Set([day]));
  });
});
