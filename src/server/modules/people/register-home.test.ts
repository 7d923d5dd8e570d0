/** Resident self-registration with a home location instead of a grid id (the grid is found for them). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/seed.ts';

let t: DemoApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

function register(body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: body });
}

describe('群众注册 with a home location', () => {
  it('puts the resident in the grid that contains their home', async () => {
    const { lng, lat } = DEMO_PLACES.pastoralGrid;
    const res = await register({
      phone: '13900001111',
      password: 'grassland 2026',
      displayName: '牧民 巴特尔',
      home: { lng, lat },
    });
    expect(res.statusCode, res.body).toBe(201);
    const grid = await t.database.db
      .selectFrom('area')
      .select(['id', 'name_zh'])
      .where('code', '=', DEMO_PLACES.pastoralGrid.code)
      .executeTakeFirstOrThrow();
    expect(res.json().assignments).toEqual([expect.objectContaining({ role: 'resident', areaId: grid.id })]);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: '13900001111', password: 'grassland 2026' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('says plainly when the home is in no grid, or when neither grid nor home is given', async () => {
    const outside = await register({
      phone: '13900002222',
      password: 'grassland 2026',
      displayName: '路人',
      home: { lng: DEMO_PLACES.outside.lng, lat: DEMO_PLACES.outside.lat },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details.field).toBe('home');
    const neither = await register({ phone: '13900003333', password: 'grassland 2026', displayName: '路人' });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.details.field).toBe('gridId');
  });
});
