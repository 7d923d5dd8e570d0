/**
 * Issue 7 #4: a self-registered resident's phone is nowhere in clear — not in the SQLite file, not
 * in its WAL, not in a pg_dump — yet they sign in with it, and staff find them by it, masked.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { testPostgresUrl } from '../../testing/database.ts';
import {
  type AuthHeader,
  insertAreaTree,
  insertUser,
  signIn,
  TWO_TOWN_TREE,
  testPasswordHash,
} from '../../testing/fixtures.ts';
import { convertPhoneUsernames } from './phone-usernames.ts';

/** Digits that occur nowhere else in a fresh database. */
const PHONE = '15947736951';
const PASSWORD = 'grassland-spring-27';

let t: TestApp;
let dir: string;
let areas: Record<string, { id: string; path: string }>;
let admin: AuthHeader;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhizhi-phone-'));
  t = await createTestApp({ sqliteFile: path.join(dir, 'zhizhi.db') });
  areas = await insertAreaTree(t.database.db, TWO_TOWN_TREE, { codePrefix: 'ph_' });
  await insertUser(t.database.db, {
    username: 'admin',
    passwordHash: await testPasswordHash(),
    assignments: [{ role: 'admin' }],
  });
  admin = await signIn(t.app, 'admin');
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Everything the database holds, as bytes: the SQLite file and its WAL, or a pg_dump of the schema. */
function databaseBytes(): string {
  if (testPostgresUrl) {
    return execFileSync('/usr/bin/pg_dump', ['-n', t.database.schema ?? 'missing', testPostgresUrl], {
      encoding: 'latin1',
      maxBuffer: 256 * 1024 * 1024,
    });
  }
  const file = t.database.sqliteFile ?? 'missing';
  const wal = `${file}-wal`;
  expect(fs.existsSync(wal)).toBe(true);
  return fs.readFileSync(file, 'latin1') + fs.readFileSync(wal, 'latin1');
}

describe('a resident’s phone at rest (issue 7 #4)', () => {
  let userId: string;

  beforeAll(async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { phone: PHONE, password: PASSWORD, displayName: '巴雅尔', gridId: areas.grid?.id },
    });
    expect(res.statusCode, res.body).toBe(201);
    userId = res.json().id;
    expect(res.json().username).not.toContain(PHONE);
    expect(res.json().phone).toBe('159****6951');
  });

  it('is not in the database files, the WAL or a dump', () => {
    const bytes = databaseBytes();
    // The bytes are really the data: the resident's name is there, in UTF-8.
    expect(bytes).toContain(Buffer.from('巴雅尔').toString('latin1'));
    expect(bytes).not.toContain(PHONE);
    expect(bytes).not.toContain(PHONE.slice(3)); // not even the last eight digits
  });

  it('signs the resident in by phone, and not with a wrong password', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: PHONE, password: PASSWORD },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user.id).toBe(userId);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: PHONE, password: `${PASSWORD}x` },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('is found by staff searching the whole number, masked, without logging a full view', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/users?q=${PHONE}`, headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((u: { id: string }) => u.id)).toEqual([userId]);
    expect(res.json().items[0].phone).toBe('159****6951');
    expect(res.body).not.toContain(PHONE);
    // Part of a number finds no one: the blind index matches whole numbers only.
    const part = await t.app.inject({ method: 'GET', url: '/api/v1/users?q=5947736', headers: admin });
    expect(part.json().items).toEqual([]);
    const logged = await t.database.db.selectFrom('personal_data_access').selectAll().execute();
    expect(logged).toEqual([]);
  });

  it('refuses a second registration of the same phone', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { phone: PHONE, password: 'another-Pass-91', displayName: '别人', gridId: areas.grid?.id },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toEqual({ field: 'phone' });
  });

  it('refuses a phone number as a staff username', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: {
        username: '13912345678',
        displayName: '张三',
        password: 'steppe-wind-2026',
        assignments: [{ role: 'grid_worker', areaId: areas.grid?.id }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual({ field: 'username' });
  });
});

describe('accounts from before the blind index (migration 0007_phone_blind_index)', () => {
  it('get the phone out of the username, encrypted, and sign in by phone; a second run changes nothing', async () => {
    const oldPhone = '13647718822';
    const id = await insertUser(t.database.db, {
      username: oldPhone,
      passwordHash: await testPasswordHash(),
      assignments: [{ role: 'resident', areaId: areas.grid2?.id ?? null }],
    });
    expect(await convertPhoneUsernames(t.database, t.cipher)).toBe(1);
    const row = await t.database.db
      .selectFrom('app_user')
      .select(['username', 'phone_enc', 'phone_bidx'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.username).not.toContain(oldPhone.slice(3));
    expect(t.cipher.decrypt(row.phone_enc ?? '')).toBe(oldPhone);
    expect(row.phone_bidx).not.toContain(oldPhone);
    const headers = await signIn(t.app, oldPhone);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers });
    expect(me.json().id).toBe(id);
    expect(await convertPhoneUsernames(t.database, t.cipher)).toBe(0);
  });
});
