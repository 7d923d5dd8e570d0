import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { type AuthHeader, insertUser, signIn, testPasswordHash } from '../../testing/fixtures.ts';
import { appendCaseEvents } from './ledger.ts';

let t: TestApp;
const auth: Partial<Record<Role, AuthHeader>> = {};

function as(role: Role | undefined, method: 'GET' | 'POST', url: string) {
  return t.app.inject({ method, url, headers: (role && auth[role]) || {} });
}

async function appendSome(n: number): Promise<void> {
  const { db, dialect } = t.database;
  await db.transaction().execute((tx) =>
    appendCaseEvents(
      tx,
      dialect,
      Array.from({ length: n }, (_, i) => ({
        caseId: `case-${i % 3}`,
        type: 'reported',
        actorId: null,
        actorRole: 'resident',
        at: t.clock.now().toISOString(),
        payload: { i },
      })),
    ),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['resident', 'grid_inspector', 'leader', 'admin'] as const) {
    // One user per role, named after it, created at the test clock's now.
    await insertUser(t.database.db, {
      username: role,
      passwordHash: await testPasswordHash(),
      assignments: [{ role }],
      at: t.clock.now().toISOString(),
    });
    auth[role] = await signIn(t.app, role);
  }
});
afterAll(() => t.close());

describe('the ledger over HTTP', () => {
  it('lets only inspectors, leaders and admins verify the chain', async () => {
    expect((await as(undefined, 'GET', '/api/v1/ledger/verify')).statusCode).toBe(401);
    const resident = await as('resident', 'GET', '/api/v1/ledger/verify');
    expect(resident.statusCode).toBe(403);
    expect(resident.json().error.code).toBe('forbidden');
    for (const role of ['grid_inspector', 'leader', 'admin'] as const) {
      const res = await as(role, 'GET', '/api/v1/ledger/verify');
      expect(res.statusCode, role).toBe(200);
      expect(res.json()).toEqual({ ok: true, entries: 0, checkpoints: 0, headSeq: 0 });
    }
  });

  it('lets only admins write checkpoints, and auditors list them', async () => {
    expect((await as('grid_inspector', 'POST', '/api/v1/ledger/checkpoints')).statusCode).toBe(403);
    const nothing = await as('admin', 'POST', '/api/v1/ledger/checkpoints');
    expect(nothing.statusCode).toBe(200);
    expect(nothing.json()).toEqual({ checkpoint: null });

    await appendSome(5);
    const sealed = await as('admin', 'POST', '/api/v1/ledger/checkpoints');
    expect(sealed.statusCode).toBe(201);
    const key = (await as(undefined, 'GET', '/api/v1/ledger/public-key')).json();
    expect(key).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(key.pem).toContain('BEGIN PUBLIC KEY');
    expect(sealed.json().checkpoint).toMatchObject({
      treeSize: 5,
      signedAt: t.clock.now().toISOString(),
      keyId: key.keyId,
    });
    expect(sealed.json().checkpoint.rootHash).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(t.config.dataDir, 'checkpoints', '5.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({
      format: 'zhizhi-checkpoint/v1',
      ...sealed.json().checkpoint,
    });
    expect(fs.readFileSync(path.join(t.config.dataDir, 'checkpoints', 'public-key.pem'), 'utf8')).toBe(
      key.pem,
    );

    expect((await as('resident', 'GET', '/api/v1/ledger/checkpoints')).statusCode).toBe(403);
    const list = await as('leader', 'GET', '/api/v1/ledger/checkpoints?limit=10');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([sealed.json().checkpoint]);
    const bad = await as('leader', 'GET', '/api/v1/ledger/checkpoints?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('limit');

    const verified = await as('grid_inspector', 'GET', '/api/v1/ledger/verify');
    expect(verified.json()).toEqual({ ok: true, entries: 5, checkpoints: 1, headSeq: 5 });
  });

  it('reports the first broken entry, and refuses to seal a broken chain', async () => {
    await appendSome(3);
    const victim = await t.database.db
      .selectFrom('case_event')
      .select(['id', 'case_id'])
      .where('seq', '=', 7)
      .executeTakeFirstOrThrow();
    await sql`update case_event set payload = '{"i":99}' where seq = 7`.execute(t.database.db);
    const res = await as('grid_inspector', 'GET', '/api/v1/ledger/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      ok: false,
      entries: 6,
      headSeq: 8,
      firstBroken: { seq: 7, id: victim.id, caseId: victim.case_id, problem: 'hash_mismatch' },
    });
    const refused = await as('admin', 'POST', '/api/v1/ledger/checkpoints');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('entry seq 7');
  });

  it('documents the routes under the ledger tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(doc.paths['/api/v1/ledger/verify'].get.tags).toEqual(['ledger']);
    expect(doc.paths['/api/v1/ledger/checkpoints'].post.tags).toEqual(['ledger']);
    expect(doc.components.schemas.LedgerReport).toBeDefined();
  });
});
