/**
 * Acceptance (issue 2): the five-level escalation chain of SPEC §5 walked through the HTTP API, with
 * the wrong role / wrong area refused (403) and the wrong state refused (409) along the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACES } from '../../src/server/modules/demo/seed.ts';
import { createDemoApp, type DemoApp } from '../../src/server/testing/demo.ts';

let t: DemoApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

const place = () => ({ lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat });

async function departmentId(code: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('department')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('the five-level chain (五级环链解纷), through the HTTP API', () => {
  it('takes a grassland-boundary dispute from a herder up to the banner government and back to the archive', async () => {
    const herder = await t.as('herder');
    const chief = await t.as('grid.chief');
    const worker = await t.as('grid.worker');
    const guide = await t.as('grid.guide');
    const otherChief = await t.as('grid2.chief');
    const otherGuide = await t.as('grid2.guide');
    const villageOperator = await t.as('village.operator');
    const villageGuide = await t.as('village.guide');
    const elder = await t.as('village.elder');
    const townOperator = await t.as('town.operator');
    const townGuide = await t.as('town.guide');
    const judicial = await t.as('town.judicial');
    const bannerOperator = await t.as('banner.operator');
    const natres = await t.as('dept.natres');
    const forestry = await t.as('dept.forestry');
    const leader = await t.as('leader');
    const bannerGuide = await t.as('banner.guide');
    const inspector = await t.as('banner.inspector');

    // 1 信息采集: the herder reports from the pastoral unit grid.
    const reported = await herder.post('/api/v1/cases', {
      description: '我家草场与邻居草场边界不清，对方把网围栏往我家这边移了二十米，多次协商未果。',
      title: '草场边界纠纷',
      caseType: 'land_grassland',
      ...place(),
      contactPhone: '13947700001',
    });
    expect(reported.status).toBe(201);
    const id = reported.body.id;
    expect(reported.body).toMatchObject({ status: 'reported', level: 1 });
    expect(reported.body.grid.code).toBe(DEMO_PLACES.pastoralGrid.code);
    expect(reported.body.contactPhone).toBe('139****0001');

    // 2 案件建立: the grid chief registers it; another grid's chief and the herder may not.
    expect((await otherChief.act(id, 'register', { caseType: 'land_grassland' })).status).toBe(403);
    expect((await herder.act(id, 'register', { caseType: 'land_grassland' })).status).toBe(403);
    const registered = await chief.act(id, 'register', {
      caseType: 'land_grassland',
      difficulty: 'difficult',
    });
    expect(registered.status).toBe(200);
    expect(registered.body.status).toBe('registered');
    expect((await chief.act(id, 'register', { caseType: 'land_grassland' })).status).toBe(409);

    // 3 任务派遣: one-click dispatch to the grid worker.
    expect((await otherChief.act(id, 'dispatch', { handlerIds: [worker.userId] })).status).toBe(403);
    expect((await worker.act(id, 'accept')).status).toBe(403); // not a handler yet
    expect((await chief.act(id, 'dispatch', { handlerIds: [worker.userId] })).body.status).toBe('dispatched');
    expect((await chief.act(id, 'dispatch', { handlerIds: [worker.userId] })).status).toBe(409);
    expect((await chief.act(id, 'accept')).status).toBe(403);

    // L1: the grid worker and the guide try on-the-spot mediation and fail.
    expect((await worker.act(id, 'accept')).body.status).toBe('handling');
    expect((await worker.act(id, 'accept')).status).toBe(409);
    const l1 = await worker.act(id, 'mediate', {
      outcome: 'failed',
      participants: ['网格员', '网格指导员', '双方牧户'],
      venue: '牧户家中',
      note: '双方对界桩位置各执一词',
    });
    expect(l1.status).toBe(200);
    expect((await worker.act(id, 'escalate', { reason: 'mediation_failed', note: 'x' })).status).toBe(403);
    expect((await otherGuide.act(id, 'escalate', { reason: 'mediation_failed', note: 'x' })).status).toBe(
      403,
    );
    const toL2 = await guide.act(id, 'escalate', {
      reason: 'mediation_failed',
      note: '网格调解未果，提交嘎查',
    });
    expect(toL2.body).toMatchObject({ status: 'registered', level: 2 });
    expect(toL2.body.handlingArea.kind).toBe('village');

    // L2 gacha: a social-force session (五老) fails. The grid guide no longer decides.
    expect((await guide.act(id, 'escalate', { reason: 'mediation_failed', note: 'x' })).status).toBe(403);
    expect((await chief.act(id, 'dispatch', { handlerIds: [elder.userId] })).status).toBe(403);
    expect((await villageOperator.act(id, 'dispatch', { handlerIds: [elder.userId] })).body.status).toBe(
      'dispatched',
    );
    expect((await elder.act(id, 'accept')).body.status).toBe('handling');
    expect((await elder.act(id, 'mediate', { outcome: 'failed', note: '五老调解两次未果' })).status).toBe(
      200,
    );
    const toL3 = await villageGuide.act(id, 'escalate', { reason: 'mediation_failed', note: '嘎查调解未果' });
    expect(toL3.body).toMatchObject({ status: 'registered', level: 3 });

    // L3 sumu/town: multi-party mediation fails.
    expect((await villageOperator.act(id, 'dispatch', { handlerIds: [judicial.userId] })).status).toBe(403);
    expect((await townOperator.act(id, 'dispatch', { handlerIds: [judicial.userId] })).body.status).toBe(
      'dispatched',
    );
    expect((await judicial.act(id, 'accept')).body.status).toBe('handling');
    expect(
      (
        await judicial.act(id, 'mediate', {
          outcome: 'failed',
          participants: ['司法所', '派出所', '信访办'],
          note: '多元调解未果',
        })
      ).status,
    ).toBe(200);
    const toL4 = await townGuide.act(id, 'escalate', {
      reason: 'beyond_authority',
      note: '涉及草原确权，超出镇级权限',
    });
    expect(toL4.body).toMatchObject({ status: 'registered', level: 4 });

    // L4 banner centre: routes by case type to natural resources (分流分调).
    const routed = await bannerOperator.act(id, 'dispatch', {});
    expect(routed.body.status).toBe('dispatched');
    const natresId = await departmentId('natural_resources');
    expect(routed.body.parties.filter((p: { active: boolean }) => p.active)).toEqual([
      expect.objectContaining({ kind: 'handler', department: expect.objectContaining({ id: natresId }) }),
    ]);
    expect((await forestry.act(id, 'accept')).status).toBe(403);
    expect((await natres.act(id, 'accept')).body.status).toBe('handling');
    expect((await natres.act(id, 'progress', { note: '调取了确权档案，双方证据冲突' })).status).toBe(200);
    const toL5 = await bannerOperator.act(id, 'escalate', {
      reason: 'beyond_authority',
      note: '需旗委政府联管联调',
    });
    expect(toL5.body).toMatchObject({ status: 'registered', level: 5 });

    // L5 banner government: joint handling by two departments.
    expect((await bannerOperator.act(id, 'dispatch', { departmentIds: [natresId] })).status).toBe(403);
    expect((await leader.act(id, 'dispatch', { departmentIds: [natresId] })).status).toBe(400);
    const forestryId = await departmentId('forestry_grassland');
    const joint = await leader.act(id, 'dispatch', { departmentIds: [natresId, forestryId] });
    expect(joint.body.status).toBe('dispatched');
    expect(
      joint.body.parties.filter((p: { active: boolean; kind: string }) => p.active && p.kind === 'joint'),
    ).toHaveLength(2);
    // Nothing is above the banner government.
    expect((await leader.act(id, 'escalate', { reason: 'beyond_authority', note: 'x' })).status).toBe(409);
    expect((await bannerOperator.act(id, 'approve_void')).status).toBe(403);
    expect((await forestry.act(id, 'accept')).body.status).toBe('handling');
    expect((await natres.act(id, 'accept')).body.status).toBe('handling');
    // Each department reports its part; the case waits for both (issue 7 #21).
    expect((await forestry.act(id, 'feedback', { result: '林地界线核实无误' })).body.status).toBe('handling');
    const resolved = await natres.act(id, 'feedback', { result: '联合勘界，重新埋设界桩，双方签字确认' });
    expect(resolved.body.status).toBe('feedback');

    // The guide verifies; the herder is satisfied at the return visit; archived as 积案.
    expect((await herder.act(id, 'verify')).status).toBe(403);
    expect((await bannerGuide.act(id, 'verify', { note: '现场核实界桩已埋设' })).body.status).toBe(
      'verified',
    );
    expect((await bannerOperator.act(id, 'close')).status).toBe(409);
    expect((await herder.act(id, 'visit', { satisfied: true, rating: 5, comment: '满意' })).body.status).toBe(
      'visited',
    );
    const archived = await bannerOperator.act(id, 'close', { finalDifficulty: 'long_pending' });
    expect(archived.body).toMatchObject({
      status: 'archived',
      finalDifficulty: 'long_pending',
      resolvedLevel: 5,
    });
    expect((await inspector.act(id, 'supervise', { reason: 'too late' })).status).toBe(409);
    expect((await natres.act(id, 'progress', { note: 'late' })).status).toBe(403); // no longer a handler

    // Every step is in the history, each escalation with its reason, and the chain verifies.
    const history = await herder.get(`/api/v1/cases/${id}/history`);
    const types = history.body.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('reported');
    expect(types.at(-1)).toBe('archived');
    const escalations = history.body.filter((e: { type: string }) => e.type === 'escalated');
    expect(
      escalations.map((e: { payload: { toLevel: number; reason: string } }) => [
        e.payload.toLevel,
        e.payload.reason,
      ]),
    ).toEqual([
      [2, 'mediation_failed'],
      [3, 'mediation_failed'],
      [4, 'beyond_authority'],
      [5, 'beyond_authority'],
    ]);
    expect(types.filter((x: string) => x === 'mediation_recorded')).toHaveLength(3);
    const verify = await inspector.get('/api/v1/ledger/verify');
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(true);
  });

  it('settles a small matter on the spot (即知即调) in one action, still with a return visit', async () => {
    const worker = await t.as('grid.worker');
    const guide = await t.as('grid.guide');
    const herder = await t.as('herder');
    const settled = await worker.post('/api/v1/cases', {
      description: '两户牧民因羊只越界吃草发生口角',
      caseType: 'neighbour',
      ...place(),
      onTheSpot: { result: '现场说和，双方握手言和', difficulty: 'simple' },
    });
    expect(settled.status).toBe(201);
    expect(settled.body).toMatchObject({
      status: 'verified',
      resolvedLevel: 1,
      result: '现场说和，双方握手言和',
    });
    expect((await herder.get(`/api/v1/cases/${settled.body.id}`)).status).toBe(403);
    expect(
      (
        await herder.post('/api/v1/cases', {
          description: 'x',
          caseType: 'neighbour',
          ...place(),
          onTheSpot: { result: 'y' },
        })
      ).status,
    ).toBe(403);
    expect((await worker.act(settled.body.id, 'visit', { satisfied: true })).body.status).toBe('visited');
    expect((await guide.act(settled.body.id, 'close')).body).toMatchObject({
      status: 'archived',
      finalDifficulty: 'simple',
    });
  });

  async function toFeedback(description: string) {
    const herder = await t.as('herder');
    const chief = await t.as('grid.chief');
    const worker = await t.as('grid.worker');
    const c = await herder.post('/api/v1/cases', { description, caseType: 'neighbour', ...place() });
    await chief.act(c.body.id, 'register', { caseType: 'neighbour' });
    await chief.act(c.body.id, 'dispatch', { handlerIds: [worker.userId] });
    await worker.act(c.body.id, 'accept');
    expect((await worker.act(c.body.id, 'feedback', { result: '已处理' })).body.status).toBe('feedback');
    return c.body.id as string;
  }

  it('sends a case back once for rework (返工) and then accepts it', async () => {
    const worker = await t.as('grid.worker');
    const guide = await t.as('grid.guide');
    const id = await toFeedback('邻居家狗夜里吠叫扰民');
    const rework = await guide.act(id, 'rework', { reason: '未见双方确认' });
    expect(rework.body).toMatchObject({ status: 'handling', reworkCount: 1 });
    const notes = await worker.get('/api/v1/notifications');
    expect(
      notes.body.some((n: { caseId: string; kind: string }) => n.caseId === id && n.kind === 'rework'),
    ).toBe(true);
    await worker.act(id, 'feedback', { result: '已处理，双方签字' });
    expect((await guide.act(id, 'verify')).body.status).toBe('verified');
  });

  it('reopens a case the reporter is not satisfied with at the return visit', async () => {
    const herder = await t.as('herder');
    const worker = await t.as('grid.worker');
    const guide = await t.as('grid.guide');
    const id = await toFeedback('邻居在我家门口堆放杂物');
    await guide.act(id, 'verify');
    const reopened = await herder.act(id, 'visit', { satisfied: false, comment: '杂物还在' });
    expect(reopened.body).toMatchObject({ status: 'handling', satisfaction: 'unsatisfied' });
    const history = await herder.get(`/api/v1/cases/${id}/history`);
    expect(history.body.at(-1).type).toBe('reopened');
    await worker.act(id, 'feedback', { result: '杂物已清理' });
    await guide.act(id, 'verify');
    expect((await herder.act(id, 'visit', { satisfied: true })).body.status).toBe('visited');
  });

  it('escalates a case by itself when its deadline passes, and flags it to the discipline inspector', async () => {
    const herder = await t.as('herder');
    const chief = await t.as('grid.chief');
    const worker = await t.as('grid.worker');
    const townInspector = await t.as('town.inspector');
    const c = await herder.post('/api/v1/cases', {
      description: '牧道被占用',
      caseType: 'land_grassland',
      ...place(),
    });
    const id = c.body.id;
    await chief.act(id, 'register', { caseType: 'land_grassland' });
    await chief.act(id, 'dispatch', { handlerIds: [worker.userId] });
    const handling = await worker.act(id, 'accept');
    expect(handling.body.light).toBe('green');
    const due = new Date(handling.body.stepDueAt);

    t.clock.set(new Date(due.getTime() - 60_000));
    await t.services.scheduler.runOnce();
    const near = await worker.get(`/api/v1/cases/${id}`);
    expect(near.body.light).toBe('yellow');
    expect(near.body.level).toBe(1);

    t.clock.set(new Date(due.getTime() + 60_000));
    await t.services.scheduler.runOnce();
    const after = await townInspector.get(`/api/v1/cases/${id}`);
    expect(after.body).toMatchObject({ level: 2, status: 'registered', overdue: true });
    const flagged = await townInspector.get('/api/v1/cases?overdue=true');
    expect(flagged.body.items.map((x: { id: string }) => x.id)).toContain(id);
    const notes = await townInspector.get('/api/v1/notifications');
    expect(
      notes.body.some((n: { caseId: string; kind: string }) => n.caseId === id && n.kind === 'overdue'),
    ).toBe(true);
    const history = await townInspector.get(`/api/v1/cases/${id}/history`);
    const escalated = history.body.find((e: { type: string }) => e.type === 'escalated');
    expect(escalated).toMatchObject({ actorRole: 'system', payload: { reason: 'overdue', toLevel: 2 } });
    // Running the scheduler again changes nothing: the job ran once.
    await t.services.scheduler.runOnce();
    expect((await townInspector.get(`/api/v1/cases/${id}`)).body.level).toBe(2);
  });
});
