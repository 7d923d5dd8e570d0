/**
 * Open311 API keys: issued, listed and revoked by administrators (JSON API and CLI), one technical
 * account per key made on first use that cannot sign in, and the per-key rate limit (429).
 */

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault } from '../../platform/vault/vault.ts';
import { createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/seed.ts';
import { seedOpen311Attributes } from './attributes.ts';
import { apiKeyCommand } from './cli.ts';
import { registerOpen311Routes } from './routes.ts';
import { createOpen311Service } from './service.ts';
import { expectSchema, open311Client } from './spec-client.ts';
import { errorsSchema } from './spec-schemas.ts';

let t: DemoApp;
beforeAll(async () => {
  t = await createDemoApp();
  // 3 the first time — or 0 once seed-defaults (run by createDemoApp) seeds them itself.
  expect([0, 3]).toContain(await seedOpen311Attributes(t.database.db));
  expect(await seedOpen311Attributes(t.database.db)).toBe(0); // idempotent
  const rows = await t.database.db.selectFrom('open311_attribute').select('code').execute();
  expect(rows.map((r) => r.code).sort()).toEqual(['area_mu', 'dispute_party_count', 'pollution_kind']);
});
afterAll(() => t.close());

const place = { lat: String(DEMO_PLACES.galutuCommunity.lat), long: String(DEMO_PLACES.galutuCommunity.lng) };
const neighbourRequest = (apiKey: string) => ({
  api_key: apiKey,
  service_code: 'neighbour',
  ...place,
  description: '楼上漏水',
});

describe('administering Open311 keys through the JSON API', () => {
  it('lets only administrators issue, list and revoke keys', async () => {
    const admin = await t.as('admin');
    const operator = await t.as('banner.operator');
    expect((await operator.get('/api/v1/open311-keys')).status).toBe(403);
    expect((await operator.post('/api/v1/open311-keys', { owner: 'x' })).status).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/open311-keys' })).statusCode).toBe(401);
    expect((await admin.post('/api/v1/open311-keys', { owner: '' })).status).toBe(400);
    expect((await admin.post('/api/v1/open311-keys', { owner: '\u0007bell' })).status).toBe(400);

    const issued = await admin.post('/api/v1/open311-keys', { owner: '旗住建局 12345 热线系统' });
    expect(issued.status).toBe(201);
    expect(issued.body.key).toMatch(/^o311_[A-Za-z0-9_-]{32}$/);
    expect(issued.body).toMatchObject({ owner: '旗住建局 12345 热线系统', accountId: null, revokedAt: null });
    expect(issued.body.key.startsWith(issued.body.prefix)).toBe(true);

    const listed = await admin.get('/api/v1/open311-keys');
    expect(listed.status).toBe(200);
    const entry = listed.body.items.find((k: { id: string }) => k.id === issued.body.id);
    expect(entry).toEqual({ ...issued.body, key: undefined });
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.key);
    const stored = await t.database.db.selectFrom('open311_key').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(issued.body.key);

    // The key works until it is revoked.
    const client = open311Client(t.app);
    expect(
      (await client.call('POST', 'requests', 'json', { form: neighbourRequest(issued.body.key) })).status,
    ).toBe(201);
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/open311-keys/${issued.body.id}`,
      headers: { authorization: `Bearer ${await tokenOf('admin')}` },
    });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json().revokedAt).toBe(t.clock.now().toISOString());
    const refused = await client.call('POST', 'requests', 'xml', { form: neighbourRequest(issued.body.key) });
    expect(refused.status).toBe(403);
    expect(refused.root).toBe('errors');
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/open311-keys/${issued.body.id}`,
      headers: { authorization: `Bearer ${await tokenOf('admin')}` },
    });
    expect(again.statusCode).toBe(409);
    const unknown = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/open311-keys/not-a-key',
      headers: { authorization: `Bearer ${await tokenOf('admin')}` },
    });
    expect(unknown.statusCode).toBe(404);
  });
});

async function tokenOf(username: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: 'zhizhi-demo-2026' },
  });
  return res.json().token;
}

