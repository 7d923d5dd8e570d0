/**
 * Personal data at rest (SPEC §2, PIPL): ID and phone numbers are encrypted with AES-256-GCM and
 * masked in every response unless a role that needs them asks, and that full view is logged.
 * Exact-match look-ups (sign-in by phone, staff search by phone) go through a blind index: a keyed
 * hash (HMAC-SHA256) under a key derived from the personal-data key, never stored in the database.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeKey } from './config.ts';

export interface PersonalDataCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /**
   * The blind index (盲索引) of a value: HMAC-SHA256 under a key derived (HKDF) from the
   * personal-data key, hex. Equal values give equal indexes; without the key it reveals nothing.
   */
  blindIndex(plain: string): string;
}

/** A cipher over a 32-byte key. Stored form: `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function createCipher(key: Buffer): PersonalDataCipher {
  if (key.length !== 32) throw new Error('personal-data key must be 32 bytes');
  const indexKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'zhizhi blind index v1', 32));
  return {
    blindIndex(plain) {
      return createHmac('sha256', indexKey).update(plain, 'utf8').digest('hex');
    },
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    decrypt(stored) {
      const [version, iv, tag, body] = stored.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not an encrypted value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

/**
 * The key from ZHIZHI_SECRET_KEY, else from `<dataDir>/secret.key`, created (mode 0600) on first
 * use for a single-node SQLite install.
 */
export function loadOrCreateKey(secretKey: string | undefined, dataDir: string): Buffer {
  if (secretKey) {
    const key = decodeKey(secretKey);
    if (!key) throw new Error('ZHIZHI_SECRET_KEY must be 32 bytes as 64 hex digits or base64');
    return key;
  }
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) {
    const key = decodeKey(fs.readFileSync(file, 'utf8').trim());
    if (!key) throw new Error(`${file} does not hold a 32-byte key`);
    return key;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  fs.writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 });
  return key;
}

/** 13812345678 → 138****5678; shorter numbers keep only their last 2 digits. */
export function maskPhone(phone: string): string {
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, phone.length - 2))}${phone.slice(-2)}`;
}

/** Mainland phone numbers: 11 digits starting 1, or a landline with area code. */
export function isPhoneNumber(value: string): boolean {
  return /^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(value);
}

/** The blind index of a phone number, spaces and hyphens ignored (0477-1234567 = 04771234567). */
export function phoneBlindIndex(cipher: PersonalDataCipher, phone: string): string {
  return cipher.blindIndex(`phone:${phone.replace(/[\s-]/g, '')}`);
}
