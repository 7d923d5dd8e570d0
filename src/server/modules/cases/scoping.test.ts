/**
 * Area scope and channels on the case endpoints (issue 7 #6, #7, #8): a department handler acts only
 * inside their area, a merge target must be a case the caller may read, and only staff name staff channels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/seed.ts';

let t: DemoApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

const pastoral = { lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat };
const galutu = { lng: DEMO_PLACES.galutuCommunity.lng, lat: DEMO_PLACES.galutuCommunity.lat };

async function idOf(table: 'department' | 'area', code: string): Promise<string> {
  const row = await t.database.db
    .selectFrom(table)
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A 嘎鲁图镇 grid chief (the demo has none): the seat's community grid worker is given the role. */
async function galutuChief(): Promise<Client> {
  const admin = await t.as('admin');
  const chief = await t.as('galutu.worker');
  const gridId = await idOf('area', DEMO_PLACES.galutuCommunity.communityGridCode);
  const made = await admin.post(`/api/v1/users/${chief.userId}/assignments`, {
    role: 'grid_chief',
    areaId: gridId,
  });
  expect([201, 409]).toContain(made.status);
  return chief;
}

/** A registered case at `place`, dispatched by `chief` to the justice department (司法). */
async function dispatchedToJustice(chief: Client, place: { lng: number; lat: number }) {
  const justice = await idOf('department', 'justice');
  const c = await chief.post('/api/v1/cases', { description: '邻里宅基地纠纷，需要法律援助', ...place });
  expect(c.status).toBe(201);
  expect((await chief.act(c.body.id, 'register', { caseType: 'neighbour' })).status).toBe(200);
  const sent = await chief.act(c.body.id, 'dispatch', { departmentIds: [justice] });
  expect(sent.body.status).toBe('dispatched');
  return c.body.id as string;
}

describe('department handlers are scoped by area (#6)', () => {
  it('refuses a 乌审召镇 司法所 handler on a 嘎鲁图镇 case its department was given: read, accept, send back', async () => {
    const judicialOfTown = await t.as('town.judicial'); // justice, assigned to 乌审召镇
    const id = await dispatchedToJustice(await galutuChief(), galutu);
    expect((await judicialOfTown.get(`/api/v1/cases/${id}`)).status).toBe(403);
    expect((await judicialOfTown.act(id, 'accept')).status).toBe(403);
    expect((await judicialOfTown.act(id, 'send_back', { reason: '不属于本所' })).status).toBe(403);
    const listed = await judicialOfTown.get('/api/v1/cases?assigned=true&limit=500');
    expect(listed.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    // nor is it told of a case it may not see
    const told = await judicialOfTown.get('/api/v1/notifications?limit=200');
    expect(told.body.map((n: { caseId: string }) => n.caseId)).not.toContain(id);
    // the banner's 司法局 handler covers the whole banner and may take it
    const bannerJustice = await t.as('dept.justice');
    expect((await bannerJustice.act(id, 'accept')).body.status).toBe('handling');
  });

  it('lets the same handler act on a case of its department inside its own town', async () => {
    const judicialOfTown = await t.as('town.judicial');
    const id = await dispatchedToJustice(await t.as('grid.chief'), pastoral);
    const listed = await judicialOfTown.get('/api/v1/cases?assigned=true&limit=500');
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await judicialOfTown.act(id, 'accept')).body.status).toBe('handling');
  });
});

describe('merging into a case the caller cannot see (#7)', () => {
  it('is refused as reading it would be, and names nothing of the target', async () => {
    const herder = await t.as('herder');
    const chief = await t.as('grid.chief'); // 一社
    const neighbour = await t.as('resident2'); // reports in 二社, which the chief cannot see
    const mine = await herder.post('/api/v1/cases', { description: '牧道被堵', ...pastoral });
    const other = await neighbour.post('/api/v1/cases', {
      description: '牧道被堵（二社）',
      lng: DEMO_PLACES.otherGrid.lng,
      lat: DEMO_PLACES.otherGrid.lat,
    });
    expect((await chief.get(`/api/v1/cases/${other.body.id}`)).status).toBe(403);
    const merged = await chief.act(mine.body.id, 'merge', { intoCaseId: other.body.id, reason: '重复' });
    expect(merged.status).toBe(403);
    expect(JSON.stringify(merged.body)).not.toContain(other.body.caseNo);
    const after = await herder.get(`/api/v1/cases/${mine.body.id}`);
    expect(after.body).toMatchObject({ status: 'reported', mergedInto: null });
    const history = await herder.get(`/api/v1/cases/${mine.body.id}/history`);
    expect(JSON.stringify(history.body)).not.toContain(other.body.caseNo);
  });

  it('still merges into a visible case (the town operator sees both grids)', async () => {
    const herder = await t.as('herder');
    const neighbour = await t.as('resident2');
    const operator = await t.as('town.operator');
    const mine = await herder.post('/api/v1/cases', { description: '牧道被堵', ...pastoral });
    const other = await neighbour.post('/api/v1/cases', {
      description: '牧道被堵（二社）',
      lng: DEMO_PLACES.otherGrid.lng,
      lat: DEMO_PLACES.otherGrid.lat,
    });
    const merged = await operator.act(mine.body.id, 'merge', { intoCaseId: other.body.id });
    expect(merged.body).toMatchObject({ status: 'merged', mergedInto: other.body.id });
  });
});

describe('the source channel of a report (#8)', () => {
  it('refuses a staff channel from a resident, naming the field', async () => {
    const herder = await t.as('herder');
    for (const source of ['hotline', 'department', 'worker_app', 'console']) {
      const r = await herder.post('/api/v1/cases', { description: '路灯不亮', ...pastoral, source });
      expect(r.status, source).toBe(403);
      expect(r.body.error.details).toMatchObject({ field: 'source' });
    }
    const own = await herder.post('/api/v1/cases', {
      description: '路灯不亮',
      ...pastoral,
      source: 'resident_app',
    });
    expect(own.body.source).toBe('resident_app');
  });

  it('refuses `open311` on the case API (only the Open311 endpoint sets it)', async () => {
    const herder = await t.as('herder');
    const r = await herder.post('/api/v1/cases', { description: '路灯不亮', ...pastoral, source: 'open311' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body.error)).toContain('source');
  });

  it('lets a centre operator record a hotline report and a worker a worker-app one', async () => {
    const operator = await t.as('town.operator');
    const worker = await t.as('grid.worker');
    const hot = await operator.post('/api/v1/cases', {
      description: '12345 转来',
      ...pastoral,
      source: 'hotline',
    });
    expect(hot.body.source).toBe('hotline');
    const w = await worker.post('/api/v1/cases', {
      description: '巡查发现',
      ...pastoral,
      source: 'worker_app',
    });
    expect(w.body.source).toBe('worker_app');
  });
});
