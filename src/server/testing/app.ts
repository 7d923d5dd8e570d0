/** A whole application on a fresh test database, driven through `app.inject()` — real HTTP semantics, no socket. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BuiltApp, buildApp } from '../app.ts';
import { ManualClock } from '../platform/clock.ts';
import { type Config, loadConfig } from '../platform/config.ts';
import { createCipher, type PersonalDataCipher } from '../platform/personal-data.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestApp extends BuiltApp {
  database: TestDatabase;
  clock: ManualClock;
  cipher: PersonalDataCipher;
  config: Config;
  close(): Promise<void>;
}

/** Monday 2026-11-23 09:30 in Asia/Shanghai: a working morning. */
export const TEST_START = '2026-11-23T01:30:00.000Z';

export interface TestAppOptions {
  start?: string;
  /** Extra environment for the configuration (e.g. ZHIZHI_TRUSTED_PROXIES). */
  env?: Record<string, string>;
  /** An SQLite file instead of memory (ignored on PostgreSQL). */
  sqliteFile?: string;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(options.sqliteFile ? { sqliteFile: options.sqliteFile } : {});
  const clock = new ManualClock(options.start ?? TEST_START);
  const cipher = createCipher(randomBytes(32));
  // Each test app gets its own data directory, so two runs (or two files) never share photos or keys.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhizhi-test-'));
  const config = loadConfig(
    // Sessions last 30 days so tests that move the clock by a week stay signed in.
    { ZHIZHI_DATA_DIR: dataDir, ZHIZHI_SCHEDULER: 'false', ZHIZHI_SESSION_HOURS: '720', ...options.env },
    { demo: true },
  );
  const built = await buildApp({ config, database, clock, cipher });
  return {
    ...built,
    database,
    clock,
    cipher,
    config,
    async close() {
      await built.app.close();
      await database.dispose();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
