import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, ConfigError, decodeKey, loadConfig } from './config.ts';

const HEX_KEY = 'ab'.repeat(32);
const PG_URL = 'postgres://zhizhi@db.example:5432/zhizhi';

/** The problems loadConfig reports for `env`, or [] when it accepts it. */
function problemsOf(env: NodeJS.ProcessEnv, overrides: { demo?: boolean } = {}): string[] {
  try {
    loadConfig(env, overrides);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('loadConfig defaults', () => {
  it('runs a single SQLite node under ./data with nothing set', () => {
    const dataDir = path.resolve('data');
    expect(loadConfig({})).toEqual<Config>({
      port: 3000,
      host: '0.0.0.0',
      dataDir,
      databaseUrl: path.join(dataDir, 'zhizhi.db'),
      dialect: 'sqlite',
      demo: false,
      secretKey: undefined,
      previousSecretKeys: [],
      blindIndexKey: undefined,
      sessionHours: 12,
      scheduler: true,
      schedulerIntervalMs: 15_000,
      logLevel: 'info',
      caps: { unitGrid: 50, microGrid: 15 },
      demoHistory: 2_000,
      demoSeed: 2026,
      ledgerSigningKey: undefined,
      ledgerWitnessUrl: undefined,
      trustedProxies: [],
    });
  });

  it('takes older keys for a rotation only with the current key and the blind-index key (issue 8 #6)', () => {
    const env = {
      ZHIZHI_SECRET_KEY: HEX_KEY,
      ZHIZHI_PREVIOUS_SECRET_KEYS: ` ${'cd'.repeat(32)}, ${'ef'.repeat(32)}`,
    };
    expect(problemsOf(env)).toEqual([expect.stringContaining('ZHIZHI_BLIND_INDEX_KEY')]);
    const config = loadConfig({ ...env, ZHIZHI_BLIND_INDEX_KEY: '01'.repeat(32) });
    expect(config.previousSecretKeys).toEqual(['cd'.repeat(32), 'ef'.repeat(32)]);
    expect(config.blindIndexKey).toBe('01'.repeat(32));
    expect(
      problemsOf({ ...env, ZHIZHI_PREVIOUS_SECRET_KEYS: 'short', ZHIZHI_BLIND_INDEX_KEY: 'x' }),
    ).toHaveLength(2);
  });

  it('takes trusted proxies as IPs, CIDRs and proxy-addr names, and names the bad ones (issue 7 #8)', () => {
    expect(
      loadConfig({ ZHIZHI_TRUSTED_PROXIES: ' 10.0.0.1, 172.16.0.0/12,::1,loopback ' }).trustedProxies,
    ).toEqual(['10.0.0.1', '172.16.0.0/12', '::1', 'loopback']);
    const problems = problemsOf({ ZHIZHI_TRUSTED_PROXIES: '10.0.0.1,proxy.local,10.0.0.0/33' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('ZHIZHI_TRUSTED_PROXIES');
    expect(problems[0]).toContain('proxy.local, 10.0.0.0/33');
  });

  it('treats empty variables as unset', () => {
    const empty = {
      PORT: '',
      HOST: '',
      DATABASE_URL: '',
      ZHIZHI_DATA_DIR: '',
      ZHIZHI_SECRET_KEY: '',
      ZHIZHI_DEMO: '',
      ZHIZHI_SESSION_HOURS: '',
      ZHIZHI_SCHEDULER: '',
      LOG_LEVEL: '',
      ZHIZHI_CAP_UNIT_GRID: '',
    };
    expect(loadConfig(empty)).toEqual(loadConfig({}));
  });

  it('puts the SQLite file in ZHIZHI_DATA_DIR, resolved to an absolute path', () => {
    const config = loadConfig({ ZHIZHI_DATA_DIR: 'var/zz' });
    expect(config.dataDir).toBe(path.resolve('var/zz'));
    expect(config.databaseUrl).toBe(path.resolve('var/zz', 'zhizhi.db'));
  });

  it('reads every setting it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: '/srv/zhizhi/main.db',
      ZHIZHI_DEMO: 'yes',
      ZHIZHI_SECRET_KEY: HEX_KEY,
      ZHIZHI_SESSION_HOURS: '720',
      ZHIZHI_SCHEDULER: 'off',
      ZHIZHI_SCHEDULER_INTERVAL_MS: '100',
      LOG_LEVEL: 'debug',
      ZHIZHI_CAP_UNIT_GRID: '60',
      ZHIZHI_CAP_MICRO_GRID: '20',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: '/srv/zhizhi/main.db',
      dialect: 'sqlite',
      demo: true,
      secretKey: HEX_KEY,
      sessionHours: 720,
      scheduler: false,
      schedulerIntervalMs: 100,
      logLevel: 'debug',
      caps: { unitGrid: 60, microGrid: 20 },
    });
  });
});

describe('loadConfig validation', () => {
  it.each([
    ['PORT', '0', 0],
    ['PORT', '65535', 65_535],
    ['ZHIZHI_SESSION_HOURS', '1', 1],
    ['ZHIZHI_SESSION_HOURS', '720', 720],
    ['ZHIZHI_SCHEDULER_INTERVAL_MS', '3600000', 3_600_000],
    ['ZHIZHI_CAP_UNIT_GRID', '10000', 10_000],
    ['ZHIZHI_CAP_MICRO_GRID', '1', 1],
  ])('accepts %s=%s at the edge of its range', (name, raw, expected) => {
    const config = loadConfig({ [name]: raw });
    const read = {
      PORT: config.port,
      ZHIZHI_SESSION_HOURS: config.sessionHours,
      ZHIZHI_SCHEDULER_INTERVAL_MS: config.schedulerIntervalMs,
      ZHIZHI_CAP_UNIT_GRID: config.caps.unitGrid,
      ZHIZHI_CAP_MICRO_GRID: config.caps.microGrid,
    }[name];
    expect(read).toBe(expected);
  });

  it.each([
    ['PORT', 'abc', 'PORT must be a whole number from 0 to 65535 (got "abc")'],
    ['PORT', '-1', 'PORT must be a whole number from 0 to 65535 (got "-1")'],
    ['PORT', '65536', 'PORT must be a whole number from 0 to 65535 (got "65536")'],
    ['PORT', '80.5', 'PORT must be a whole number from 0 to 65535 (got "80.5")'],
    ['ZHIZHI_SESSION_HOURS', '0', 'ZHIZHI_SESSION_HOURS must be a whole number from 1 to 720 (got "0")'],
    ['ZHIZHI_SESSION_HOURS', '721', 'ZHIZHI_SESSION_HOURS must be a whole number from 1 to 720 (got "721")'],
    [
      'ZHIZHI_SCHEDULER_INTERVAL_MS',
      '99',
      'ZHIZHI_SCHEDULER_INTERVAL_MS must be a whole number from 100 to 3600000 (got "99")',
    ],
    ['ZHIZHI_CAP_UNIT_GRID', '0', 'ZHIZHI_CAP_UNIT_GRID must be a whole number from 1 to 10000 (got "0")'],
    [
      'ZHIZHI_CAP_MICRO_GRID',
      '10001',
      'ZHIZHI_CAP_MICRO_GRID must be a whole number from 1 to 10000 (got "10001")',
    ],
    ['ZHIZHI_DEMO', 'maybe', 'ZHIZHI_DEMO must be true or false (got "maybe")'],
    ['ZHIZHI_SCHEDULER', '2', 'ZHIZHI_SCHEDULER must be true or false (got "2")'],
    [
      'LOG_LEVEL',
      'loud',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    ],
    ['ZHIZHI_SECRET_KEY', 'secret', 'ZHIZHI_SECRET_KEY must be 32 bytes as 64 hex digits or base64'],
    ['ZHIZHI_SECRET_KEY', 'ab'.repeat(31), 'ZHIZHI_SECRET_KEY must be 32 bytes as 64 hex digits or base64'],
    [
      'DATABASE_URL',
      'mysql://root@localhost/zhizhi',
      'DATABASE_URL must be postgres://… or a path to an SQLite file (got "mysql://root@localhost/zhizhi")',
    ],
    [
      'DATABASE_URL',
      'sqlite:///var/zhizhi.db',
      'DATABASE_URL must be postgres://… or a path to an SQLite file (got "sqlite:///var/zhizhi.db")',
    ],
  ])('refuses %s=%s', (name, raw, problem) => {
    expect(problemsOf({ [name]: raw })).toEqual([problem]);
  });

  it.each([
    ['1', true],
    ['TRUE', true],
    ['yes', true],
    ['On', true],
    ['0', false],
    ['false', false],
    ['NO', false],
    ['off', false],
  ])('reads ZHIZHI_SCHEDULER=%s as %s', (raw, expected) => {
    expect(loadConfig({ ZHIZHI_SCHEDULER: raw }).scheduler).toBe(expected);
  });

  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])('accepts LOG_LEVEL=%s', (level) => {
    expect(loadConfig({ LOG_LEVEL: level }).logLevel).toBe(level);
  });

  it('lets the command line decide demo mode, whatever ZHIZHI_DEMO says', () => {
    expect(loadConfig({ ZHIZHI_DEMO: 'false' }, { demo: true }).demo).toBe(true);
    expect(loadConfig({ ZHIZHI_DEMO: 'true' }, { demo: false }).demo).toBe(false);
    // An unreadable ZHIZHI_DEMO does not matter when the command line decided.
    expect(problemsOf({ ZHIZHI_DEMO: 'maybe' }, { demo: true })).toEqual([]);
  });
});

