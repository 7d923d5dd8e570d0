/**
 * The personal-data keyring (密钥环): the current key that encrypts, older keys kept only for
 * reading while a rotation runs, and the blind-index key. Every key has a key id (a fingerprint of
 * the key), written into each ciphertext so a rotation knows what is still under an old key.
 *
 * Where the keys live:
 * - `ZHIZHI_SECRET_KEY` (current), `ZHIZHI_PREVIOUS_SECRET_KEYS` (comma-separated, reading only) and
 *   `ZHIZHI_BLIND_INDEX_KEY` — required on PostgreSQL, where every node must share them;
 * - else `<dataDir>/secret.key` (mode 0600), created on first use: either one key (the format of
 *   every install before key rotation) or lines `current <key>`, `previous <key>`, `index <key>`.
 *
 * The blind-index key is derived (HKDF) from the first key an install had, and kept as its own
 * value once that key is rotated away, so rotating never changes a blind index.
 */
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeKey } from '../config.ts';

export interface Keyring {
  /** The key that encrypts, with its id. */
  current: { id: string; key: Buffer };
  /** Every key that decrypts (the current one included), by id. */
  keys: Map<string, Buffer>;
  /** The HMAC key of the blind index. */
  indexKey: Buffer;
}

/** Where a keyring came from: the environment (read only) or the key file (rotate-key rewrites it). */
export type KeySource = { kind: 'env' } | { kind: 'file'; file: string };

/** The id of a key: 8 hex digits of a SHA-256 fingerprint — names the key without revealing it. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('zhizhi key id v1\0').update(key).digest('hex').slice(0, 8);
}

/** The blind-index key derived from a data key (the derivation every install has used). */
export function deriveIndexKey(key: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'zhizhi blind index v1', 32));
}

/** A keyring from its current key, older keys for reading, and the index key (derived if absent). */
export function makeKeyring(current: Buffer, previous: readonly Buffer[] = [], indexKey?: Buffer): Keyring {
  for (const k of [current, ...previous, ...(indexKey ? [indexKey] : [])]) {
    if (k.length !== 32) throw new Error('personal-data keys must be 32 bytes');
  }
  const keys = new Map<string, Buffer>();
  for (const k of [current, ...previous]) keys.set(keyIdOf(k), k);
  return {
    current: { id: keyIdOf(current), key: current },
    keys,
    indexKey: indexKey ?? deriveIndexKey(current),
  };
}

/** The old keys of a ring: what a finished rotation no longer needs. */
export function previousKeys(ring: Keyring): Buffer[] {
  return [...ring.keys.entries()].filter(([id]) => id !== ring.current.id).map(([, k]) => k);
}

function decoded(raw: string, where: string): Buffer {
  const key = decodeKey(raw.trim());
  if (!key) throw new Error(`${where} does not hold a 32-byte key (64 hex digits or base64)`);
  return key;
}

/** Parses a key file: one bare key (before rotation), or `current` / `previous` / `index` lines. */
export function parseKeyFile(text: string, where: string): Keyring {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 1 && !lines[0]?.includes(' ')) return makeKeyring(decoded(lines[0] ?? '', where));
  let current: Buffer | undefined;
  let index: Buffer | undefined;
  const previous: Buffer[] = [];
  for (const line of lines) {
    const [word, value = ''] = line.split(/\s+/, 2);
    if (word === 'current' && current === undefined) current = decoded(value, where);
    else if (word === 'previous') previous.push(decoded(value, where));
    else if (word === 'index' && index === undefined) index = decoded(value, where);
    else throw new Error(`${where}: unexpected line "${word} …"`);
  }
  if (!current) throw new Error(`${where} has no current key`);
  return makeKeyring(current, previous, index);
}

/** The key file's text for a ring; the index key is always written, so old keys can go. */
export function formatKeyFile(ring: Keyring): string {
  return [
    '# Zhizhi personal-data keyring (zhizhi rotate-key). Keep it secret, mode 0600, and backed up:',
    '# without it no phone number in the database can be read.',
    `current ${ring.current.key.toString('hex')}`,
    ...previousKeys(ring).map((k) => `previous ${k.toString('hex')}`),
    `index ${ring.indexKey.toString('hex')}`,
    '',
  ].join('\n');
}

/** Replaces the key file in one step (write aside, then rename), mode 0600. */
export function writeKeyFile(file: string, ring: Keyring): void {
  const aside = `${file}.new`;
  fs.writeFileSync(aside, formatKeyFile(ring), { mode: 0o600 });
  fs.renameSync(aside, file);
}

export interface KeyConfig {
  secretKey: string | undefined;
  previousSecretKeys?: readonly string[];
  blindIndexKey?: string | undefined;
  dataDir: string;
}

/**
 * The keyring from the configuration: the environment's keys when ZHIZHI_SECRET_KEY is set, else
 * `<dataDir>/secret.key`, created with a fresh key on first use (a single-node SQLite install).
 */
export function loadKeyring(config: KeyConfig): { ring: Keyring; source: KeySource } {
  if (config.secretKey) {
    const ring = makeKeyring(
      decoded(config.secretKey, 'ZHIZHI_SECRET_KEY'),
      (config.previousSecretKeys ?? []).map((k) => decoded(k, 'ZHIZHI_PREVIOUS_SECRET_KEYS')),
      config.blindIndexKey ? decoded(config.blindIndexKey, 'ZHIZHI_BLIND_INDEX_KEY') : undefined,
    );
    return { ring, source: { kind: 'env' } };
  }
  const file = path.join(config.dataDir, 'secret.key');
  if (fs.existsSync(file))
    return { ring: parseKeyFile(fs.readFileSync(file, 'utf8'), file), source: { kind: 'file', file } };
  fs.mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 });
  return { ring: makeKeyring(key), source: { kind: 'file', file } };
}
