import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import {
  type AuthHeader,
  insertAreaTree,
  insertDepartment,
  insertUser,
  signIn,
  TEST_PASSWORD,
  TWO_TOWN_TREE,
  testPasswordHash,
} from '../../testing/fixtures.ts';

let t: TestApp;
let areas: Record<string, { id: string; path: string }> = {};
const ids: Record<string, string> = {};
const auth: Record<string, AuthHeader> = {};
let departmentId: string;

const id = (key: string) => areas[key]?.id ?? 'missing';

async function addUser(username: string, role: Role, area: string): Promise<void> {
  ids[username] = await insertUser(t.database.db, {
    username,
    passwordHash: await testPasswordHash(),
    assignments: [{ role, areaId: id(area) }],
  });
}

const login = (username: string, password = TEST_PASSWORD) => signIn(t.app, username, password);

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
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
  areas = await insertAreaTree(t.database.db, TWO_TOWN_TREE, { codePrefix: 'code_' });
  departmentId = await insertDepartment(t.database.db, {
    code: 'police',
    nameZh: '公安局',
    nameEn: 'Police',
    at: '2026-01-01T00:00:00.000Z',
  });
  await addUser('admin', 'admin', 'banner');
  await addUser('operator', 'centre_operator', 'town');
  await addUser('worker', 'grid_worker', 'grid');
  await addUser('worker2', 'grid_worker', 'grid2');
  for (const name of ['admin', 'operator', 'worker']) auth[name] = await login(name);
});
afterAll(() => t.close());

describe('user administration over HTTP', () => {
  let created: { id: string; assignments: { id: string }[] };

  it('lets an administrator create a user, with the phone masked', async () => {
    const res = await call('POST', '/api/v1/users', 'admin', {
      username: 'chief.grid',
      displayName: '网格长',
      password: 'long enough pw',
      phone: '13811112222',
      assignments: [{ role: 'grid_chief', areaId: id('grid') }],
    });
    expect(res.statusCode, res.body).toBe(201);
    created = res.json();
    expect(res.json()).toMatchObject({
      username: 'chief.grid',
      phone: '138****2222',
      active: true,
      assignments: [{ role: 'grid_chief', areaId: id('grid'), areaName: '区域grid' }],
    });
    expect(res.body).not.toContain('13811112222');
    expect(res.body).not.toContain('argon2');
  });

  it('answers 401, 403, 400 and 409 where it must', async () => {
    expect((await call('GET', '/api/v1/users')).statusCode).toBe(401);
    expect((await call('POST', '/api/v1/users', 'worker', {})).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/users', 'worker')).statusCode).toBe(403);
    const dup = await call('POST', '/api/v1/users', 'admin', {
      username: 'chief.grid',
      displayName: 'x',
      password: 'long enough pw',
      assignments: [{ role: 'grid_chief', areaId: id('grid') }],
    });
    expect(dup.statusCode).toBe(409);
    const badRole = await call('POST', '/api/v1/users', 'admin', {
      username: 'someone',
      displayName: 'x',
      password: 'long enough pw',
      assignments: [{ role: 'wizard' }],
    });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().error.details.field).toBe('assignments.0.role');
    const noArea = await call('POST', '/api/v1/users', 'admin', {
      username: 'someone',
      displayName: 'x',
      password: 'long enough pw',
      assignments: [{ role: 'grid_chief', areaId: uuidv7() }],
    });
    expect(noArea.statusCode).toBe(400);
    expect(noArea.json().error.message).toBe('assignments[0].areaId: no such area');
    const extra = await call('POST', '/api/v1/users', 'admin', {
      username: 'someone',
      displayName: 'x',
      password: 'long enough pw',
      assignments: [{ role: 'admin' }],
      isRoot: true,
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.details.field).toBe('isRoot');
    expect((await call('GET', `/api/v1/users/${uuidv7()}`, 'admin')).statusCode).toBe(404);
  });

  it('lists users: everyone for an administrator, the own subtree for a centre operator', async () => {
    const all = await call('GET', '/api/v1/users?limit=100', 'admin');
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((u: { username: string }) => u.username)).toEqual([
      'admin',
      'chief.grid',
      'operator',
      'worker',
      'worker2',
    ]);
    const mine = await call('GET', '/api/v1/users', 'operator');
    expect(mine.json()).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(mine.json().items.map((u: { username: string }) => u.username)).toEqual([
      'chief.grid',
      'operator',
      'worker',
    ]);
    const chiefs = await call('GET', `/api/v1/users?role=grid_chief&areaId=${id('village')}`, 'admin');
    expect(chiefs.json().items.map((u: { username: string }) => u.username)).toEqual(['chief.grid']);
    const bad = await call('GET', '/api/v1/users?limit=1000', 'admin');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('limit');
  });

  it('shows one user to a centre operator only inside their area', async () => {
    expect((await call('GET', `/api/v1/users/${ids.worker}`, 'operator')).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/users/${ids.worker2}`, 'operator')).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/users/${ids.worker2}`, 'admin')).statusCode).toBe(200);
  });

  it('gives the full phone to administrators and operators, and logs each view', async () => {
    const res = await call('GET', `/api/v1/users/${created.id}/phone`, 'operator');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ phone: '13811112222' });
    expect((await call('GET', `/api/v1/users/${created.id}/phone`, 'worker')).statusCode).toBe(403);
    expect((await call('GET', `/api/v1/users/${ids.worker2}/phone`, 'operator')).statusCode).toBe(403);
    const log = await t.database.db
      .selectFrom('personal_data_access')
      .selectAll()
      .where('subject', '=', created.id)
      .execute();
    expect(log).toMatchObject([{ user_id: ids.operator, field: 'phone' }]);
  });

  it('edits, disables and re-enables a user; disabling signs them out', async () => {
    const renamed = await call('PATCH', `/api/v1/users/${ids.worker2}`, 'admin', { displayName: '新名字' });
    expect(renamed.json().displayName).toBe('新名字');
    auth.worker2 = await login('worker2');
    const off = await call('PATCH', `/api/v1/users/${ids.worker2}`, 'admin', { active: false });
    expect(off.json().active).toBe(false);
    t.clock.advance(10_000); // past the auth cache
    expect((await call('GET', '/api/v1/me', 'worker2')).statusCode).toBe(401);
    const failed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'worker2', password: TEST_PASSWORD },
    });
    expect(failed.statusCode).toBe(401);
    await call('PATCH', `/api/v1/users/${ids.worker2}`, 'admin', { active: true });
    await login('worker2');
    expect(
      (await call('PATCH', `/api/v1/users/${ids.worker2}`, 'operator', { active: false })).statusCode,
    ).toBe(403);
    expect((await call('PATCH', `/api/v1/users/${uuidv7()}`, 'admin', { active: false })).statusCode).toBe(
      404,
    );
    const last = await call('PATCH', `/api/v1/users/${ids.admin}`, 'admin', { active: false });
    expect(last.statusCode).toBe(409);
  });

  it('adds and removes assignments', async () => {
    const add = await call('POST', `/api/v1/users/${created.id}/assignments`, 'admin', {
      role: 'department_handler',
      departmentId,
    });
    expect(add.statusCode, add.body).toBe(201);
    expect(add.json()).toMatchObject({ role: 'department_handler', departmentId, departmentName: '公安局' });
    const bad = await call('POST', `/api/v1/users/${created.id}/assignments`, 'admin', {
      role: 'department_handler',
    });
    expect(bad.json().error.details.field).toBe('assignment.departmentId');
    const del = await call('DELETE', `/api/v1/users/${created.id}/assignments/${add.json().id}`, 'admin');
    expect(del.statusCode).toBe(204);
    const again = await call('DELETE', `/api/v1/users/${created.id}/assignments/${add.json().id}`, 'admin');
    expect(again.statusCode).toBe(404);
    const roles = (await call('GET', `/api/v1/users/${created.id}`, 'admin')).json().assignments;
    expect(roles.map((a: { role: string }) => a.role)).toEqual(['grid_chief']);
  });

  it('lets an administrator reset a password', async () => {
    const res = await call('POST', `/api/v1/users/${ids.worker2}/password`, 'admin', {
      password: 'reset by admin',
    });
    expect(res.statusCode).toBe(204);
    await login('worker2', 'reset by admin');
    const weak = await call('POST', `/api/v1/users/${ids.worker2}/password`, 'admin', { password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.field).toBe('password');
    expect(
      (await call('POST', `/api/v1/users/${uuidv7()}/password`, 'admin', { password: 'x'.repeat(9) }))
        .statusCode,
    ).toBe(404);
  });
});