describe('loadConfig on PostgreSQL', () => {
  it.each([PG_URL, 'postgresql://zhizhi@db.example/zhizhi', 'POSTGRES://zhizhi@db.example/zhizhi'])(
    'recognises %s',
    (url) => {
      const config = loadConfig({ DATABASE_URL: url, ZHIZHI_SECRET_KEY: HEX_KEY });
      expect(config.dialect).toBe('postgres');
      expect(config.databaseUrl).toBe(url);
    },
  );

  it('requires the shared secret key outside demo mode', () => {
    expect(problemsOf({ DATABASE_URL: PG_URL })).toEqual([
      'ZHIZHI_SECRET_KEY is required with PostgreSQL (every node must share the same key)',
    ]);
    expect(problemsOf({ DATABASE_URL: PG_URL, ZHIZHI_DEMO: 'false' })).toHaveLength(1);
    expect(problemsOf({ DATABASE_URL: PG_URL }, { demo: false })).toHaveLength(1);
  });

  it('does without it in demo mode', () => {
    expect(loadConfig({ DATABASE_URL: PG_URL, ZHIZHI_DEMO: 'on' }).secretKey).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: PG_URL }, { demo: true }).demo).toBe(true);
  });

  it('names the malformed key, not a missing one, when the key is bad', () => {
    expect(problemsOf({ DATABASE_URL: PG_URL, ZHIZHI_SECRET_KEY: 'nope' })).toEqual([
      'ZHIZHI_SECRET_KEY must be 32 bytes as 64 hex digits or base64',
    ]);
  });

  it('does not ask SQLite for a key (it is kept in the data directory)', () => {
    expect(problemsOf({ DATABASE_URL: '/srv/zhizhi.db' })).toEqual([]);
  });
});

