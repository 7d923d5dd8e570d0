import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { type AuthHeader, box, insertUser, signIn, testPasswordHash } from '../../testing/fixtures.ts';
import { wgs84ToGcj02 } from './coords.ts';
import type { AreaGeometry } from './geometry.ts';

let t: TestApp;
const ids: Record<string, string> = {};
const auth: Record<string, AuthHeader> = {};

async function addUser(username: string, role: Role, areaKey: string) {
  await insertUser(t.database.db, {
    username,
    passwordHash: await testPasswordHash(),
    assignments: [{ role, areaId: ids[areaKey] }],
  });
  auth[username] = await signIn(t.app, username);
}

function call(username: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: (username && auth[username]) || {},
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}
const get = (username: string | null, url: string) => call(username, 'GET', url);

beforeAll(async () => {
  t = await createTestApp();
  const areas = t.services.areas;
  const add = async (
    key: string,
    parent: string | null,
    kind: string,
    code: string,
    polygon?: AreaGeometry,
  ) => {
    const area = await areas.createArea({
      parentId: parent ? (ids[parent] as string) : null,
      kind,
      code,
      nameZh: `${key}名`,
      nameEn: `${key} name`,
      ...(polygon ? { polygon } : {}),
    });
    ids[key] = area.id;
  };
  await add('banner', null, 'banner', '150626', box(108, 38, 110, 40));
  await add('town', 'banner', 'town', '150626101', box(108, 38, 110, 40));
  await add('town2', 'banner', 'town', '150626102');
  await add('gacha', 'town', 'village', '150626101201', box(108, 38, 110, 40));
  await add('grid1', 'gacha', 'unit_grid', '150626101201001', box(108, 38, 109, 40));
  await add('grid2', 'gacha', 'unit_grid', '150626101201002', box(109, 38, 110, 40));
  const now = new Date().toISOString();
  await t.database.db
    .insertInto('household')
    .values(
      Array.from({ length: 51 }, () => ({
        id: uuidv7(),
        grid_id: ids.grid1 as string,
        address: '某嘎查一社',
        lng: 108.5,
        lat: 39,
        members: 3,
        created_at: now,
      })),
    )
    .execute();

  await addUser('admin', 'admin', 'banner');
  await addUser('leader', 'leader', 'banner');
  await addUser('town.operator', 'centre_operator', 'town');
  await addUser('town2.operator', 'centre_operator', 'town2');
  await addUser('worker', 'grid_worker', 'grid1');
  await addUser('resident', 'resident', 'grid1');
});
afterAll(() => t.close());

