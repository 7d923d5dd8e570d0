import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { type AuthHeader, insertArea, insertUser, signIn, testPasswordHash } from '../../testing/fixtures.ts';
import { seedCatalogueDefaults } from './case-types.ts';

let t: TestApp;
const auth: Record<string, AuthHeader> = {};
let townId: string;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
function call(method: Method, url: string, as?: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    ...(as ? { headers: auth[as] } : {}),
    ...(payload ? { payload } : {}),
  });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await seedCatalogueDefaults(db);
  const banner = await insertArea(db, {
    kind: 'banner',
    code: '150626',
    nameZh: '乌审旗',
    nameEn: 'Wushen Banner',
  });
  const town = await insertArea(db, {
    parentId: banner.id,
    kind: 'town',
    code: '150626100',
    nameZh: '嘎鲁图镇',
    nameEn: 'Galutu',
  });
  townId = town.id;
  for (const [username, role] of [
    ['admin', 'admin'],
    ['operator', 'centre_operator'],
  ] as const) {
    await insertUser(db, {
      username,
      passwordHash: await testPasswordHash(),
      assignments: [{ role, areaId: banner.id }],
    });
    auth[username] = await signIn(t.app, username);
  }
});
afterAll(() => t.close());

describe('case types over HTTP', () => {
  it('lists the active catalogue to anyone signed in, and all of it to administrators', async () => {
    expect((await call('GET', '/api/v1/case-types')).statusCode).toBe(401);
    const list = await call('GET', '/api/v1/case-types', 'operator');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toHaveLength(10);
    expect(list.json()[0]).toEqual({
      code: 'neighbour',
      nameZh: '邻里纠纷',
      nameEn: 'Neighbour dispute',
      nameMn: 'ᠬᠥᠷᠰᠢ ᠶᠢᠨ ᠮᠠᠷᠭᠠᠭᠠᠨ',
      defaultDifficulty: 'simple',
      active: true,
      sort: 10,
    });
    expect((await call('GET', '/api/v1/case-types?all=1', 'operator')).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/case-types?all=yes', 'admin')).statusCode).toBe(400);
  });

  it('lets administrators add and edit types', async () => {
    const made = await call('POST', '/api/v1/case-types', 'admin', {
      code: 'grassland_fire',
      nameZh: '草原火情',
      nameEn: 'Grassland fire',
      defaultDifficulty: 'difficult',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ code: 'grassland_fire', sort: 110, active: true });
    expect(
      (
        await call('POST', '/api/v1/case-types', 'operator', {
          code: 'x_y',
          nameZh: 'x',
          nameEn: 'x',
          defaultDifficulty: 'simple',
        })
      ).statusCode,
    ).toBe(403);
    const dup = await call('POST', '/api/v1/case-types', 'admin', {
      code: 'grassland_fire',
      nameZh: 'x',
      nameEn: 'x',
      defaultDifficulty: 'simple',
    });
    expect(dup.statusCode).toBe(409);
    const badCode = await call('POST', '/api/v1/case-types', 'admin', {
      code: 'Grass Fire',
      nameZh: 'x',
      nameEn: 'x',
      defaultDifficulty: 'simple',
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.details.field).toBe('code');

    const named = await call('PATCH', '/api/v1/case-types/grassland_fire', 'admin', {
      nameMn: 'ᠬᠡᠭᠡᠷ᠎ᠡ ᠶᠢᠨ ᠭᠠᠯ',
    });
    expect(named.json()).toMatchObject({ nameZh: '草原火情', nameMn: 'ᠬᠡᠭᠡᠷ᠎ᠡ ᠶᠢᠨ ᠭᠠᠯ' });
    const off = await call('PATCH', '/api/v1/case-types/grassland_fire', 'admin', { active: false, sort: 1 });
    expect(off.json()).toMatchObject({ active: false, sort: 1 });
    const active = (await call('GET', '/api/v1/case-types', 'operator')).json();
    expect(active.map((c: { code: string }) => c.code)).not.toContain('grassland_fire');
    const all = (await call('GET', '/api/v1/case-types?all=1', 'admin')).json();
    expect(all[0].code).toBe('grassland_fire');
    expect((await call('PATCH', '/api/v1/case-types/nope', 'admin', { active: true })).statusCode).toBe(404);
    const badDifficulty = await call('PATCH', '/api/v1/case-types/other', 'admin', {
      defaultDifficulty: 'long_pending',
    });
    expect(badDifficulty.statusCode).toBe(400);
    expect(badDifficulty.json().error.details.field).toBe('defaultDifficulty');
  });
});

describe('departments over HTTP', () => {
  it('lists to anyone signed in; administrators add and edit', async () => {
    const made = await call('POST', '/api/v1/departments', 'admin', {
      code: 'police',
      nameZh: '公安局',
      nameEn: 'Public Security Bureau',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ code: 'police', createdAt: t.clock.now().toISOString() });
    expect(
      (await call('POST', '/api/v1/departments', 'operator', { code: 'x_y', nameZh: 'x', nameEn: 'x' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('POST', '/api/v1/departments', 'admin', { code: 'police', nameZh: 'x', nameEn: 'x' }))
        .statusCode,
    ).toBe(409);
    const list = await call('GET', '/api/v1/departments', 'operator');
    expect(list.json().map((d: { code: string }) => d.code)).toEqual(['police']);
    expect(list.json()[0].nameMn).toBeNull();
    expect((await call('GET', '/api/v1/departments')).statusCode).toBe(401);
    const renamed = await call('PATCH', `/api/v1/departments/${made.json().id}`, 'admin', {
      nameZh: '旗公安局',
    });
    expect(renamed.json()).toMatchObject({ code: 'police', nameZh: '旗公安局' });
    expect(
      (await call('PATCH', `/api/v1/departments/${uuidv7()}`, 'admin', { nameZh: 'x' })).statusCode,
    ).toBe(404);
  });
  it('keeps an optional Mongolian name (issue 8): read back, edited, cleared, validated', async () => {
    const made = await call('POST', '/api/v1/departments', 'admin', {
      code: 'civil_affairs',
      nameZh: '民政局',
      nameEn: 'Civil Affairs Bureau',
      nameMn: ' ᠢᠷᠭᠡᠨ ᠬᠡᠷᠡᠭ ᠦᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ ',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ nameEn: 'Civil Affairs Bureau', nameMn: 'ᠢᠷᠭᠡᠨ ᠬᠡᠷᠡᠭ ᠦᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ' });
    const id = made.json().id;
    const listed = (await call('GET', '/api/v1/departments', 'operator')).json();
    expect(listed.find((d: { id: string }) => d.id === id).nameMn).toBe('ᠢᠷᠭᠡᠨ ᠬᠡᠷᠡᠭ ᠦᠨ ᠲᠣᠪᠴᠢᠶ᠎ᠠ');
    const withoutMn = await call('POST', '/api/v1/departments', 'admin', {
      code: 'emergency',
      nameZh: '应急管理局',
      nameEn: 'Emergency Management Bureau',
    });
    expect(withoutMn.json().nameMn).toBeNull();

    const cleared = await call('PATCH', `/api/v1/departments/${id}`, 'admin', { nameMn: '  ' });
    expect(cleared.json()).toMatchObject({ nameZh: '民政局', nameMn: null });
    const renamed = await call('PATCH', `/api/v1/departments/${id}`, 'admin', {
      nameMn: 'ᠢᠷᠭᠡᠨ',
      nameEn: 'Civil',
    });
    expect(renamed.json()).toMatchObject({ nameEn: 'Civil', nameMn: 'ᠢᠷᠭᠡᠨ' });
    const tooLong = await call('PATCH', `/api/v1/departments/${id}`, 'admin', { nameMn: 'ᠮ'.repeat(101) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details.field).toBe('nameMn');
    const blankEn = await call('PATCH', `/api/v1/departments/${id}`, 'admin', { nameEn: '   ' });
    expect(blankEn.statusCode).toBe(400);
    expect(blankEn.json().error.details.field).toBe('nameEn');
    expect((await call('PATCH', `/api/v1/departments/${id}`, 'operator', { nameMn: null })).statusCode).toBe(
      403,
    );
  });
});

describe('the routing table over HTTP', () => {
  it('is replaced whole by administrators, naming the bad row', async () => {
    const police = (await call('GET', '/api/v1/departments', 'admin')).json()[0].id;
    const put = await call('PUT', '/api/v1/routing-rules', 'admin', {
      rules: [
        { caseType: 'public_security', departmentId: police },
        { caseType: 'neighbour', departmentId: police, areaId: townId },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().rules).toHaveLength(2);
    const got = await call('GET', '/api/v1/routing-rules', 'operator');
    expect(got.json()).toEqual(put.json());

    const bad = await call('PUT', '/api/v1/routing-rules', 'admin', {
      rules: [
        { caseType: 'public_security', departmentId: police },
        { caseType: 'neighbour', departmentId: police },
        { caseType: 'property', departmentId: police },
        { caseType: 'other', departmentId: uuidv7() },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('rules[3].departmentId: no such department');
    expect(bad.json().error.details.field).toBe('rules[3].departmentId');
    expect((await call('GET', '/api/v1/routing-rules', 'admin')).json()).toEqual(put.json());

    expect((await call('PUT', '/api/v1/routing-rules', 'operator', { rules: [] })).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/routing-rules')).statusCode).toBe(401);
    const shape = await call('PUT', '/api/v1/routing-rules', 'admin', { rules: [{ caseType: 'other' }] });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().error.details.field).toBe('rules.0.departmentId');
  });

  it('documents the catalogue in OpenAPI', async () => {
    const doc = (await call('GET', '/api/v1/openapi.json')).json();
    for (const path of [
      '/api/v1/case-types',
      '/api/v1/case-types/{code}',
      '/api/v1/departments',
      '/api/v1/departments/{id}',
      '/api/v1/routing-rules',
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(doc.paths['/api/v1/routing-rules'].put.tags).toEqual(['catalogue']);
    expect(doc.paths['/api/v1/routing-rules'].put.summary).toBeTruthy();
  });
});