describe('self-service', () => {
  it('registers a resident without signing in, who can then sign in', async () => {
    const res = await call('POST', '/api/v1/auth/register', undefined, {
      phone: '13700001234',
      password: 'resident pass',
      displayName: '牧民',
      gridId: id('grid'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().username).not.toContain('1234');
    expect(res.json()).toMatchObject({
      phone: '137****1234',
      assignments: [{ role: 'resident', areaId: id('grid') }],
    });
    await login('13700001234', 'resident pass');
    const twice = await call('POST', '/api/v1/auth/register', undefined, {
      phone: '13700001234',
      password: 'resident pass',
      displayName: '牧民',
      gridId: id('grid'),
    });
    expect(twice.statusCode).toBe(409);
    const badGrid = await call('POST', '/api/v1/auth/register', undefined, {
      phone: '13700005678',
      password: 'resident pass',
      displayName: '牧民',
      gridId: id('village'),
    });
    expect(badGrid.statusCode).toBe(400);
    expect(badGrid.json().error.details.field).toBe('gridId');
  });

  it('changes the own password, keeping this session and ending the others', async () => {
    const other = await login('worker');
    const wrong = await call('POST', '/api/v1/me/password', 'worker', {
      oldPassword: 'not it at all',
      newPassword: 'a new password',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.field).toBe('oldPassword');
    const ok = await call('POST', '/api/v1/me/password', 'worker', {
      oldPassword: TEST_PASSWORD,
      newPassword: 'a new password',
    });
    expect(ok.statusCode).toBe(204);
    t.clock.advance(10_000); // past the auth cache
    expect((await call('GET', '/api/v1/me', 'worker')).statusCode).toBe(200);
    const otherMe = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: other,
    });
    expect(otherMe.statusCode).toBe(401);
    await login('worker', 'a new password');
    expect(
      (await call('POST', '/api/v1/me/password', undefined, { oldPassword: 'x', newPassword: 'y' }))
        .statusCode,
    ).toBe(401);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await call('GET', '/api/v1/openapi.json')).json();
    for (const path of [
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/users/{id}/phone',
      '/api/v1/users/{id}/assignments/{assignmentId}',
      '/api/v1/auth/register',
      '/api/v1/me/password',
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(doc.paths['/api/v1/users'].get.tags).toEqual(['people']);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['User', 'UserAssignment']));
  });
});
