import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';

let t: DemoApp;
let gridId: string;
beforeAll(async () => {
  t = await createDemoApp();
  const me = await (await t.as('grid.chief')).get('/api/v1/me');
  gridId = me.body.assignments[0].areaId;
});
afterAll(() => t.close());

describe('GET /api/v1/areas/{id}/team (网格团队)', () => {
  it('lists the staff of the grid with their roles, for the grid chief who dispatches', async () => {
    const res = await (await t.as('grid.chief')).get(`/api/v1/areas/${gridId}/team`);
    expect(res.status).toBe(200);
    const byRole = new Map(
      res.body.map((m: { role: string; displayName: string }) => [m.role, m.displayName]),
    );
    expect(byRole.get('grid_worker')).toBe('网格员 巴特尔');
    expect(byRole.get('part_time_worker')).toBe('兼职网格员 阿拉腾');
    expect(byRole.get('grid_chief')).toBe('网格长 巴图');
    expect(res.body.every((m: { areaId: string }) => m.areaId === gridId)).toBe(true);
    // the herder is a resident of the grid, not a member of its team
    expect(res.body.some((m: { role: string }) => m.role === 'resident')).toBe(false);
  });

  it('is open to staff above the grid and to the grid worker, not to residents or other grids', async () => {
    expect((await (await t.as('town.operator')).get(`/api/v1/areas/${gridId}/team`)).status).toBe(200);
    expect((await (await t.as('grid.worker')).get(`/api/v1/areas/${gridId}/team`)).status).toBe(200);
    expect((await (await t.as('herder')).get(`/api/v1/areas/${gridId}/team`)).status).toBe(403);
    expect((await (await t.as('grid2.chief')).get(`/api/v1/areas/${gridId}/team`)).status).toBe(403);
  });

  it('offers only people who handle cases: no residents, operators, leaders or administrators (issue 7 #14)', async () => {
    const admin = await t.as('admin');
    const banner = (await admin.get('/api/v1/areas?kind=banner')).body[0];
    const res = await admin.get(`/api/v1/areas/${banner.id}/team`);
    expect(res.status).toBe(200);
    const roles = new Set(res.body.map((m: { role: string }) => m.role));
    const names = res.body.map((m: { displayName: string }) => m.displayName);
    // the grid team and the handlers with powers are there …
    for (const role of ['grid_chief', 'grid_worker', 'grid_guide', 'social_force', 'department_handler'])
      expect(roles.has(role), role).toBe(true);
    // … and nobody who does not handle cases
    for (const role of ['resident', 'centre_operator', 'leader', 'admin'])
      expect(roles.has(role), role).toBe(false);
    expect(names).not.toContain('牧民 宝音');
    expect(names).not.toContain('旗综治中心受理员 李娜');
  });

  it('answers 404 for an unknown area', async () => {
    const res = await (await t.as('admin')).get('/api/v1/areas/0190a0c0-0000-7000-8000-000000000000/team');
    expect(res.status).toBe(404);
  });
});
