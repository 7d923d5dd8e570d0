/**
 * Issue 7 #5: sign-in is throttled per account and per address, sign-up per address, with a 429 and
 * Retry-After, the counts kept in the database (shared by every node); the test clock shows the
 * windows expiring. And the password rule is enforced wherever a password is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import {
  type AuthHeader,
  insertAreaTree,
  insertUser,
  signIn,
  TEST_PASSWORD,
  TWO_TOWN_TREE,
  testPasswordHash,
} from '../../testing/fixtures.ts';
import { createAuthService } from './auth.ts';

let t: TestApp;
let areas: Record<string, { id: string; path: string }>;
let admin: AuthHeader;

beforeAll(async () => {
  t = await createTestApp();
  areas = await insertAreaTree(t.database.db, TWO_TOWN_TREE, { codePrefix: 'th_' });
  for (const username of ['admin', 'herder', 'chief']) {
    await insertUser(t.database.db, {
      username,
      passwordHash: await testPasswordHash(),
      assignments: [
        username === 'admin' ? { role: 'admin' } : { role: 'grid_worker', areaId: areas.grid?.id },
      ],
    });
  }
  admin = await signIn(t.app, 'admin');
});
afterAll(() => t.close());

const login = (username: string, password: string, remoteAddress = '198.51.100.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress });

const register = (phone: string, remoteAddress: string, password = 'grassland-spring-27') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { phone, password, displayName: '牧民', gridId: areas.grid?.id },
    remoteAddress,
  });

describe('sign-in throttling (issue 7 #5)', () => {
  it('locks an account after 5 failures in 15 minutes — even for the right password — until the window passes', async () => {
    const statuses = [];
    // From different addresses, so only the per-account count can be what stops them.
    for (let i = 0; i < 5; i++)
      statuses.push((await login('herder', 'wrong-guess', `198.51.100.${10 + i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const locked = await login('herder', TEST_PASSWORD, '198.51.100.99');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('too_many_requests');
    expect(Number(locked.headers['retry-after'])).toBe(15 * 60);
    // Another account is not affected.
    expect((await login('chief', TEST_PASSWORD, '198.51.100.99')).statusCode).toBe(200);

    t.clock.advance(10 * 60_000);
    const still = await login('herder', TEST_PASSWORD, '198.51.100.99');
    expect(still.statusCode).toBe(429);
    expect(Number(still.headers['retry-after'])).toBe(5 * 60);
    t.clock.advance(5 * 60_000);
    expect((await login('herder', TEST_PASSWORD, '198.51.100.99')).statusCode).toBe(200);
  });

  it('counts a failure under an unknown name too, without storing the name', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login('no.such.person', 'x', `203.0.113.${i}`)).statusCode).toBe(401);
    expect((await login('no.such.person', 'x', '203.0.113.200')).statusCode).toBe(429);
    const keys = await t.database.db.selectFrom('auth_attempt').select('key').execute();
    expect(keys.some((k) => k.key.includes('no.such.person'))).toBe(false);
  });

  it('stops an address after 20 failures over many accounts; other addresses go on', async () => {
    t.clock.advance(60 * 60_000);
    const address = '192.0.2.50';
    for (let i = 0; i < 20; i++)
      expect((await login(`guess.${i}`, 'wrong-guess', address)).statusCode).toBe(401);
    const blocked = await login('chief', TEST_PASSWORD, address);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('chief', TEST_PASSWORD, '192.0.2.51')).statusCode).toBe(200);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await login('chief', TEST_PASSWORD, address)).statusCode).toBe(200);
  });

  it('keeps the count in the database, so another node sees the lock', async () => {
    for (let i = 0; i < 5; i++) await login('herder', 'wrong-again', `198.51.100.${30 + i}`);
    const otherNode = createAuthService(t.database.db, { clock: t.clock, cipher: t.cipher, sessionHours: 1 });
    await expect(otherNode.login('herder', TEST_PASSWORD, '198.51.100.77')).rejects.toMatchObject({
      code: 'too_many_requests',
    });
  });

  it('prunes attempts older than a day', async () => {
    t.clock.advance(25 * 60 * 60_000);
    await login('chief', 'one-more-wrong', '198.51.100.250');
    const rows = await t.database.db.selectFrom('auth_attempt').select('at').execute();
    expect(rows.map((r) => r.at)).toEqual([t.clock.now().toISOString(), t.clock.now().toISOString()]);
  });
});

describe('sign-up throttling (issue 7 #5)', () => {
  it('allows 10 sign-ups an hour from one address, then 429 until the hour has passed', async () => {
    const address = '192.0.2.77';
    for (let i = 0; i < 10; i++)
      expect((await register(`1520000${String(1000 + i)}`, address)).statusCode).toBe(201);
    const eleventh = await register('15200009999', address);
    expect(eleventh.statusCode).toBe(429);
    expect(Number(eleventh.headers['retry-after'])).toBe(3600);
    expect((await register('15200009999', '192.0.2.78')).statusCode).toBe(201);
    t.clock.advance(60 * 60_000);
    expect((await register('15200008888', address)).statusCode).toBe(201);
  });
});

describe('the password rule on the server (issue 7 #5)', () => {
  it('refuses 11111111 at sign-up, naming the field', async () => {
    const res = await register('15300001111', '192.0.2.90', '11111111');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual({ field: 'password' });
  });

  it('refuses a new user whose password contains the username, and a trivial reset', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: {
        username: 'grid.bayar',
        displayName: '巴雅尔',
        password: 'grid.bayar2026',
        assignments: [{ role: 'grid_worker', areaId: areas.grid?.id }],
      },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.details).toEqual({ field: 'password' });
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users?q=chief', headers: admin });
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${users.json().items[0].id}/password`,
      headers: admin,
      payload: { password: 'abcdefgh' },
    });
    expect(reset.statusCode).toBe(400);
  });

  it('refuses a keyboard run as a new own password', async () => {
    const chief = await signIn(t.app, 'chief');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: chief,
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'qwertyuiop' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual({ field: 'newPassword' });
  });
});
