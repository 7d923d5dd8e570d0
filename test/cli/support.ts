/**
 * What the `zhizhi` command tests share: running the command as a child process with a clean
 * environment, and a database of its own for each target (see cli.test.ts).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { expect } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { type DatabaseHandle, openDatabase } from '../../src/server/database.ts';
import { DEMO_PASSWORD, DEMO_PLACES } from '../../src/server/modules/demo/seed.ts';
import { systemClock } from '../../src/server/platform/clock.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import { createCipher, loadOrCreateKey } from '../../src/server/platform/personal-data.ts';
import { testPostgresUrl } from '../../src/server/testing/database.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A Node.js stack frame, which an operator should never be shown for a mistake of theirs. */
export const STACK_FRAME = /\n\s+at .+:\d+:\d+/;
export const NEW_PASSWORD = 'a long new password 2026';

// Each test runs the command several times as a child process (Node starting, TypeScript loaded):
// a few seconds each on a quiet machine, many more on a loaded CI machine. The tests wait for the
// processes to finish, so the limit only has to catch a hang.

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Only what the command needs: no DATABASE_URL, PORT, LOG_LEVEL or ZHIZHI_* leaks in from the test run. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME ?? os.tmpdir(), LANG: 'C.UTF-8', ...extra };
}

/** Runs a command to completion (killed after 3 min, which fails the test). */
export function run(file: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: ROOT, env: cleanEnv(env), timeout: 180_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** `node bin/zhizhi.js …` */
export const zhizhi = (args: string[], env: Record<string, string>) =>
  run(process.execPath, ['bin/zhizhi.js', ...args], env);

// ── the database under test ─────────────────────────────────────────────────────────────────────

export interface Target {
  dialect: 'sqlite' | 'postgres';
  dataDir: string;
  /** DATABASE_URL, ZHIZHI_DATA_DIR and (PostgreSQL) ZHIZHI_SECRET_KEY. */
  env: Record<string, string>;
  /** Opens the same database in this process, for raw SQL and the HTTP app. */
  open(): DatabaseHandle;
  dispose(): Promise<void>;
}

export async function createTarget(): Promise<Target> {
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
export async function withDb<T>(target: Target, work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
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
export async function reportAndAct(target: Target): Promise<void> {
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

export interface Entry {
  seq: number;
  id: string;
  payload: string;
}

export const historyOf = (target: Target) =>
  withDb(target, async ({ db }) =>
    (await db.selectFrom('case_event').select(['seq', 'id', 'payload']).orderBy('seq').execute()).map(
      (e): Entry => ({ seq: Number(e.seq), id: e.id, payload: e.payload }),
    ),
  );

/** Row counts of every table of an SQLite file. */
export function sqliteRowCounts(file: string): Record<string, number> {
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
