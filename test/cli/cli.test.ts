/**
 * The `zhizhi` command as an operator runs it: `node bin/zhizhi.js …` in a child process, configured
 * only through its environment, on a database of its own — a fresh SQLite file in a temporary data
 * directory, or, when ZHIZHI_TEST_DATABASE_URL is set, a fresh PostgreSQL database (`DATABASE_URL`
 * has no schema option, so a whole `zz_cli_<random>` database is created and dropped after).
 * Cases are reported through the HTTP app built in-process on the same database, and the history is
 * tampered with through raw SQL.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { DEMO_ACCOUNTS, DEMO_CODES, DEMO_PASSWORD, DEMO_PLACES } from '../../src/server/modules/demo/seed.ts';
import { entryHash } from '../../src/server/modules/ledger/chain.ts';
import { entryLeafHash, MerkleTree } from '../../src/server/modules/ledger/merkle.ts';
import { createUsersService } from '../../src/server/modules/people/users.ts';
import { canonicalJson } from '../../src/server/platform/canonical-json.ts';
import { systemClock } from '../../src/server/platform/clock.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import { type DatabaseHandle, openDatabase } from '../../src/server/platform/db/database.ts';
import { createCipher, loadOrCreateKey } from '../../src/server/platform/personal-data.ts';
import { loadKeyring } from '../../src/server/platform/vault/keyring.ts';
import { valuesNotUnderCurrentKey } from '../../src/server/platform/vault/rotation.ts';
import { testPostgresUrl } from '../../src/server/testing/database.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A Node.js stack frame, which an operator should never be shown for a mistake of theirs. */
const STACK_FRAME = /\n\s+at .+:\d+:\d+/;
const NEW_PASSWORD = 'a long new password 2026';

// Each test runs the command several times as a child process (Node starting, TypeScript loaded):
// a few seconds each on a quiet machine, many more on a loaded CI machine. The tests wait for the
// processes to finish, so the limit only has to catch a hang.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Only what the command needs: no DATABASE_URL, PORT, LOG_LEVEL or ZHIZHI_* leaks in from the test run. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME ?? os.tmpdir(), LANG: 'C.UTF-8', ...extra };
}

/** Runs a command to completion (killed after 3 min, which fails the test). */
function run(file: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: ROOT, env: cleanEnv(env), timeout: 180_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** `node bin/zhizhi.js …` */
const zhizhi = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ['bin/zhizhi.js', ...args], env);

// ── the database under test ─────────────────────────────────────────────────────────────────────

interface Target {
  dialect: 'sqlite' | 'postgres';
  dataDir: string;
  /** DATABASE_URL, ZHIZHI_DATA_DIR and (PostgreSQL) ZHIZHI_SECRET_KEY. */
  env: Record<string, string>;
  /** Opens the same database in this process, for raw SQL and the HTTP app. */
  open(): DatabaseHandle;
  dispose(): Promise<void>;
}

async function createTarget(): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-cli-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (!testPostgresUrl) {
    const file = path.join(dataDir, 'zhizhi.db');
    return {
      dialect: 'sqlite',
      dataDir,
      env: { DATABASE_URL: file, ZHIZHI_DATA_DIR: dataDir, ZHIZHI_DEMO_HISTORY: '0' },
      open: () => openDatabase({ url: file }),
      dispose: async () => removeDir(),
    };
  }
  const name = `zz_cli_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: testPostgresUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  return {
    dialect: 'postgres',
    dataDir,
    env: {
      DATABASE_URL: url.toString(),
      ZHIZHI_DATA_DIR: dataDir,
      ZHIZHI_SECRET_KEY: randomBytes(32).toString('hex'),
      ZHIZHI_DEMO_HISTORY: '0',
    },
    open: () => openDatabase({ url: url.toString(), poolSize: 2 }),
    async dispose() {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      removeDir();
    },
  };
}

/** Runs `work` against the target database opened in this process, then closes it. */
async function withDb<T>(target: Target, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = target.open();
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/**
 * A herder reports two cases through the HTTP app on the target database; the grid chief registers
 * and dispatches one and the grid worker accepts it — history entries to verify and tamper with.
 */
async function reportAndAct(target: Target): Promise<void> {
  const config = loadConfig({ ...target.env, ZHIZHI_SCHEDULER: 'false' }, { demo: true });
  await withDb(target, async (database) => {
    const cipher = createCipher(loadOrCreateKey(config.secretKey, config.dataDir));
    const { app } = await buildApp({ config, database, clock: systemClock, cipher });
    try {
      const signIn = async (username: string) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password: DEMO_PASSWORD },
        });
        expect(res.statusCode).toBe(200);
        const { token, user } = res.json();
        return { headers: { authorization: `Bearer ${token}` }, id: user.id as string };
      };
      const herder = await signIn('herder');
      const chief = await signIn('grid.chief');
      const worker = await signIn('grid.worker');
      const place = { lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat };
      const ids: string[] = [];
      for (const description of ['邻居把网围栏往我家草场移了二十米', '饮水井旁的道路被冲毁']) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          headers: herder.headers,
          payload: { description, caseType: 'land_grassland', ...place },
        });
        expect(res.statusCode).toBe(201);
        ids.push(res.json().id);
      }
      const act = async (who: { headers: Record<string, string> }, action: string, payload: object) => {
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/cases/${ids[0]}/actions/${action}`,
          headers: who.headers,
          payload,
        });
        expect(res.statusCode, res.body).toBe(200);
      };
      await act(chief, 'register', { caseType: 'land_grassland' });
      await act(chief, 'dispatch', { handlerIds: [worker.id] });
      await act(worker, 'accept', {});
    } finally {
      await app.close();
    }
  });
}