describe('loadConfig lists every problem at once', () => {
  it('reports all of them in one error, one per line, in a fixed order', () => {
    let caught: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://x',
        ZHIZHI_DEMO: 'perhaps',
        ZHIZHI_SECRET_KEY: 'short',
        LOG_LEVEL: 'loud',
        PORT: 'abc',
        ZHIZHI_SESSION_HOURS: '0',
        ZHIZHI_SCHEDULER: 'sometimes',
        ZHIZHI_SCHEDULER_INTERVAL_MS: '1',
        ZHIZHI_CAP_UNIT_GRID: '-5',
        ZHIZHI_CAP_MICRO_GRID: 'many',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    const names = error.problems.map((p) => p.split(' ')[0]);
    expect(names).toEqual([
      'DATABASE_URL',
      'ZHIZHI_DEMO',
      'ZHIZHI_SECRET_KEY',
      'LOG_LEVEL',
      'PORT',
      'ZHIZHI_SESSION_HOURS',
      'ZHIZHI_SCHEDULER',
      'ZHIZHI_SCHEDULER_INTERVAL_MS',
      'ZHIZHI_CAP_UNIT_GRID',
      'ZHIZHI_CAP_MICRO_GRID',
    ]);
    expect(error.message).toBe(`invalid configuration:\n${error.problems.map((p) => `  - ${p}`).join('\n')}`);
  });

  it('counts a PostgreSQL URL without a key alongside the other problems', () => {
    expect(
      problemsOf({ DATABASE_URL: PG_URL, PORT: 'x', LOG_LEVEL: 'y' }).map((p) => p.split(' ')[0]),
    ).toEqual(['ZHIZHI_SECRET_KEY', 'LOG_LEVEL', 'PORT']);
  });
});

describe('decodeKey', () => {
  it('reads 64 hex digits, in either case', () => {
    const key = randomBytes(32);
    expect(decodeKey(key.toString('hex'))).toEqual(key);
    expect(decodeKey(key.toString('hex').toUpperCase())).toEqual(key);
  });

  it('reads base64 of 32 bytes', () => {
    const key = randomBytes(32);
    expect(decodeKey(key.toString('base64'))).toEqual(key);
  });

  it.each([
    ['31 bytes of hex', 'ab'.repeat(31)],
    ['33 bytes of base64', randomBytes(33).toString('base64')],
    ['16 bytes of base64', randomBytes(16).toString('base64')],
    ['an empty string', ''],
  ])('refuses %s', (_what, raw) => {
    expect(decodeKey(raw)).toBeUndefined();
  });
});
