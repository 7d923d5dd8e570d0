/**
 * Trust of the record beyond the database (issue 7 #9), through the `zhizhi` command as an operator
 * runs it: signed checkpoints exported as files, an outside witness, replaying the history against
 * each case, and offline proofs — each attack on a database someone can write to is caught.
 * Apart from cli.test.ts so the two long files run side by side.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { DEMO_PASSWORD } from '../../src/server/modules/demo/seed.ts';
import { entryHash } from '../../src/server/modules/ledger/chain.ts';
import { entryLeafHash, MerkleTree } from '../../src/server/modules/ledger/merkle.ts';
import { canonicalJson } from '../../src/server/platform/canonical-json.ts';
import { systemClock } from '../../src/server/platform/clock.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import { createCipher, loadOrCreateKey } from '../../src/server/platform/personal-data.ts';
import { testPostgresUrl } from '../../src/server/testing/database.ts';
import { createTarget, reportAndAct, type Target, withDb, zhizhi } from './support.ts';

// Each test runs the command several times as a child process (Node starting, TypeScript loaded):
// a few seconds each on a quiet machine, many more on a loaded CI machine. The tests wait for the
// processes to finish, so the limit only has to catch a hang.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

// ── issue 7 #9: trust of the record beyond the database ─────────────────────────────────────────

describe(`zhizhi verify beyond the database on ${testPostgresUrl ? 'PostgreSQL' : 'SQLite'} (issue 7 #9)`, {
  timeout: 180_000,
}, () => {
  let own: Target;
  beforeEach(async () => {
    own = await createTarget();
    expect((await zhizhi(['seed-demo'], own.env)).code).toBe(0);
    await reportAndAct(own);
    const sealed = await zhizhi(['checkpoint'], own.env);
    expect(sealed.stderr).toBe('');
    expect(sealed.stdout).toContain('signed checkpoint over entries 1–');
    await reportAndAct(own); // history after the checkpoint too
  }, 180_000);
  afterEach(() => own.dispose());

  const exported = () =>
    fs.readdirSync(path.join(own.dataDir, 'checkpoints')).filter((f) => f.endsWith('.json'));

  /** GET /api/v1/cases/{id}/proof as the reporter, through the app on the same database and data dir. */
  async function downloadProof(caseId: string): Promise<unknown> {
    const config = loadConfig({ ...own.env, ZHIZHI_SCHEDULER: 'false' }, { demo: true });
    return withDb(own, async (database) => {
      const cipher = createCipher(loadOrCreateKey(config.secretKey, config.dataDir));
      const { app } = await buildApp({ config, database, clock: systemClock, cipher });
      try {
        const login = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'herder', password: DEMO_PASSWORD },
        });
        const res = await app.inject({
          method: 'GET',
          url: `/api/v1/cases/${caseId}/proof`,
          headers: { authorization: `Bearer ${login.json().token}` },
        });
        expect(res.statusCode, res.body).toBe(200);
        return res.json();
      } finally {
        await app.close();
      }
    });
  }

  it('verify passes; a downloaded proof bundle checks offline with verify-proof, a tampered one does not', async () => {
    const intact = await zhizhi(['verify'], own.env);
    expect(intact.stdout).toContain('Ledger intact 台账完整');
    expect(intact.stdout).toContain('Cases match their history');
    expect(intact.code).toBe(0);
    expect(exported()).toHaveLength(1);
    const keyFile = path.join(own.dataDir, 'checkpoints', 'public-key.pem');
    expect(fs.readFileSync(keyFile, 'utf8')).toContain('BEGIN PUBLIC KEY');
    expect(fs.statSync(path.join(own.dataDir, 'ledger-signing.key')).mode & 0o777).toBe(0o600);

    const caseId = await withDb(
      own,
      async ({ db }) =>
        (await db.selectFrom('case_file').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
    );
    const bundle = (await downloadProof(caseId)) as { entries: { entry: { payload: string } }[] };
    const file = path.join(own.dataDir, 'proof.json');
    fs.writeFileSync(file, JSON.stringify(bundle));
    // No DATABASE_URL, no data dir: nothing but the file and the pinned key.
    const ok = await zhizhi(['verify-proof', file, '--public-key', keyFile], {});
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('Proof valid 存证有效');
    expect(ok.code).toBe(0);

    (bundle.entries[0] as { entry: { payload: string } }).entry.payload = '{"note":"改过的"}';
    fs.writeFileSync(file, JSON.stringify(bundle));
    const tampered = await zhizhi(['verify-proof', file, '--public-key', keyFile], {});
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('PROOF INVALID 存证无效');
    expect(tampered.stdout).toContain('was altered');
  });

  it('(1) the end cut off and ledger_head moved back, checkpoint rows deleted: the exported file, or a copy held elsewhere, catches it', async () => {
    const [name] = exported();
    const copy = path.join(os.tmpdir(), `zz-witness-${randomBytes(4).toString('hex')}.json`);
    fs.copyFileSync(path.join(own.dataDir, 'checkpoints', name as string), copy);
    const size = Number.parseInt(name as string, 10);
    await withDb(own, async ({ db }) => {
      const keep = await db
        .selectFrom('case_event')
        .select('hash')
        .where('seq', '=', size - 1)
        .executeTakeFirstOrThrow();
      await sql`DELETE FROM case_event WHERE seq >= ${size}`.execute(db);
      await sql`UPDATE ledger_head SET seq = ${size - 1}, hash = ${keep.hash} WHERE id = 1`.execute(db);
      await sql`DELETE FROM ledger_signed_checkpoint`.execute(db);
    });
    const broken = await zhizhi(['verify'], own.env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`checkpoint_mismatch at seq ${size}`);
    expect(broken.stdout).toContain('beyond the end of the chain');

    fs.rmSync(path.join(own.dataDir, 'checkpoints', name as string));
    const against = await zhizhi(['verify', '--against', copy], own.env);
    fs.rmSync(copy);
    expect(against.code).toBe(1);
    expect(against.stdout).toContain(copy);
    expect(against.stdout).toContain('beyond the end of the chain');
  });

  it('(2) a rewrite with every later hash and the checkpoint roots recomputed: the signature no longer matches', async () => {
    await withDb(own, async ({ db }) => {
      const rows = await db.selectFrom('case_event').selectAll().orderBy('seq').execute();
      let prevHash = (rows[0] as (typeof rows)[number]).prev_hash;
      const leaves: string[] = [];
      for (const row of rows) {
        const value = Number(row.seq) === 1 ? { note: '改过的历史' } : JSON.parse(row.payload);
        const hash = entryHash(prevHash, {
          ...row,
          seq: Number(row.seq),
          caseId: row.case_id,
          actorId: row.actor_id,
          actorRole: row.actor_role,
          payload: value,
        });
        await sql`UPDATE case_event SET payload = ${canonicalJson(value)}, prev_hash = ${prevHash}, hash = ${hash} WHERE seq = ${row.seq}`.execute(
          db,
        );
        leaves.push(hash);
        prevHash = hash;
      }
      await sql`UPDATE ledger_head SET hash = ${prevHash} WHERE id = 1`.execute(db);
      const tree = new MerkleTree(leaves.map(entryLeafHash));
      for (const cp of await db.selectFrom('ledger_signed_checkpoint').select('tree_size').execute()) {
        await sql`UPDATE ledger_signed_checkpoint SET root_hash = ${tree.root(Number(cp.tree_size))} WHERE tree_size = ${cp.tree_size}`.execute(
          db,
        );
      }
    });
    const broken = await zhizhi(['verify'], own.env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('checkpoint_signature_invalid');
    expect(broken.stdout).toContain('does not match its contents');
  });

  it('(3) case_file edited directly: verify replays the history and names the case', async () => {
    const victim = await withDb(own, async ({ db }) => {
      const c = await db
        .selectFrom('case_file')
        .select(['id', 'case_no'])
        .where('status', '=', 'handling')
        .executeTakeFirstOrThrow();
      await sql`UPDATE case_file SET status = 'archived' WHERE id = ${c.id}`.execute(db);
      return c;
    });
    const broken = await zhizhi(['verify'], own.env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('Ledger intact'); // the chain itself is untouched…
    expect(broken.stdout).toContain(`state_mismatch`); // …but the case no longer matches it
    expect(broken.stdout).toContain(`case ${victim.case_no} (id ${victim.id}): stored status "archived"`);
  });

  it('checkpoint posts the signed checkpoint to the configured witness', async () => {
    const received: unknown[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push({ method: req.method, type: req.headers['content-type'], body: JSON.parse(body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const sealed = await zhizhi(['checkpoint'], {
        ...own.env,
        ZHIZHI_LEDGER_WITNESS_URL: `http://127.0.0.1:${port}/witness`,
      });
      expect(sealed.code).toBe(0);
      const newest = exported().sort((a, b) => Number.parseInt(b, 10) - Number.parseInt(a, 10))[0] as string;
      const file = JSON.parse(fs.readFileSync(path.join(own.dataDir, 'checkpoints', newest), 'utf8'));
      expect(received).toEqual([{ method: 'POST', type: 'application/json', body: file }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a malformed signing key or witness URL, naming the variable', async () => {
    const bad = await zhizhi(['verify'], {
      ...own.env,
      ZHIZHI_LEDGER_SIGNING_KEY: 'short',
      ZHIZHI_LEDGER_WITNESS_URL: 'ftp://witness.example',
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('ZHIZHI_LEDGER_SIGNING_KEY must be a 32-byte Ed25519 seed');
    expect(bad.stderr).toContain('ZHIZHI_LEDGER_WITNESS_URL must be an http:// or https:// URL');
  });
});
