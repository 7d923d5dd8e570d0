/**
 * The `zhizhi` command as an operator runs it: `node bin/zhizhi.js …` in a child process, configured
 * only through its environment, on a database of its own — a fresh SQLite file in a temporary data
 * directory, or, when ZHIZHI_TEST_DATABASE_URL is set, a fresh PostgreSQL database (`DATABASE_URL`
 * has no schema option, so a whole `zz_cli_<random>` database is created and dropped after).
 * Cases are reported through the HTTP app built in-process on the same database, and the history is
 * tampered with through raw SQL.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_CODES, DEMO_PASSWORD } from '../../src/server/modules/demo/seed.ts';
import { createUsersService } from '../../src/server/modules/people/users.ts';
import { systemClock } from '../../src/server/platform/clock.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import { createCipher } from '../../src/server/platform/personal-data.ts';
import { loadKeyring } from '../../src/server/platform/vault/keyring.ts';
import { valuesNotUnderCurrentKey } from '../../src/server/platform/vault/rotation.ts';
import { testPostgresUrl } from '../../src/server/testing/database.ts';
import {
  cleanEnv,
  createTarget,
  type Entry,
  historyOf,
  NEW_PASSWORD,
  ROOT,
  reportAndAct,
  run,
  STACK_FRAME,
  sqliteRowCounts,
  type Target,
  withDb,
  zhizhi,
} from './support.ts';

// Each test runs the command several times as a child process (Node starting, TypeScript loaded):
// a few seconds each on a quiet machine, many more on a loaded CI machine. The tests wait for the
// processes to finish, so the limit only has to catch a hang.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

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
