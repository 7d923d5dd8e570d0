/**
 * `GET /api/v1/cases/{id}/verification` (链校验): the case page's check of its own history — intact
 * after real actions, broken once a stored payload is altered, and only for those who may see the case.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/seed.ts';

let t: DemoApp;
let caseId: string;

beforeAll(async () => {
  t = await createDemoApp();
  const herder = await t.as('herder');
  const chief = await t.as('grid.chief');
  const reported = await herder.post('/api/v1/cases', {
    description: '牧道上的水泥桥出现裂缝，牛羊通过有危险。',
    lng: DEMO_PLACES.pastoralGrid.lng,
    lat: DEMO_PLACES.pastoralGrid.lat,
  });
  expect(reported.status).toBe(201);
  caseId = reported.body.id;
  expect((await chief.act(caseId, 'register', { caseType: 'infrastructure' })).status).toBe(200);
});
afterAll(() => t.close());

describe('case history verification (链校验)', () => {
  it('reports every entry of an untouched case as intact', async () => {
    const operator = await t.as('town.operator');
    const res = await operator.get(`/api/v1/cases/${caseId}/verification`);
    expect(res.status).toBe(200);
    const history = await operator.get(`/api/v1/cases/${caseId}/history`);
    expect(history.body.length).toBeGreaterThanOrEqual(2);
    expect(res.body).toEqual({ status: 'intact', checked: history.body.length, broken: [] });
  });

  it('refuses people who may not see the case, and unknown cases', async () => {
    const galutu = await t.as('galutu.operator');
    expect((await galutu.get(`/api/v1/cases/${caseId}/verification`)).status).toBe(403);
    const unsigned = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/verification` });
    expect(unsigned.statusCode).toBe(401);
    const leader = await t.as('leader');
    expect((await leader.get('/api/v1/cases/0190a000-0000-7000-8000-000000000000/verification')).status).toBe(
      404,
    );
  });

  it('names the altered entry once a stored payload is changed', async () => {
    const entry = await t.database.db
      .selectFrom('case_event')
      .select(['seq', 'id'])
      .where('case_id', '=', caseId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    await sql`update case_event set payload = ${'{"caseType":"forged"}'} where id = ${entry.id}`.execute(
      t.database.db,
    );
    const leader = await t.as('leader');
    const res = await leader.get(`/api/v1/cases/${caseId}/verification`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('broken');
    expect(res.body.broken).toEqual([
      expect.objectContaining({ seq: Number(entry.seq), id: entry.id, problem: 'hash_mismatch' }),
    ]);
  });
});