describe('the technical account of a key', () => {
  it('is made on first use, once, as a resident who can never sign in', async () => {
    const { key, id } = await t.services.open311.keys.issue('乌审旗公安局');
    const client = open311Client(t.app);
    const first = await client.call('POST', 'requests', 'json', { form: neighbourRequest(key) });
    const second = await client.call('POST', 'requests', 'json', { form: neighbourRequest(key) });
    expect([first.status, second.status]).toEqual([201, 201]);
    const row = await t.database.db
      .selectFrom('open311_key')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.user_id).not.toBeNull();
    const reporters = await t.database.db
      .selectFrom('case_file')
      .select('reporter_id')
      .distinct()
      .where('case_no', 'in', [first.data[0].service_request_id, second.data[0].service_request_id])
      .execute();
    expect(reporters).toEqual([{ reporter_id: row.user_id }]);
    const user = await t.database.db
      .selectFrom('app_user')
      .innerJoin('assignment', 'assignment.user_id', 'app_user.id')
      .innerJoin('area', 'area.id', 'assignment.area_id')
      .select(['app_user.username', 'app_user.password_hash', 'assignment.role', 'area.depth'])
      .where('app_user.id', '=', row.user_id as string)
      .execute();
    expect(user).toEqual([
      { username: `open311.${id}`, password_hash: expect.any(String), role: 'resident', depth: 0 },
    ]);
    for (const password of ['', 'zhizhi-demo-2026', user[0]?.password_hash ?? '']) {
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: `open311.${id}`, password },
      });
      expect(login.statusCode).toBeGreaterThanOrEqual(400);
      expect(login.statusCode).toBeLessThan(500);
    }
    // An administrator disabling the account stops the key.
    await t.database.db
      .updateTable('app_user')
      .set({ active: 0 })
      .where('id', '=', row.user_id as string)
      .execute();
    const stopped = await client.call('POST', 'requests', 'json', { form: neighbourRequest(key) });
    expect(stopped.status).toBe(403);
    expect(stopped.data).toEqual([{ code: 403, description: 'the account of this api_key is disabled' }]);
  });
});

describe('zhizhi api-key', () => {
  it('creates, lists and revokes keys', async () => {
    const { db } = t.database;
    const created = await apiKeyCommand(db, t.clock, 'create', { owner: '市场监管局' });
    const key = /\n {2}(o311_\S+)\n/.exec(created)?.[1];
    const id = /\(id ([0-9a-f-]{36})\)/.exec(created)?.[1];
    expect(key).toBeDefined();
    expect(id).toBeDefined();
    expect(await t.services.open311.keys.verify(key as string)).toMatchObject({ id, owner: '市场监管局' });
    const listed = await apiKeyCommand(db, t.clock, 'list', {});
    expect(listed).toContain(`${id}  ${(key as string).slice(0, 11)}…  active  市场监管局`);
    expect(listed).not.toContain(key as string);
    expect(await apiKeyCommand(db, t.clock, 'revoke', { id })).toBe(
      `Open311 API key ${(key as string).slice(0, 11)}… of "市场监管局" revoked`,
    );
    expect(await apiKeyCommand(db, t.clock, 'list', {})).toMatch(new RegExp(`${id}  \\S+…  revoked `));
    expect(await t.services.open311.keys.verify(key as string)).toBeUndefined();
    await expect(apiKeyCommand(db, t.clock, 'create', {})).rejects.toThrow(/--owner/);
    await expect(apiKeyCommand(db, t.clock, 'revoke', {})).rejects.toThrow(/--id/);
    await expect(apiKeyCommand(db, t.clock, 'rotate', {})).rejects.toThrow(/usage/);
    await expect(apiKeyCommand(db, t.clock, 'revoke', { id: id as string })).rejects.toThrow(
      /already revoked/,
    );
  });
});

describe('the per-key rate limit', () => {
  it('answers 429 in the spec format with Retry-After, and lets the key through again later', async () => {
    // The same database and intake command, with a bucket of two and one request a second.
    const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    const open311 = createOpen311Service({
      db: t.database.db,
      clock: t.clock,
      vault: createVault({ db: t.database.db, cipher: t.cipher, clock: t.clock }),
      cases: t.services.cases,
      demo: true,
      rateLimit: { capacity: 2, refillPerMinute: 60 },
    });
    registerOpen311Routes(app, open311);
    await app.ready();
    try {
      const { key } = await open311.keys.issue('限流测试');
      const other = (await open311.keys.issue('另一个客户端')).key;
      const client = open311Client(app);
      const post = (apiKey: string, format: 'json' | 'xml' = 'json') =>
        client.call('POST', 'requests', format, { form: neighbourRequest(apiKey) });
      expect((await post(key)).status).toBe(201);
      expect((await post(key)).status).toBe(201);
      const limited = await post(key);
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBe('1');
      expectSchema(errorsSchema, limited.data);
      expect(limited.data[0].code).toBe(429);
      const limitedXml = await post(key, 'xml');
      expect([limitedXml.status, limitedXml.root]).toEqual([429, 'errors']);
      expect((await post(other)).status).toBe(201); // another key has its own bucket
      t.clock.advance(1_000);
      expect((await post(key)).status).toBe(201);
    } finally {
      await app.close();
    }
  });
});
