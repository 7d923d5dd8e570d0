/**
 * Issue 4 acceptance: a case reported through Open311 runs the normal six-step loop in the console
 * (the JSON API, as the demo roles), and its Open311 status follows — `open` all along, `closed`
 * once it is archived; rejected cases close with the reason the reporter is told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/seed.ts';
import { seedOpen311Attributes } from './attributes.ts';
import { issueDemoOpen311Key } from './cli.ts';
import { expectSchema, open311Client } from './spec-client.ts';
import { requestsSchema } from './spec-schemas.ts';

let t: DemoApp;
let client: ReturnType<typeof open311Client>;
let apiKey: string;

beforeAll(async () => {
  t = await createDemoApp();
  await seedOpen311Attributes(t.database.db);
  apiKey = (await issueDemoOpen311Key(t.database.db, t.clock)).key;
  client = open311Client(t.app);
});
afterAll(() => t.close());

/** Reports through Open311; returns the service request id and the case id the console uses. */
async function report(
  serviceCode: string,
  description: string,
): Promise<{ requestId: string; caseId: string }> {
  const res = await client.call('POST', 'requests', 'json', {
    form: {
      api_key: apiKey,
      service_code: serviceCode,
      lat: String(DEMO_PLACES.pastoralGrid.lat),
      long: String(DEMO_PLACES.pastoralGrid.lng),
      description,
      phone: '13947700123',
      email: 'reporter@example.cn',
    },
  });
  expect(res.status, res.body).toBe(201);
  const requestId = res.data[0].service_request_id as string;
  const chief = await t.as('grid.chief');
  const found = await chief.get(`/api/v1/cases?q=${requestId}`);
  expect(found.body.items).toHaveLength(1);
  return { requestId, caseId: found.body.items[0].id };
}

/** The request as an Open311 client sees it now (both formats agree, the JSON matches the spec). */
async function status(requestId: string) {
  const res = await client.both(`requests/${requestId}`, requestsSchema, 'service_requests');
  expect(res.status).toBe(200);
  return res.data[0] as {
    status: string;
    status_notes: string;
    agency_responsible: string;
    updated_datetime: string;
  };
}

describe('an Open311 request in the six-step loop', () => {
  it('is registered, dispatched, handled, verified, visited and archived in the console, then closed', async () => {
    const { requestId, caseId } = await report('land_grassland', '草场网围栏被移动');
    const chief = await t.as('grid.chief');
    const worker = await t.as('grid.worker');
    const guide = await t.as('grid.guide');

    // The console sees an Open311 case like any other, with its source and the key's account.
    const seen = await chief.get(`/api/v1/cases/${caseId}`);
    expect(seen.body).toMatchObject({
      source: 'open311',
      status: 'reported',
      reporter: { name: 'Open311：演示客户端 Open311 demo client' },
      contactPhone: '139****0123',
    });
    expect(await status(requestId)).toMatchObject({ status: 'open', agency_responsible: '巴音敖包嘎查一社' });

    expect((await chief.act(caseId, 'register', { caseType: 'land_grassland' })).body.status).toBe(
      'registered',
    );
    expect((await status(requestId)).status_notes).toMatch(/^已立案/);
    expect((await chief.act(caseId, 'dispatch', { handlerIds: [worker.userId] })).body.status).toBe(
      'dispatched',
    );
    t.clock.advance(60_000);
    expect((await worker.act(caseId, 'accept')).body.status).toBe('handling');
    const handling = await status(requestId);
    expect(handling).toMatchObject({ status: 'open', status_notes: '处置中 Being handled' });
    expect(handling.updated_datetime).toMatch(/^2026-11-23T09:31:00\+08:00$/);
    expect((await worker.act(caseId, 'feedback', { result: '已恢复原界桩，双方签字确认' })).body.status).toBe(
      'feedback',
    );
    expect(await status(requestId)).toMatchObject({
      status: 'open',
      status_notes: '已处置，待核实 Handled, awaiting verification：已恢复原界桩，双方签字确认',
    });
    expect((await guide.act(caseId, 'verify')).body.status).toBe('verified');
    // The reporter is a technical account, so the grid worker makes the return visit (回访).
    expect(
      (await worker.act(caseId, 'visit', { satisfied: true, comment: '电话回访，满意' })).body.status,
    ).toBe('visited');
    expect((await status(requestId)).status).toBe('open');
    expect((await guide.act(caseId, 'close')).body.status).toBe('archived');
    expect(await status(requestId)).toMatchObject({
      status: 'closed',
      status_notes: '已办结 Resolved and closed：已恢复原界桩，双方签字确认',
    });

    const closed = await client.call('GET', 'requests', 'json', { query: { status: 'closed' } });
    expect(closed.data.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([requestId]);
    const open = await client.call('GET', 'requests', 'json', { query: { status: 'open' } });
    expect(open.data.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(
      requestId,
    );
    // The history is the same hash chain as every other case's.
    const verify = await (await t.as('banner.inspector')).get('/api/v1/ledger/verify');
    expect(verify.body.ok).toBe(true);
  });

  it('closes with the reason when the case is rejected', async () => {
    const { requestId, caseId } = await report('neighbour', '测试提交，请忽略');
    const chief = await t.as('grid.chief');
    expect((await chief.act(caseId, 'reject', { reason: '重复提交的测试信息' })).body.status).toBe(
      'rejected',
    );
    expect(await status(requestId)).toMatchObject({
      status: 'closed',
      status_notes: '不予立案 Not accepted：重复提交的测试信息',
    });
  });

  it('names the level and the handling department as the case climbs the chain', async () => {
    const { requestId, caseId } = await report('land_grassland', '草场确权争议');
    const chief = await t.as('grid.chief');
    await chief.act(caseId, 'register', { caseType: 'land_grassland' });
    // 网格 → 嘎查 → 苏木镇 → 旗综治中心: each level's guide sends it up.
    for (const username of ['grid.guide', 'village.guide', 'town.guide']) {
      const who = await t.as(username);
      expect(
        (await who.act(caseId, 'escalate', { reason: 'beyond_authority', note: '超出权限' })).status,
      ).toBe(200);
    }
    const atBanner = await status(requestId);
    expect(atBanner.status_notes).toMatch(/第4级 旗综治中心/);
    expect(atBanner.status_notes).not.toContain('超出权限'); // internal notes stay internal
    const operator = await t.as('banner.operator');
    expect((await operator.act(caseId, 'dispatch', {})).body.status).toBe('dispatched');
    expect((await status(requestId)).agency_responsible).toBe('自然资源局');
    const list = await client.call('GET', 'requests', 'json');
    expectSchema(requestsSchema, list.data);
  });
});
