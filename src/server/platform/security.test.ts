/**
 * Issue 7 #8 over HTTP: security headers on every answer, the session cookie `Secure` over TLS as
 * seen through a trusted proxy only, CSRF refusal for cookie-signed requests, sessions ended at once
 * when an account is disabled or its password changed, and the SQLite file created owner-only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app.ts';
import {
  type AuthHeader,
  insertAreaTree,
  insertUser,
  signIn,
  TEST_PASSWORD,
  TWO_TOWN_TREE,
  testPasswordHash,
} from '../testing/fixtures.ts';
import { openDatabase } from './db/database.ts';

const PROXY = '10.9.8.7';
let t: TestApp;
let admin: AuthHeader;
let areas: Record<string, { id: string; path: string }>;

beforeAll(async () => {
  t = await createTestApp({ env: { ZHIZHI_TRUSTED_PROXIES: PROXY } });
  areas = await insertAreaTree(t.database.db, TWO_TOWN_TREE, { codePrefix: 'sec_' });
  for (const username of ['admin', 'worker', 'walker', 'mover']) {
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

/** Signs in the way a browser does; returns the Set-Cookie line and the cookie's value. */
async function browserLogin(
  username: string,
  headers: Record<string, string> = {},
  remoteAddress = '127.0.0.1',
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: TEST_PASSWORD },
    headers,
    remoteAddress,
  });
  expect(res.statusCode, res.body).toBe(200);
  const setCookie = String(res.headers['set-cookie']);
  const value = /zhizhi_session=([^;]+)/.exec(setCookie)?.[1] ?? '';
  return { setCookie, cookie: `zhizhi_session=${value}`, token: res.json().token as string };
}

describe('security headers (issue 7 #8)', () => {
  it('are on API answers, errors and pages alike, without HSTS over plain HTTP', async () => {
    const answers = await Promise.all([
      t.app.inject({ method: 'GET', url: '/api/v1/me', headers: admin }),
      t.app.inject({ method: 'GET', url: '/api/v1/me' }),
      t.app.inject({ method: 'GET', url: '/no/such/page' }),
      t.app.inject({ method: 'GET', url: '/healthz' }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 401, 404, 200]);
    for (const res of answers) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('add HSTS when a trusted proxy says the request came over TLS, not when anyone else says so', async () => {
    const viaProxy = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-forwarded-proto': 'https' },
      remoteAddress: PROXY,
    });
    expect(viaProxy.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const spoofed = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-forwarded-proto': 'https' },
      remoteAddress: '203.0.113.5',
    });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('the session cookie (issue 7 #8)', () => {
  it('is httpOnly always and Secure behind a trusted TLS proxy only', async () => {
    const tls = await browserLogin('worker', { 'x-forwarded-proto': 'https' }, PROXY);
    expect(tls.setCookie).toMatch(/; Secure/i);
    expect(tls.setCookie).toMatch(/; HttpOnly/i);
    const untrusted = await browserLogin('worker', { 'x-forwarded-proto': 'https' }, '203.0.113.6');
    expect(untrusted.setCookie).not.toMatch(/; Secure/i);
    expect(untrusted.setCookie).toMatch(/; HttpOnly/i);
  });

  it('takes the client address from a trusted proxy only, for the throttle', async () => {
    // Twenty failures from one untrusted peer, each claiming a different X-Forwarded-For,
    // all count for the peer: it cannot spread itself over made-up addresses.
    for (let i = 0; i < 20; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: `nobody.${i}`, password: 'wrong-guess' },
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
        remoteAddress: '203.0.113.66',
      });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'worker', password: TEST_PASSWORD },
      headers: { 'x-forwarded-for': '198.51.100.200' },
      remoteAddress: '203.0.113.66',
    });
    expect(blocked.statusCode).toBe(429);
    // Behind the trusted proxy the forwarded address is the client's: another client goes on.
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'worker', password: TEST_PASSWORD },
      headers: { 'x-forwarded-for': '198.51.100.201' },
      remoteAddress: PROXY,
    });
    expect(other.statusCode).toBe(200);
  });
});

describe('CSRF (issue 7 #8)', () => {
  const logout = (headers: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { host: 'zhizhi.example', ...headers },
    });

  it('refuses a cookie-signed write without the apps’ header or from another origin', async () => {
    const { cookie } = await browserLogin('walker');
    const bare = await logout({ cookie });
    expect(bare.statusCode).toBe(403);
    expect(bare.json().error.code).toBe('forbidden');
    const foreign = await logout({ cookie, 'x-zhizhi-client': 'web', origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    const crossSite = await logout({ cookie, 'x-zhizhi-client': 'web', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    // The session is still alive: nothing happened.
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const own = await logout({ cookie, 'x-zhizhi-client': 'web', origin: 'http://zhizhi.example' });
    expect(own.statusCode).toBe(204);
  });

  it('leaves bearer-token clients alone', async () => {
    const { token } = await browserLogin('walker');
    const res = await logout({ authorization: `Bearer ${token}`, origin: 'https://elsewhere.example' });
    expect(res.statusCode).toBe(204);
  });
});

describe('ending sessions at once (issue 7 #8)', () => {
  it('disabling a user ends a session that was just used', async () => {
    const { cookie } = await browserLogin('mover');
    const headers = { cookie };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode).toBe(200);
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users?q=mover', headers: admin });
    const id = users.json().items[0].id;
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: admin,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    // Same instant on the test clock: no cache may keep the person signed in.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode).toBe(401);
  });

  it('changing the password ends the other sessions at once and keeps this one', async () => {
    const here = await signIn(t.app, 'worker');
    const there = await signIn(t.app, 'worker');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: there })).statusCode).toBe(200);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: here,
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'steppe-wind-2026' },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: there })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: here })).statusCode).toBe(200);
  });
});

describe('the SQLite file (issue 7 #8)', () => {
  it('is created readable by its owner only, and so are its WAL files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhizhi-mode-'));
    const file = path.join(dir, 'zhizhi.db');
    const handle = openDatabase({ url: file });
    try {
      await handle.db.schema.createTable('probe').addColumn('x', 'integer').execute();
      for (const f of [file, `${file}-wal`]) expect((fs.statSync(f).mode & 0o777).toString(8), f).toBe('600');
    } finally {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
