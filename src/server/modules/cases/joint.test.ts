/**
 * 联管联调 level-5 joint handling (SPEC §5, issue 7 #21): every jointly assigned department reports
 * its part before the case goes to verification — in either order; a department that has not
 * accepted cannot report, one sending back leaves the others' parts, and one extension serves all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/seed.ts';

let t: DemoApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

const place = { lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat };

async function departmentId(code: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('department')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A grassland case taken up the chain to 旗委政府 and dispatched jointly to 自然资源局 and 林草局. */
async function jointCase(): Promise<{ id: string; natres: Client; forestry: Client; leader: Client }> {
  const herder = await t.as('herder');
  const c = await herder.post('/api/v1/cases', { description: '草原征占与林地边界争议', ...place });
  const id = c.body.id as string;
  expect((await (await t.as('grid.chief')).act(id, 'register', { caseType: 'land_grassland' })).status).toBe(
    200,
  );
  for (const decider of ['grid.guide', 'village.guide', 'town.guide', 'banner.operator']) {
    const up = await (await t.as(decider)).act(id, 'escalate', {
      reason: 'beyond_authority',
      note: '超出权限',
    });
    expect(up.status, decider).toBe(200);
  }
  const leader = await t.as('leader');
  const dispatched = await leader.act(id, 'dispatch', {
    departmentIds: [await departmentId('natural_resources'), await departmentId('forestry_grassland')],
  });
  expect(dispatched.body).toMatchObject({ status: 'dispatched', level: 5 });
  return { id, natres: await t.as('dept.natres'), forestry: await t.as('dept.forestry'), leader };
}

const statusOf = async (who: Client, id: string) => (await who.get(`/api/v1/cases/${id}`)).body.status;

describe('joint handling at level 5 (联管联调)', () => {
  it('goes to verification only when both departments have reported: 自然资源局 first, then 林草局', async () => {
    const { id, natres, forestry, leader } = await jointCase();
    expect((await natres.act(id, 'accept')).body.status).toBe('handling');
    expect((await forestry.act(id, 'accept')).status).toBe(200);
    const first = await natres.act(id, 'feedback', { result: '已重新勘界，出具草原界线图' });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('handling'); // 林草局 is still handling its part
    expect((await leader.act(id, 'verify')).status).toBe(409);
    const second = await forestry.act(id, 'feedback', { result: '林地范围已核实，与草原界线无重叠' });
    expect(second.body.status).toBe('feedback');
    expect(second.body.result).toContain('已重新勘界');
    expect(second.body.result).toContain('林地范围已核实');
    expect((await leader.act(id, 'verify')).body.status).toBe('verified');
  });

  it('does the same the other way round: 林草局 first, then 自然资源局', async () => {
    const { id, natres, forestry } = await jointCase();
    await forestry.act(id, 'accept');
    await natres.act(id, 'accept');
    expect((await forestry.act(id, 'feedback', { result: '林地已核实' })).body.status).toBe('handling');
    expect(await statusOf(natres, id)).toBe('handling');
    expect((await natres.act(id, 'feedback', { result: '界线已勘定' })).body.status).toBe('feedback');
  });

  it('refuses a report from a department that never accepted, and a second report of the same part', async () => {
    const { id, natres, forestry } = await jointCase();
    await natres.act(id, 'accept');
    const early = await forestry.act(id, 'feedback', { result: '未接收就反馈' });
    expect(early.status).toBe(409);
    expect(await statusOf(natres, id)).toBe('handling');
    expect((await natres.act(id, 'feedback', { result: '界线已勘定' })).body.status).toBe('handling');
    expect((await natres.act(id, 'feedback', { result: '再次反馈' })).status).toBe(409);
    expect((await natres.act(id, 'accept')).status).toBe(409); // its part is already accepted
    await forestry.act(id, 'accept');
    expect((await forestry.act(id, 'feedback', { result: '林地已核实' })).body.status).toBe('feedback');
  });

  it('after a rework every department reports its part again', async () => {
    const { id, natres, forestry, leader } = await jointCase();
    await natres.act(id, 'accept');
    await forestry.act(id, 'accept');
    await natres.act(id, 'feedback', { result: 'a' });
    await forestry.act(id, 'feedback', { result: 'b' });
    expect((await leader.act(id, 'rework', { reason: '界线图缺签字' })).body.status).toBe('handling');
    expect((await natres.act(id, 'feedback', { result: 'a2' })).body.status).toBe('handling');
    expect((await forestry.act(id, 'feedback', { result: 'b2' })).body.status).toBe('feedback');
  });

  it('when one department sends its part back, the other carries on and alone finishes the case', async () => {
    const { id, natres, forestry, leader } = await jointCase();
    await natres.act(id, 'accept');
    const back = await forestry.act(id, 'send_back', { reason: '不涉及林地' });
    expect(back.status).toBe(200);
    const after = (await leader.get(`/api/v1/cases/${id}`)).body;
    expect(after.status).toBe('handling');
    expect(after.sentBackCount).toBe(1);
    const active = after.parties.filter((p: { active: boolean }) => p.active);
    expect(active.map((p: { department: { name: { zh: string } } }) => p.department.name.zh)).toEqual([
      '自然资源局',
    ]);
    const notes = await leader.get('/api/v1/notifications?unread=true&limit=200');
    expect(
      notes.body.some((n: { caseId: string; kind: string }) => n.caseId === id && n.kind === 'sent_back'),
    ).toBe(true);
    expect((await forestry.act(id, 'feedback', { result: 'x' })).status).toBe(403);
    expect((await natres.act(id, 'feedback', { result: '界线已勘定' })).body.status).toBe('feedback');
  });

  it('when both send back, the case returns to the dispatcher', async () => {
    const { id, natres, forestry } = await jointCase();
    await forestry.act(id, 'send_back', { reason: '不涉及林地' });
    const back = await natres.act(id, 'send_back', { reason: '不涉及国土' });
    expect(back.body).toMatchObject({ status: 'registered', level: 5, sentBackCount: 2 });
  });

  it('one department’s extension moves the shared deadline; a second request waits for the first', async () => {
    const { id, natres, forestry, leader } = await jointCase();
    await natres.act(id, 'accept');
    await forestry.act(id, 'accept');
    const before = (await leader.get(`/api/v1/cases/${id}`)).body.stepDueAt;
    expect((await natres.act(id, 'request_extension', { hours: 16, reason: '需外业勘测' })).status).toBe(200);
    expect((await forestry.act(id, 'request_extension', { hours: 8, reason: '也要延期' })).status).toBe(409);
    const approved = await leader.act(id, 'approve_extension');
    expect(new Date(approved.body.stepDueAt).getTime()).toBeGreaterThan(new Date(before).getTime());
    // both departments are told the new deadline
    const told = await forestry.get('/api/v1/notifications?unread=true&limit=200');
    expect(
      told.body.some(
        (n: { caseId: string; kind: string }) => n.caseId === id && n.kind === 'extension_decided',
      ),
    ).toBe(true);
    expect(approved.body.status).toBe('handling');
  });
});
