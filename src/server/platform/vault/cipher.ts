/**
 * AES-256-GCM over a keyring. Stored form: `v2.<key id>.<iv>.<tag>.<ciphertext>` (base64url), the
 * `v2.<key id>` prefix authenticated as associated data. Values written before key ids existed,
 * `v1.<iv>.<tag>.<ciphertext>`, still decrypt: each key of the ring is tried (GCM's tag tells).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { type Keyring, makeKeyring } from './keyring.ts';

export interface PersonalDataCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /**
   * The blind index (盲索引) of a value: HMAC-SHA256 under the ring's index key, hex. Equal values
   * give equal indexes; without the key it reveals nothing.
   */
  blindIndex(plain: string): string;
  /** The id of the key that encrypts now. */
  readonly currentKeyId: string;
  /** The key id written in a stored value; undefined for the old `v1` form, which names none. */
  keyIdOf(stored: string): string | undefined;
}

const b64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64url');

function open(key: Buffer, iv: string, tag: string, body: string, aad?: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, b64(iv));
  if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(b64(tag));
  return Buffer.concat([decipher.update(b64(body)), decipher.final()]).toString('utf8');
}

/** A cipher over a keyring, or over one 32-byte key (a ring of one). */
export function createCipher(keys: Buffer | Keyring): PersonalDataCipher {
  const ring = Buffer.isBuffer(keys) ? makeKeyring(keys) : keys;
  const { id: currentId, key: currentKey } = ring.current;
  // v1 values name no key: the current key first (the usual case), then the others.
  const v1Order = [currentKey, ...[...ring.keys.values()].filter((k) => k !== currentKey)];
  return {
    currentKeyId: currentId,
    blindIndex(plain) {
      return createHmac('sha256', ring.indexKey).update(plain, 'utf8').digest('hex');
    },
    encrypt(plain) {
      const iv = randomBytes(12);
      const aad = `v2.${currentId}`;
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [aad, iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    decrypt(stored) {
      const parts = stored.split('.');
      if (parts[0] === 'v2' && parts.length === 5) {
        const [, id = '', iv = '', tag = '', body = ''] = parts;
        const key = ring.keys.get(id);
        if (!key) throw new Error(`personal data under key ${id}, which is not in the keyring`);
        return open(key, iv, tag, body, `v2.${id}`);
      }
      if (parts[0] === 'v1' && parts.length === 4) {
        const [, iv = '', tag = '', body = ''] = parts;
        for (const key of v1Order) {
          try {
            return open(key, iv, tag, body);
          } catch {
            // Not this key: try the next one.
          }
        }
        throw new Error('no key of the keyring decrypts this value');
      }
      throw new Error('not an encrypted value');
    },
    keyIdOf(stored) {
      const [version, id] = stored.split('.');
      return version === 'v2' ? id : undefined;
    },
  };
}
