/**
 * `zhizhi rotate-key [--finish] [--batch-size N]` (issue 8 #6): a new personal-data key becomes
 * current and every encrypted column is re-encrypted under it, in batches; the old key is kept for
 * reading until `--finish`, which checks nothing is left under it and drops it. Blind indexes are
 * not recomputed: their key is kept as it was (keyring.ts).
 *
 * - Key file (`<dataDir>/secret.key`, one SQLite node): the command writes the new key itself; run
 *   again after an interruption, it resumes. Restart the server before `--finish`, so the running
 *   process also has the new key.
 * - Environment (PostgreSQL, several nodes): keys cannot be written from here. The first run prints
 *   a new key and the variables to set on every node; after the restart, the second run re-encrypts.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../database.ts';
import { createCipher } from '../platform/vault/cipher.ts';
import {
  type Keyring,
  type KeySource,
  makeKeyring,
  previousKeys,
  writeKeyFile,
} from '../platform/vault/keyring.ts';
import { reencryptAll, valuesNotUnderCurrentKey } from '../platform/vault/rotation.ts';

export const ROTATE_KEY_USAGE = 'usage: zhizhi rotate-key [--finish] [--batch-size N]';

export interface RotateKeyOptions {
  finish: boolean;
  batchSize: number;
  log(line: string): void;
}

/** Runs one step of a rotation; returns the exit code. */
export async function rotateKey(
  db: Db,
  keys: { ring: Keyring; source: KeySource },
  options: RotateKeyOptions,
): Promise<number> {
  const { log } = options;
  let ring = keys.ring;
  const rotating = previousKeys(ring).length > 0;
  if (!rotating && !options.finish) {
    const next = randomBytes(32);
    if (keys.source.kind === 'env') {
      log(envInstructions(ring, next));
      return 2;
    }
    ring = makeKeyring(next, [ring.current.key], ring.indexKey);
    writeKeyFile(keys.source.file, ring);
    log(`key ${ring.current.id} is now current in ${keys.source.file}; the old key is kept for reading`);
  } else if (rotating && !options.finish) {
    log(`resuming the rotation to key ${ring.current.id}`);
  }
  const cipher = createCipher(ring);
  const done = await reencryptAll(db, cipher, {
    batchSize: options.batchSize,
    onBatch: (field, n) => log(`  ${field}: ${n} value(s) re-encrypted`),
  });
  const left = await valuesNotUnderCurrentKey(db, cipher);
  if (left > 0) {
    log(`${left} value(s) could not be re-encrypted (changed meanwhile); run the command again`);
    return 1;
  }
  log(`${done} value(s) re-encrypted; every encrypted value is under key ${ring.current.id}`);
  if (!options.finish) {
    log(
      rotating || keys.source.kind === 'file'
        ? 'restart the server so it encrypts with the new key, then run `zhizhi rotate-key --finish` to drop the old key'
        : '',
    );
    return 0;
  }
  if (keys.source.kind === 'file') {
    writeKeyFile(keys.source.file, makeKeyring(ring.current.key, [], ring.indexKey));
    log(`the rotation is finished: old keys removed from ${keys.source.file}`);
  } else {
    log('the rotation is finished: remove ZHIZHI_PREVIOUS_SECRET_KEYS from every node and restart them');
  }
  return 0;
}

/** What to set on every node to start a rotation with keys in the environment. */
function envInstructions(ring: Keyring, next: Buffer): string {
  return [
    'The keys come from the environment, so this command cannot change them. On every node set:',
    `  ZHIZHI_SECRET_KEY=${next.toString('hex')}`,
    `  ZHIZHI_PREVIOUS_SECRET_KEYS=${ring.current.key.toString('hex')}`,
    `  ZHIZHI_BLIND_INDEX_KEY=${ring.indexKey.toString('hex')}`,
    'restart them, then run `zhizhi rotate-key` again to re-encrypt, and `zhizhi rotate-key --finish`.',
  ].join('\n');
}