describe('areas over HTTP', () => {
  it('needs a signed-in user', async () => {
    expect((await get(null, '/api/v1/areas')).statusCode).toBe(401);
    expect((await get(null, `/api/v1/areas/${ids.banner}`)).statusCode).toBe(401);
    expect((await get(null, '/api/v1/grids/lookup?lng=108.5&lat=39')).statusCode).toBe(401);
  });

  it('lists the root, children, kinds and codes to any signed-in user', async () => {
    const roots = await get('resident', '/api/v1/areas');
    expect(roots.statusCode).toBe(200);
    expect(roots.json()).toEqual([
      {
        id: ids.banner,
        parentId: null,
        kind: 'banner',
        code: '150626',
        nameZh: 'banner名',
        nameEn: 'banner name',
        nameMn: null,
        depth: 0,
        path: `/${ids.banner}/`,
      },
    ]);
    const towns = await get('resident', `/api/v1/areas?parentId=${ids.banner}`);
    expect(towns.json().map((a: { code: string }) => a.code)).toEqual(['150626101', '150626102']);
    const grids = await get('worker', '/api/v1/areas?kind=unit_grid&withPolygon=true');
    expect(grids.json().map((a: { code: string }) => a.code)).toEqual(['150626101201001', '150626101201002']);
    expect(grids.json()[0].polygon).toEqual(box(108, 38, 109, 40));
    const byCode = await get('worker', '/api/v1/areas?code=150626101201');
    expect(byCode.json()).toHaveLength(1);
    expect(byCode.json()[0].id).toBe(ids.gacha);
    const children = await get('worker', `/api/v1/areas/${ids.gacha}/children`);
    expect(children.json().map((a: { code: string }) => a.code)).toEqual([
      '150626101201001',
      '150626101201002',
    ]);
    expect(children.json()[0].polygon).toBeUndefined();

    const badKind = await get('worker', '/api/v1/areas?kind=hamlet');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error.details.field).toBe('kind');
    expect((await get('worker', `/api/v1/areas?parentId=${uuidv7()}`)).statusCode).toBe(404);
  });

  it('shows one area with its polygon, ancestors and households; unknown or malformed ids are 404', async () => {
    const res = await get('resident', `/api/v1/areas/${ids.grid1}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: ids.grid1, kind: 'unit_grid', depth: 3, households: 51 });
    expect(body.polygon).toEqual(box(108, 38, 109, 40));
    expect(body.ancestors.map((a: { code: string }) => a.code)).toEqual([
      '150626',
      '150626101',
      '150626101201',
    ]);
    expect((await get('resident', `/api/v1/areas/${ids.town2}`)).json().polygon).toBeNull();

    for (const id of [uuidv7(), 'not-a-uuid', "1'%20OR%20'1'='1", 'x'.repeat(150)]) {
      const missing = await get('resident', `/api/v1/areas/${id}`);
      expect([400, 404]).toContain(missing.statusCode);
      expect((await get('resident', `/api/v1/areas/${id}/children`)).statusCode).toBeLessThan(500);
    }
    expect((await get('resident', `/api/v1/areas/${uuidv7()}`)).json().error.code).toBe('not_found');
  });

  it('looks up the grid of a point in WGS-84 or GCJ-02', async () => {
    const res = await get('resident', '/api/v1/grids/lookup?lng=108.5&lat=39');
    expect(res.statusCode).toBe(200);
    expect(res.json().grid).toMatchObject({ id: ids.grid1, code: '150626101201001', nameZh: 'grid1名' });
    expect(res.json().ancestors.map((a: { code: string }) => a.code)).toEqual([
      '150626',
      '150626101',
      '150626101201',
    ]);

    // Just east of the grids' shared edge in WGS-84; the same place in GCJ-02 reads 0.005° further east.
    const gcj = wgs84ToGcj02(109.001, 39);
    const viaGcj = await get('resident', `/api/v1/grids/lookup?lng=${gcj.lng}&lat=${gcj.lat}&crs=gcj02`);
    expect(viaGcj.json().grid.id).toBe(ids.grid2);
    const raw = await get('resident', `/api/v1/grids/lookup?lng=${108.999}&lat=39&crs=wgs84`);
    expect(raw.json().grid.id).toBe(ids.grid1);

    const outside = await get('resident', '/api/v1/grids/lookup?lng=100&lat=30');
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('no grid contains'),
    });
  });

  it('rejects bad coordinates with a 400 naming lng or lat', async () => {
    const cases: [string, string][] = [
      ['lng=abc&lat=39', 'lng'],
      ['lng=181&lat=39', 'lng'],
      ['lng=108.5&lat=-91', 'lat'],
      ['lng=108.5&lat=', 'lat'],
      ['lng=108.5', 'lat'],
      ['lng=108.5&lat=39&crs=bd09', 'crs'],
    ];
    for (const [query, field] of cases) {
      const res = await get('worker', `/api/v1/grids/lookup?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.details.field, query).toBe(field);
    }
  });

  it('shows the checks to administrators, leaders and centre operators within their areas only', async () => {
    const admin = await get('admin', '/api/v1/areas/checks');
    expect(admin.statusCode).toBe(200);
    expect(admin.json().violations.map((v: { kind: string; code: string }) => [v.kind, v.code])).toEqual([
      ['cap_exceeded', '150626101201001'],
    ]);
    expect(admin.json().count).toBe(1);
    expect((await get('leader', '/api/v1/areas/checks')).json().count).toBe(1);
    expect((await get('town.operator', '/api/v1/areas/checks')).json().count).toBe(1);
    expect((await get('town2.operator', '/api/v1/areas/checks')).json().count).toBe(0);
    expect((await get('worker', '/api/v1/areas/checks')).statusCode).toBe(403);
    expect((await get('resident', '/api/v1/areas/checks')).statusCode).toBe(403);
  });

  it('lets only administrators create and edit areas', async () => {
    const input = {
      parentId: ids.town2,
      kind: 'village',
      code: '150626102201',
      nameZh: '新嘎查',
      nameEn: 'New Gacha',
      polygon: box(110, 38, 111, 39),
    };
    expect((await call('worker', 'POST', '/api/v1/areas', input)).statusCode).toBe(403);
    expect((await call('leader', 'POST', '/api/v1/areas', input)).statusCode).toBe(403);
    const created = await call('admin', 'POST', '/api/v1/areas', input);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: '150626102201',
      depth: 2,
      households: 0,
      polygon: input.polygon,
    });
    expect(created.json().ancestors.map((a: { code: string }) => a.code)).toEqual(['150626', '150626102']);
    expect((await call('admin', 'POST', '/api/v1/areas', input)).statusCode).toBe(409);

    const id = created.json().id;
    expect((await call('worker', 'PATCH', `/api/v1/areas/${id}`, { nameZh: '改名' })).statusCode).toBe(403);
    const renamed = await call('admin', 'PATCH', `/api/v1/areas/${id}`, {
      nameZh: '改名嘎查',
      nameMn: 'ᠰᠢᠨ᠎ᠡ',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ nameZh: '改名嘎查', nameEn: 'New Gacha', nameMn: 'ᠰᠢᠨ᠎ᠡ' });
    const cleared = await call('admin', 'PATCH', `/api/v1/areas/${id}`, { polygon: null });
    expect(cleared.json().polygon).toBeNull();
    expect((await call('admin', 'PATCH', `/api/v1/areas/${uuidv7()}`, { nameZh: 'x' })).statusCode).toBe(404);
    expect((await call('admin', 'PATCH', `/api/v1/areas/${id}`, {})).statusCode).toBe(400);
  });

  it('refuses bad area input with a 400 naming the field', async () => {
    const base = {
      parentId: ids.town2,
      kind: 'village',
      code: '150626102202',
      nameZh: '嘎查',
      nameEn: 'Gacha',
    };
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [110, 38],
          [111, 38],
          [111, 39],
          [110, 39],
        ],
      ],
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, polygon: open }, 'polygon.coordinates[0]'],
      [{ ...base, polygon: { type: 'Point', coordinates: [110, 38] } }, 'polygon.type'],
      [{ ...base, kind: 'hamlet' }, 'kind'],
      [{ ...base, code: '15062610220' }, 'code'],
      [{ ...base, parentId: ids.gacha }, 'parentId'],
      [{ ...base, nameEn: undefined }, 'nameEn'],
    ];
    for (const [payload, field] of cases) {
      const res = await call('admin', 'POST', '/api/v1/areas', payload);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details.field, field).toBe(field);
    }
  });

  it('documents the routes in OpenAPI under the areas tag', async () => {
    const doc = (await get(null, '/api/v1/openapi.json')).json();
    for (const path of [
      '/api/v1/areas',
      '/api/v1/areas/{id}',
      '/api/v1/areas/{id}/children',
      '/api/v1/areas/checks',
      '/api/v1/grids/lookup',
    ]) {
      const operations = Object.values(doc.paths[path] ?? {}) as { tags?: string[]; summary?: string }[];
      expect(operations.length, path).toBeGreaterThan(0);
      for (const op of operations) {
        expect(op.tags).toEqual(['areas']);
        expect(op.summary).toBeTruthy();
      }
    }
  });
});