interface Entry {
  seq: number;
  id: string;
  payload: string;
}

const historyOf = (target: Target) =>
  withDb(target, async ({ db }) =>
    (await db.selectFrom('case_event').select(['seq', 'id', 'payload']).orderBy('seq').execute()).map(
      (e): Entry => ({ seq: Number(e.seq), id: e.id, payload: e.payload }),
    ),
  );

/** Row counts of every table of an SQLite file. */
function sqliteRowCounts(file: string): Record<string, number> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((t) => [t, Number(db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get())]),
    );
  } finally {
    db.close();
  }
}

// ── the commands ────────────────────────────────────────────────────────────────────────────────

let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target?.dispose());

describe(`zhizhi on ${testPostgresUrl ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('seed-demo loads the demo and prints every demo account; a second run refuses', async () => {
    const seeded = await zhizhi(['seed-demo'], target.env);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('Loaded the Wushen Banner (乌审旗) demo');
    expect(seeded.stdout).toContain(`password "${DEMO_PASSWORD}"`);
    for (const account of DEMO_ACCOUNTS) {
      expect(seeded.stdout).toMatch(
        new RegExp(`^ {2}${account.username.replaceAll('.', '\\.')} +${account.role} `, 'm'),
      );
    }
    const again = await zhizhi(['seed-demo'], target.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has areas');
  });

  it('verify finds the chain intact, after cases were reported and handled', async () => {
    const empty = await zhizhi(['verify'], target.env);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('the chain is empty');

    await reportAndAct(target);
    const history = await historyOf(target);
    expect(history.length).toBeGreaterThanOrEqual(5);
    const intact = await zhizhi(['verify'], target.env);
    expect(intact.stdout).toContain(
      `Ledger intact 台账完整: ${history.length} entries verified (seq 1–${history.length})`,
    );
    expect(intact.code).toBe(0);
  });

  it.skipIf(testPostgresUrl)('backup writes a consistent SQLite copy with the same rows', async () => {
    const out = path.join(target.dataDir, 'copies', 'zhizhi-copy.db');
    const backup = await zhizhi(['backup', '--out', out], target.env);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout.trim()).toBe(`backup written to ${out}`);
    const original = sqliteRowCounts(path.join(target.dataDir, 'zhizhi.db'));
    const copy = sqliteRowCounts(out);
    expect(copy).toEqual(original);
    expect(copy.area).toBeGreaterThan(200);
    expect(copy.case_event).toBeGreaterThanOrEqual(5);
    // The copy is a working database: the command verifies its history as intact as the original's.
    const verified = await zhizhi(['verify'], { ...target.env, DATABASE_URL: out });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`${copy.case_event} entries verified`);
    // Without --out it goes to <data dir>/backups/.
    const byDefault = await zhizhi(['backup'], target.env);
    expect(byDefault.code).toBe(0);
    const written = /backup written to (.+)$/m.exec(byDefault.stdout)?.[1] ?? '';
    expect(path.dirname(written)).toBe(path.join(target.dataDir, 'backups'));
    expect(sqliteRowCounts(written)).toEqual(original);
    // Never over an existing file.
    const over = await zhizhi(['backup', '--out', out], target.env);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain(`${out} already exists`);
    expect(over.stderr).not.toMatch(STACK_FRAME);
  });

  it.skipIf(!testPostgresUrl)('backup on PostgreSQL prints pg_dump guidance', async () => {
    const backup = await zhizhi(['backup'], target.env);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('pg_dump --format=custom');
    expect(backup.stdout).toContain('pg_restore');
    expect(backup.stdout).toContain('ZHIZHI_SECRET_KEY');
  });

  it('verify names the entry a raw UPDATE of its payload broke, and is whole again once undone', async () => {
    const history = await historyOf(target);
    const victim = history[2] as Entry;
    await withDb(target, ({ db }) =>
      sql`UPDATE case_event SET payload = ${'{"note":"改过的"}'} WHERE seq = ${victim.seq}`.execute(db),
    );
    const broken = await zhizhi(['verify'], target.env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('LEDGER BROKEN 台账校验失败');
    expect(broken.stdout).toContain(`at seq ${victim.seq} (id ${victim.id},`);
    expect(broken.stdout).toContain(`${victim.seq - 1} entries verified before the break`);

    await withDb(target, ({ db }) =>
      sql`UPDATE case_event SET payload = ${victim.payload} WHERE seq = ${victim.seq}`.execute(db),
    );
    expect((await zhizhi(['verify'], target.env)).code).toBe(0);
  });

  it('verify catches a raw DELETE of a middle entry', async () => {
    const history = await historyOf(target);
    const victim = history[1] as Entry;
    const next = history[2] as Entry;
    await withDb(target, ({ db }) => sql`DELETE FROM case_event WHERE seq = ${victim.seq}`.execute(db));
    const broken = await zhizhi(['verify'], target.env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('LEDGER BROKEN 台账校验失败');
    // The break is the missing seq; the message names the entries either side of the gap.
    expect(broken.stdout).toContain(`missing_entries at seq ${victim.seq}`);
    expect(broken.stdout).toContain(`entry seq ${victim.seq} is missing`);
    expect(broken.stdout).toContain(`to entry seq ${next.seq} (id ${next.id},`);
    expect(broken.stdout).toContain(`${victim.seq - 1} entry verified before the break`);
  });

  it('serve refuses to start outside demo mode while demo passwords remain; reset-password clears one', async () => {
    const serveEnv = { ...target.env, PORT: '0', HOST: '127.0.0.1', ZHIZHI_SCHEDULER: 'false' };
    const refused = await zhizhi(['serve'], serveEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refusing to start outside demo mode');
    expect(refused.stderr).toContain(`${DEMO_ACCOUNTS.length} account(s) still have the demo password`);
    expect(refused.stderr).toContain('zhizhi user reset-password');
    expect(refused.stderr).not.toMatch(STACK_FRAME);

    const reset = await zhizhi(['user', 'reset-password', '--username', 'admin'], {
      ...target.env,
      ZHIZHI_PASSWORD: NEW_PASSWORD,
    });
    expect(reset.stderr).toBe('');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('password of "admin" reset');
    const flags = await withDb(target, ({ db }) =>
      db.selectFrom('app_user').select(['username', 'password_is_demo']).orderBy('username').execute(),
    );
    expect(flags.filter((u) => u.password_is_demo === 1).map((u) => u.username)).toEqual(
      DEMO_ACCOUNTS.map((a) => a.username)
        .filter((u) => u !== 'admin')
        .sort(),
    );
    const stillRefused = await zhizhi(['serve'], serveEnv);
    expect(stillRefused.code).toBe(1);
    expect(stillRefused.stderr).toContain(
      `${DEMO_ACCOUNTS.length - 1} account(s) still have the demo password`,
    );
  });

  it('serve starts once no account has a demo password, and stops cleanly on SIGTERM', async () => {
    await withDb(target, ({ db }) => db.updateTable('app_user').set({ password_is_demo: 0 }).execute());
    const child = spawn(process.execPath, ['bin/zhizhi.js', 'serve'], {
      cwd: ROOT,
      env: cleanEnv({
        ...target.env,
        PORT: '0',
        HOST: '127.0.0.1',
        ZHIZHI_SCHEDULER: 'false',
        LOG_LEVEL: 'warn',
      }),
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${stdout} ${stderr}`)), 180_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk;
        const found = /serving at (http:\/\/\S+) on/.exec(stdout)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found.replace('localhost', '127.0.0.1'));
        }
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stdout} ${stderr}`)));
    });
    expect(stdout).toContain(target.dialect);
    const health = await fetch(`${address}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: target.dialect });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('user add creates a user with a role and an area code', async () => {
    const env = { ...target.env, ZHIZHI_PASSWORD: NEW_PASSWORD };
    const town = DEMO_CODES.storyTown;
    const added = await zhizhi(
      [
        'user',
        'add',
        '--username',
        'zz.operator',
        '--name',
        '镇受理员 测试',
        '--role',
        'centre_operator',
        '--area',
        town,
      ],
      env,
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      new RegExp(`user "zz.operator" \\(镇受理员 测试\\) added as centre_operator of .+ \\(${town}\\)`),
    );
    const assignment = await withDb(target, ({ db }) =>
      db
        .selectFrom('assignment')
        .innerJoin('app_user', 'app_user.id', 'assignment.user_id')
        .innerJoin('area', 'area.id', 'assignment.area_id')
        .select(['assignment.role', 'area.code', 'app_user.password_is_demo', 'app_user.active'])
        .where('app_user.username', '=', 'zz.operator')
        .execute(),
    );
    expect(assignment).toEqual([{ role: 'centre_operator', code: town, password_is_demo: 0, active: 1 }]);
  });

  it.each([
    {
      what: 'a role that does not exist',
      args: ['--username', 'zz.bad', '--name', 'X', '--role', 'boss'],
      says: '"boss" is not a role; use one of',
    },
    {
      what: 'an unknown area code',
      args: ['--username', 'zz.bad', '--name', 'X', '--role', 'grid_worker', '--area', '999999999'],
      says: 'no area has the code "999999999"',
    },
    {
      what: 'a username that is taken',
      args: ['--username', 'zz.operator', '--name', 'X', '--role', 'leader'],
      says: 'username "zz.operator" is taken',
    },
    { what: 'no --name', args: ['--username', 'zz.bad', '--role', 'leader'], says: '--name is required' },
    {
      what: 'no password and no terminal to type it on',
      args: ['--username', 'zz.bad', '--name', 'X', '--role', 'leader'],
      says: 'set ZHIZHI_PASSWORD or run in a terminal',
      password: '',
    },
  ])('user add refuses $what with a clear message and no stack trace', async ({ args, says, password }) => {
    const env = { ...target.env, ...(password === '' ? {} : { ZHIZHI_PASSWORD: NEW_PASSWORD }) };
    const refused = await zhizhi(['user', 'add', ...args], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(says);
    expect(refused.stderr).not.toMatch(STACK_FRAME);
    expect(refused.stdout).toBe('');
  });

  it('rotate-key re-encrypts every phone under a new key, resumably; search by phone still finds the person (issue 8 #6)', async () => {
    const stored = () =>
      withDb(target, ({ db }) =>
        db
          .selectFrom('app_user')
          .select(['id', 'phone_enc', 'phone_bidx'])
          .where('phone_enc', 'is not', null)
          .orderBy('id')
          .execute(),
      );
    const keyFile = path.join(target.dataDir, 'secret.key');
    const oldCipher = createCipher(loadKeyring(loadConfig(target.env)).ring);
    const before = await stored();
    expect(before.length).toBeGreaterThan(1);

    let env = target.env;
    const first = await zhizhi(['rotate-key', '--batch-size', '7'], env);
    if (target.dialect === 'postgres') {
      // Keys in the environment: the command says what to set on every node, then re-encrypts.
      expect(first.code).toBe(2);
      const set = Object.fromEntries(
        [...first.stdout.matchAll(/^ {2}(ZHIZHI_[A-Z_]+)=([0-9a-f]{64})$/gm)].map((m) => [m[1], m[2]]),
      );
      expect(Object.keys(set).sort()).toEqual([
        'ZHIZHI_BLIND_INDEX_KEY',
        'ZHIZHI_PREVIOUS_SECRET_KEYS',
        'ZHIZHI_SECRET_KEY',
      ]);
      env = { ...env, ...set };
      const second = await zhizhi(['rotate-key', '--batch-size', '7'], env);
      expect(second.stderr).toBe('');
      expect(second.code).toBe(0);
    } else {
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(fs.readFileSync(keyFile, 'utf8')).toMatch(/^previous [0-9a-f]{64}$/m);
      // Run again (as after an interruption): nothing is left to do, nothing breaks.
      const again = await zhizhi(['rotate-key'], env);
      expect(again.stdout).toContain('resuming');
      expect(again.stdout).toContain('0 value(s) re-encrypted');
    }
    const finished = await zhizhi(['rotate-key', '--finish'], env);
    expect(finished.stderr).toBe('');
    expect(finished.code).toBe(0);
    expect(finished.stdout).toContain('the rotation is finished');
    if (target.dialect === 'postgres') {
      const { ZHIZHI_PREVIOUS_SECRET_KEYS: _dropped, ...kept } = env;
      env = kept;
    } else {
      expect(fs.readFileSync(keyFile, 'utf8')).not.toMatch(/^previous /m);
    }
    target.env = env;

    const ring = loadKeyring(loadConfig(env)).ring;
    const cipher = createCipher(ring);
    expect(ring.keys.size).toBe(1);
    expect(ring.current.id).not.toBe(oldCipher.currentKeyId);
    const after = await stored();
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    for (const [i, row] of after.entries()) {
      const old = before[i];
      expect(row.phone_enc).not.toBe(old?.phone_enc);
      expect(cipher.keyIdOf(row.phone_enc ?? '')).toBe(ring.current.id);
      expect(cipher.decrypt(row.phone_enc ?? '')).toBe(oldCipher.decrypt(old?.phone_enc ?? ''));
      expect(row.phone_bidx).toBe(old?.phone_bidx);
    }
    await withDb(target, async ({ db }) => {
      expect(await valuesNotUnderCurrentKey(db, cipher)).toBe(0);
      const users = createUsersService(db, { clock: systemClock, cipher });
      const someone = after[after.length - 1];
      const phone = cipher.decrypt(someone?.phone_enc ?? '');
      const found = await users.listUsers({ q: phone, limit: 5, offset: 0 });
      expect(found.items.map((u) => u.id)).toEqual([someone?.id]);
    });
  }, 240_000);
});

