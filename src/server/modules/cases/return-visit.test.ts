/**
 * 回访 return visit (issue 7 #10): the rating stored is the one given, and a rating that contradicts
 * the answer — "not satisfied" with five stars — is refused with a 400 naming `rating`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/seed.ts';

let t: DemoApp;

beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

/** A case the herder reported, taken through the loop to 待回访 (verified). */
async function verifiedCase(): Promise<string> {
  const herder = await t.as('herder');
  const chief = await t.as('grid.chief');
  const worker = await t.as('grid.worker');
  const guide = await t.as('grid.guide');
  const reported = await herder.post('/api/v1/cases', {
    description: '草场围栏被邻居挪动，需要网格员协调。',
    lng: DEMO_PLACES.pastoralGrid.lng,
    lat: DEMO_PLACES.pastoralGrid.lat,
  });
  expect(reported.status).toBe(201);
  const id: string = reported.body.id;
  expect((await chief.act(id, 'register', { caseType: 'land_grassland' })).status).toBe(200);
  expect((await chief.act(id, 'dispatch', { handlerIds: [worker.userId] })).status).toBe(200);
  expect((await worker.act(id, 'accept')).status).toBe(200);
  expect((await worker.act(id, 'feedback', { result: '围栏已恢复原位。' })).status).toBe(200);
  expect((await guide.act(id, 'verify')).status).toBe(200);
  return id;
}

async function visitPayload(id: string): Promise<Record<string, unknown> | undefined> {
  const herder = await t.as('herder');
  const history = await herder.get(`/api/v1/cases/${id}/history`);
  const entry = history.body.find((e: { type: string }) => e.type === 'visited' || e.type === 'reopened');
  return entry?.payload;
}

describe('return visit rating (回访评分)', () => {
  it('refuses "not satisfied" with five stars, naming the rating, and leaves the case waiting', async () => {
    const id = await verifiedCase();
    const herder = await t.as('herder');
    const res = await herder.act(id, 'visit', { satisfied: false, rating: 5 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(JSON.stringify(res.body.error)).toContain('rating');
    expect((await herder.get(`/api/v1/cases/${id}`)).body.status).toBe('verified');
    expect(await visitPayload(id)).toBeUndefined();
  });

  it('stores "not satisfied" with two stars as given, and "satisfied" with four', async () => {
    const herder = await t.as('herder');
    const unhappy = await verifiedCase();
    expect((await herder.act(unhappy, 'visit', { satisfied: false, rating: 2 })).status).toBe(200);
    expect(await visitPayload(unhappy)).toMatchObject({ satisfied: false, rating: 2 });
    const happy = await verifiedCase();
    expect((await herder.act(happy, 'visit', { satisfied: true, rating: 4 })).status).toBe(200);
    expect(await visitPayload(happy)).toMatchObject({ satisfied: true, rating: 4 });
  });
});
