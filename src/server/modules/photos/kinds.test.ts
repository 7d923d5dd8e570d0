/**
 * Photo kinds and exactly-once uploads (issue 7 #11): the reporter's scene photos, the handler's
 * before/after photos (数字城管: the handler attaches "after" photos to the feedback), each listed
 * with its kind; an upload replayed with the same Idempotency-Key (the phone's outbox after a lost
 * answer) is stored once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/places.ts';

let t: DemoApp;
let caseId: string;

/** A tiny real JPEG (1×1, grey). */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
);

async function tokenOf(username: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'zhizhi-demo-2026' },
  });
  return res.json().token;
}

async function upload(username: string, query: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/photos${query}`,
    headers: { authorization: `Bearer ${await tokenOf(username)}`, ...headers },
    payload: { data: JPEG.toString('base64') },
  });
}

async function listed(username: string): Promise<{ id: string; kind: string }[]> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/cases/${caseId}/photos`,
    headers: { authorization: `Bearer ${await tokenOf(username)}` },
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createDemoApp();
  const reported = await (await t.as('herder')).post('/api/v1/cases', {
    description: '草场围栏被邻居拆了一段，羊跑进来了。',
    lng: DEMO_PLACES.pastoralGrid.lng,
    lat: DEMO_PLACES.pastoralGrid.lat,
  });
  expect(reported.status).toBe(201);
  caseId = reported.body.id;
});
afterAll(() => t.close());

describe('photo kinds (现场 / 处置前 / 处置后)', () => {
  it('stores the reporter’s photo as a report photo and the handler’s as before/after', async () => {
    const scene = await upload('herder', '');
    expect(scene.statusCode, scene.body).toBe(201);
    expect(scene.json().kind).toBe('report');
    // the grid chief may act on the case (register), so may attach the handling photos
    const after = await upload('grid.chief', '?kind=after');
    expect(after.statusCode, after.body).toBe(201);
    expect(after.json().kind).toBe('after');
    const before = await upload('grid.chief', '?kind=before');
    expect(before.json().kind).toBe('before');
    const kinds = (await listed('grid.chief')).map((p) => p.kind);
    expect(kinds).toEqual(['report', 'after', 'before']);
  });

  it('keeps the reporter to scene photos and refuses an unknown kind naming the field', async () => {
    const reporterAfter = await upload('herder', '?kind=after');
    expect(reporterAfter.statusCode).toBe(403);
    const unknown = await upload('grid.chief', '?kind=selfie');
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().error)).toContain('kind');
  });

  it('takes the handler’s "after" photo sent right behind their feedback, when they have nothing left to do', async () => {
    const chief = await t.as('grid.chief');
    const worker = await t.as('grid.worker');
    expect((await chief.act(caseId, 'register', { caseType: 'land_grassland' })).status).toBe(200);
    expect((await chief.act(caseId, 'dispatch', { handlerIds: [worker.userId] })).status).toBe(200);
    expect((await worker.act(caseId, 'accept', {})).status).toBe(200);
    const fed = await worker.act(caseId, 'feedback', { result: '围栏已恢复原界线。' });
    expect(fed.status).toBe(200);
    expect(fed.body.allowedActions).toEqual([]);
    const after = await upload('grid.worker', '?kind=after');
    expect(after.statusCode, after.body).toBe(201);
    // a staff member of another grid still may not
    expect((await upload('grid2.chief', '?kind=after')).statusCode).toBe(403);
  });

  it('stores an upload replayed with the same Idempotency-Key once, and answers the replay with it', async () => {
    const before = (await listed('grid.chief')).length;
    const key = { 'idempotency-key': 'outbox-photo-0190a0c0-0001' };
    const first = await upload('grid.chief', '?kind=after', key);
    const replay = await upload('grid.chief', '?kind=after', key);
    expect(first.statusCode).toBe(201);
    expect(replay.statusCode).toBe(201);
    expect(replay.json().id).toBe(first.json().id);
    expect(await listed('grid.chief')).toHaveLength(before + 1);
    // another key is another photo
    const other = await upload('grid.chief', '?kind=after', { 'idempotency-key': 'outbox-photo-2' });
    expect(other.json().id).not.toBe(first.json().id);
    expect(await listed('grid.chief')).toHaveLength(before + 2);
  });

  it('refuses the same Idempotency-Key for another kind of photo with 422 naming the key, storing nothing (issue 7 #22)', async () => {
    const key = { 'idempotency-key': 'outbox-photo-0190a0c0-0003' };
    expect((await upload('grid.chief', '?kind=after', key)).statusCode).toBe(201);
    const before = (await listed('grid.chief')).length;
    const reused = await upload('grid.chief', '?kind=before', key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error).toMatchObject({
      code: 'idempotency_key_reused',
      details: { field: 'Idempotency-Key', key: 'outbox-photo-0190a0c0-0003' },
    });
    expect(await listed('grid.chief')).toHaveLength(before);
  });
});
