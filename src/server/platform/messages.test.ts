/**
 * Issue 7 #13: every error a person may read carries a stable message code + params (and an English
 * `message` for integrators), and notifications are stored as code + params with ISO times, so the
 * apps show them in the reader's language and in Asia/Shanghai time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage, isMessageKey, type MessageParams } from '../../shared/messages/format.ts';
import { DEMO_PLACES } from '../modules/demo/seed.ts';
import { createDemoApp, type DemoApp } from '../testing/demo.ts';

let t: DemoApp;
beforeAll(async () => {
  t = await createDemoApp({ start: '2026-12-01T01:30:00.000Z' });
});
afterAll(() => t.close());

const place = { lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat };
/** No Latin letters: what a Chinese reader must see (digits and punctuation are fine). */
const LATIN = /[A-Za-z]/;

function zhOf(error: { key: string; params: MessageParams }): string {
  expect(isMessageKey(error.key)).toBe(true);
  return formatMessage('zh', error.key as never, error.params);
}

describe('error bodies carry a message code and params', () => {
  it('a wrong password is auth.wrong_credentials, shown as 用户名或密码错误', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'grid.worker', password: 'not the password' },
    });
    expect(res.statusCode).toBe(401);
    const { error } = res.json();
    expect(error).toMatchObject({ code: 'unauthorized', key: 'auth.wrong_credentials', params: {} });
    expect(error.message).toBe('wrong username or password');
    expect(zhOf(error)).toBe('用户名或密码错误');
  });

  it('a schema violation maps by Ajv keyword: format uuid on intoCaseId', async () => {
    const herder = await t.as('herder');
    const chief = await t.as('grid.chief');
    const c = await herder.post('/api/v1/cases', {
      description: '草场边界纠纷',
      caseType: 'neighbour',
      ...place,
    });
    const res = await chief.act(c.body.id, 'merge', { intoCaseId: 'not-a-uuid', reason: '重复' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'bad_request',
      key: 'validation.format',
      params: { field: 'intoCaseId', format: 'uuid' },
      details: { field: 'intoCaseId' },
    });
    const zh = zhOf(res.body.error);
    expect(zh).toBe('合并到的案件须为有效的编号');
    expect(zh).not.toMatch(LATIN);
  });

  it('a password too short is validation.min_length with its limit, shown in Chinese', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { phone: '13900001111', password: 'short', displayName: '新居民', home: place },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error).toMatchObject({ key: 'validation.min_length', params: { field: 'password', limit: 8 } });
    expect(zhOf(error)).toBe('密码至少 8 个字符');
  });

  it('a domain refusal names the status and action as params, translated', async () => {
    const herder = await t.as('herder');
    const chief = await t.as('grid.chief');
    const c = await herder.post('/api/v1/cases', {
      description: '路灯损坏',
      caseType: 'neighbour',
      ...place,
    });
    await chief.act(c.body.id, 'register', { caseType: 'neighbour' });
    const res = await chief.act(c.body.id, 'register', { caseType: 'neighbour' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'conflict',
      key: 'case.status_forbids_action',
      params: { status: 'registered', action: 'register' },
    });
    const zh = zhOf(res.body.error);
    expect(zh).toBe('案件处于“待派遣”状态，不能“登记立案”');
    expect(zh).not.toMatch(LATIN);
  });

  it('a refused policy decision is a code too (403 outside the area)', async () => {
    const herder = await t.as('herder');
    const c = await herder.post('/api/v1/cases', {
      description: '垃圾堆放',
      caseType: 'neighbour',
      ...place,
    });
    const outsider = await t.as('town.inspector');
    const res = await outsider.act(c.body.id, 'register', { caseType: 'neighbour' });
    expect(res.status).toBe(403);
    expect(isMessageKey(res.body.error.key)).toBe(true);
    expect(zhOf(res.body.error)).not.toMatch(LATIN);
  });
});

describe('notifications are stored as code + params', () => {
  it('a supervision order carries its deadline as ISO, shown as local time', async () => {
    const herder = await t.as('herder');
    const chief = await t.as('grid.chief');
    const worker = await t.as('grid.worker');
    const inspector = await t.as('village.inspector');
    const c = await herder.post('/api/v1/cases', {
      description: '水井损坏',
      caseType: 'neighbour',
      ...place,
    });
    await chief.act(c.body.id, 'register', { caseType: 'neighbour' });
    await chief.act(c.body.id, 'dispatch', { handlerIds: [worker.userId] });
    await worker.act(c.body.id, 'accept');
    const supervised = await inspector.act(c.body.id, 'supervise', {
      reason: '群众反映强烈',
      dueInWorkdays: 1,
    });
    expect(supervised.status).toBe(200);
    const notes = await worker.get('/api/v1/notifications');
    const note = notes.body.find(
      (n: { caseId: string; kind: string }) => n.caseId === c.body.id && n.kind === 'supervision',
    );
    expect(note).toMatchObject({ key: 'notice.supervised', params: { reason: '群众反映强烈' } });
    const dueAt = note.params.dueAt as string;
    expect(dueAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // the stored Chinese sentence and the app's rendering both show Asia/Shanghai local time, not ISO
    const local = new Date(Date.parse(dueAt) + 8 * 3_600_000);
    const expected = `${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
    const zh = formatMessage('zh', note.key, note.params);
    expect(zh).toBe(`督办单：群众反映强烈（期限 ${expected}）`);
    expect(note.message).toBe(zh);
    expect(zh).not.toContain('T');
  });
});