describe('zhizhi configuration and help', () => {
  it('refuses an invalid configuration, listing every problem at once', async () => {
    const bad = await zhizhi(['serve'], {
      ZHIZHI_DATA_DIR: os.tmpdir(),
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      ZHIZHI_SESSION_HOURS: '0',
      ZHIZHI_DEMO: 'maybe',
      ZHIZHI_SECRET_KEY: 'too-short',
      ZHIZHI_CAP_MICRO_GRID: '-3',
      DATABASE_URL: 'mysql://root@localhost/zhizhi',
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).not.toMatch(STACK_FRAME);
    const problems = bad.stderr.split('\n').filter((line) => line.startsWith('  - '));
    for (const name of [
      'PORT',
      'LOG_LEVEL',
      'ZHIZHI_SESSION_HOURS',
      'ZHIZHI_DEMO',
      'ZHIZHI_SECRET_KEY',
      'ZHIZHI_CAP_MICRO_GRID',
      'DATABASE_URL',
    ]) {
      expect(problems.filter((p) => p.startsWith(`  - ${name} `))).toHaveLength(1);
    }
    expect(problems).toHaveLength(7);
    expect(bad.stderr).toContain('PORT must be a whole number from 0 to 65535 (got "abc")');
    expect(bad.stderr).toContain('(got "loud")');
  });

  it('`npx zhizhi help` works from the checkout and lists every command', async () => {
    // --no-install and offline: the checkout's own bin, never a package from the registry.
    const help = await run('npx', ['--no-install', 'zhizhi', 'help'], { npm_config_offline: 'true' });
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: zhizhi <command> [options]');
    for (const command of [
      'serve',
      'migrate',
      'seed-demo',
      'verify',
      'checkpoint',
      'backup',
      'user add',
      'user reset-password',
      'rotate-key',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    }
  });

  it('answers no command, an unknown command and an unknown option with the usage and exit 2', async () => {
    const [none, unknown, option] = await Promise.all([
      zhizhi([], {}),
      zhizhi(['frobnicate'], {}),
      zhizhi(['verify', '--bogus'], {}),
    ]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('usage: zhizhi');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--bogus'");
    expect(option.stderr).not.toMatch(STACK_FRAME);
  });
});

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
