/**
 * Configuration from the environment, parsed and validated once at start-up. Every problem is
 * listed together, so an administrator fixes them in one go.
 */
import net from 'node:net';
import path from 'node:path';
import { type Dialect, dialectOf } from './db/dialect.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  dialect: Dialect;
  /** Demo mode: seeds the Wushen Banner demo and prints demo credentials. Never in production. */
  demo: boolean;
  /** 32-byte key (hex or base64) for personal data at rest; undefined = use/create dataDir/secret.key. */
  secretKey: string | undefined;
  /**
   * Older personal-data keys (ZHIZHI_PREVIOUS_SECRET_KEYS, comma-separated), kept for reading while
   * `zhizhi rotate-key` re-encrypts; only with ZHIZHI_SECRET_KEY (a key file holds its own).
   */
  previousSecretKeys: string[];
  /** The blind-index key (ZHIZHI_BLIND_INDEX_KEY); undefined = derived from ZHIZHI_SECRET_KEY. */
  blindIndexKey: string | undefined;
  sessionHours: number;
  /** Run the deadline scheduler in this process. */
  scheduler: boolean;
  schedulerIntervalMs: number;
  logLevel: string;
  caps: { unitGrid: number; microGrid: number };
  /** Demo mode: cases of history the demo seeds over the past year (0 = none). */
  demoHistory: number;
  /** Seed of the demo history: the same seed gives the same year. */
  demoSeed: number;
  /**
   * 32-byte Ed25519 seed (hex or base64) signing ledger checkpoints; undefined = dataDir/ledger-signing.key.
   * Several PostgreSQL nodes must share one (docs/ledger.md).
   */
  ledgerSigningKey: string | undefined;
  /** An outside witness that receives every signed checkpoint by POST; undefined = none. */
  ledgerWitnessUrl: string | undefined;
  /**
   * Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto / X-Forwarded-Host are believed
   * (ZHIZHI_TRUSTED_PROXIES: IPs, CIDRs or loopback / linklocal / uniquelocal, comma-separated).
   * Empty: the headers are ignored, and the address and TLS are those of the connection.
   */
  trustedProxies: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function int(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean, problems: string[]) {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push(`${name} must be true or false (got "${env[name]}")`);
  return fallback;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8` or a proxy-addr name. */
function isProxySpec(value: string): boolean {
  if (PROXY_NAMES.includes(value)) return true;
  const [address, bits, extra] = value.split('/');
  const family = net.isIP(address ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

function proxies(env: NodeJS.ProcessEnv, problems: string[]): string[] {
  const list = (env.ZHIZHI_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const bad = list.filter((p) => !isProxySpec(p));
  if (bad.length > 0) {
    problems.push(
      `ZHIZHI_TRUSTED_PROXIES must list IP addresses, CIDR ranges or ${PROXY_NAMES.join('/')} (bad: ${bad.join(', ')})`,
    );
  }
  return list.filter(isProxySpec);
}

/** Reads the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: { demo?: boolean } = {}): Config {
  const problems: string[] = [];
  const dataDir = path.resolve(env.ZHIZHI_DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || path.join(dataDir, 'zhizhi.db');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(databaseUrl) && dialectOf(databaseUrl) !== 'postgres') {
    problems.push(`DATABASE_URL must be postgres://… or a path to an SQLite file (got "${databaseUrl}")`);
  }
  const demo = overrides.demo ?? bool(env, 'ZHIZHI_DEMO', false, problems);
  const secretKey = env.ZHIZHI_SECRET_KEY || undefined;
  if (secretKey !== undefined && decodeKey(secretKey) === undefined) {
    problems.push('ZHIZHI_SECRET_KEY must be 32 bytes as 64 hex digits or base64');
  }
  const previousSecretKeys = (env.ZHIZHI_PREVIOUS_SECRET_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  if (previousSecretKeys.some((k) => decodeKey(k) === undefined)) {
    problems.push(
      'ZHIZHI_PREVIOUS_SECRET_KEYS must list 32-byte keys (64 hex digits or base64), comma-separated',
    );
  }
  const blindIndexKey = env.ZHIZHI_BLIND_INDEX_KEY || undefined;
  if (blindIndexKey !== undefined && decodeKey(blindIndexKey) === undefined) {
    problems.push('ZHIZHI_BLIND_INDEX_KEY must be 32 bytes as 64 hex digits or base64');
  }
  if (previousSecretKeys.length > 0 && (secretKey === undefined || blindIndexKey === undefined)) {
    // Without them the blind indexes would follow the new key and no phone could be found.
    problems.push(
      'ZHIZHI_PREVIOUS_SECRET_KEYS needs ZHIZHI_SECRET_KEY and ZHIZHI_BLIND_INDEX_KEY (zhizhi rotate-key prints it)',
    );
  }
  const dialect = dialectOf(databaseUrl);
  if (dialect === 'postgres' && !demo && secretKey === undefined) {
    problems.push('ZHIZHI_SECRET_KEY is required with PostgreSQL (every node must share the same key)');
  }
  const ledgerSigningKey = env.ZHIZHI_LEDGER_SIGNING_KEY || undefined;
  if (ledgerSigningKey !== undefined && decodeKey(ledgerSigningKey) === undefined) {
    problems.push('ZHIZHI_LEDGER_SIGNING_KEY must be a 32-byte Ed25519 seed as 64 hex digits or base64');
  }
  const ledgerWitnessUrl = env.ZHIZHI_LEDGER_WITNESS_URL || undefined;
  if (ledgerWitnessUrl !== undefined && !isHttpUrl(ledgerWitnessUrl)) {
    problems.push(`ZHIZHI_LEDGER_WITNESS_URL must be an http:// or https:// URL (got "${ledgerWitnessUrl}")`);
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    problems.push(
      `LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "${logLevel}")`,
    );
  }
  const config: Config = {
    port: int(env, 'PORT', 3000, 0, 65535, problems),
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl,
    dialect,
    demo,
    secretKey,
    previousSecretKeys,
    blindIndexKey,
    sessionHours: int(env, 'ZHIZHI_SESSION_HOURS', 12, 1, 24 * 30, problems),
    scheduler: bool(env, 'ZHIZHI_SCHEDULER', true, problems),
    schedulerIntervalMs: int(env, 'ZHIZHI_SCHEDULER_INTERVAL_MS', 15_000, 100, 3_600_000, problems),
    logLevel,
    caps: {
      unitGrid: int(env, 'ZHIZHI_CAP_UNIT_GRID', 50, 1, 10_000, problems),
      microGrid: int(env, 'ZHIZHI_CAP_MICRO_GRID', 15, 1, 10_000, problems),
    },
    demoHistory: int(env, 'ZHIZHI_DEMO_HISTORY', 2_000, 0, 50_000, problems),
    demoSeed: int(env, 'ZHIZHI_DEMO_SEED', 2026, 0, 2_147_483_647, problems),
    ledgerSigningKey,
    ledgerWitnessUrl,
    trustedProxies: proxies(env, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A 32-byte key from 64 hex digits or base64; undefined if it is neither. */
export function decodeKey(raw: string): Buffer | undefined {
  const buf = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  return buf.length === 32 ? buf : undefined;
}
