import { createCipheriv, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { appErrorOf, insertUser } from '../../testing/fixtures.ts';
import { ManualClock } from '../clock.ts';
import { uuidv7 } from '../ids.ts';
import { createCipher } from './cipher.ts';
import { deriveIndexKey, formatKeyFile, keyIdOf, makeKeyring, parseKeyFile } from './keyring.ts';
import { createVault } from './vault.ts';

/** A value as every install wrote it before key ids: `v1.<iv>.<tag>.<ciphertext>`, no associated data. */
function legacyEncrypt(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

const oldKey = randomBytes(32);
const newKey = randomBytes(32);

describe('the cipher', () => {
  it('writes the key id into the ciphertext and reads it back', () => {
    const cipher = createCipher(oldKey);
    const stored = cipher.encrypt('13812345678');
    expect(stored.startsWith(`v2.${keyIdOf(oldKey)}.`)).toBe(true);
    expect(cipher.keyIdOf(stored)).toBe(keyIdOf(oldKey));
    expect(cipher.decrypt(stored)).toBe('13812345678');
    expect(cipher.encrypt('13812345678')).not.toBe(stored);
  });

  it('still decrypts values written before key ids, under the current or an older key', () => {
    const before = legacyEncrypt(oldKey, '13812345678');
    expect(createCipher(oldKey).decrypt(before)).toBe('13812345678');
    const rotated = createCipher(makeKeyring(newKey, [oldKey], deriveIndexKey(oldKey)));
    expect(rotated.decrypt(before)).toBe('13812345678');
    expect(rotated.keyIdOf(before)).toBeUndefined();
    expect(() => createCipher(newKey).decrypt(before)).toThrow(/no key/);
  });

  it('refuses a value under a key the ring does not hold, and a value whose key id was changed', () => {
    const stored = createCipher(oldKey).encrypt('13812345678');
    expect(() => createCipher(newKey).decrypt(stored)).toThrow(/not in the keyring/);
    const ring = makeKeyring(newKey, [oldKey]);
    const relabelled = stored.replace(keyIdOf(oldKey), keyIdOf(newKey));
    expect(() => createCipher(ring).decrypt(relabelled)).toThrow();
  });

  it('keeps blind indexes across a rotation: the index key is kept from the first key', () => {
    const before = createCipher(oldKey).blindIndex('phone:13812345678');
    const after = createCipher(makeKeyring(newKey, [], deriveIndexKey(oldKey))).blindIndex(
      'phone:13812345678',
    );
    expect(after).toBe(before);
    expect(createCipher(newKey).blindIndex('phone:13812345678')).not.toBe(before);
  });
});

describe('the key file', () => {
  it('reads the one-key file every install has, and the rotation format back', () => {
    const single = parseKeyFile(`${oldKey.toString('hex')}\n`, 'secret.key');
    expect(single.current.id).toBe(keyIdOf(oldKey));
    expect(single.indexKey).toEqual(deriveIndexKey(oldKey));
    const ring = makeKeyring(newKey, [oldKey], deriveIndexKey(oldKey));
    const back = parseKeyFile(formatKeyFile(ring), 'secret.key');
    expect(back.current.id).toBe(keyIdOf(newKey));
    expect([...back.keys.keys()].sort()).toEqual([keyIdOf(newKey), keyIdOf(oldKey)].sort());
    expect(back.indexKey).toEqual(deriveIndexKey(oldKey));
    expect(() => parseKeyFile('current nonsense\n', 'secret.key')).toThrow(/32-byte/);
  });
});

describe('the vault', () => {
  let database: TestDatabase;
  const clock = new ManualClock('2026-11-23T01:30:00.000Z');
  const cipher = createCipher(oldKey);

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.dispose());

  it('masks and indexes by kind', () => {
    const vault = createVault({ db: database.db, cipher, clock });
    expect(vault.mask('phone', vault.seal('13812345678'))).toBe('138****5678');
    expect(vault.mask('id_number', vault.seal('15062619800101123X'))).toBe('1506**********123X');
    expect(vault.mask('phone', null)).toBeNull();
    expect(vault.seal(null)).toBeNull();
    expect(vault.index('phone', '0477-1234567')).toBe(vault.index('phone', '04771234567'));
    expect(vault.index('id_number', '15062619800101123x')).toBe(
      vault.index('id_number', '15062619800101123X'),
    );
    expect(vault.index('phone', '13812345678')).not.toBe(vault.index('id_number', '13812345678'));
  });

  it('reveals a stored field once logged with who, whose, which field and why', async () => {
    const { db } = database;
    const vault = createVault({ db, cipher, clock });
    const viewer = await insertUser(db, { username: 'viewer', passwordHash: 'x' });
    const subject = await insertUser(db, { username: 'subject', passwordHash: 'x' });
    await db
      .updateTable('app_user')
      .set({ phone_enc: vault.seal('13812345678') })
      .where('id', '=', subject)
      .execute();

    const phone = await vault.reveal(
      { name: 'user.phone', id: subject },
      { userId: viewer },
      'account_admin',
    );
    expect(phone).toBe('13812345678');
    const log = await db.selectFrom('personal_data_access').selectAll().execute();
    expect(log).toEqual([
      expect.objectContaining({
        user_id: viewer,
        subject,
        field: 'phone',
        reason: 'account_admin',
        at: clock.now().toISOString(),
      }),
    ]);

    // Nothing stored: nothing seen, nothing logged; no such row: 404.
    expect(
      await vault.reveal({ name: 'user.phone', id: viewer }, { userId: viewer }, 'account_admin'),
    ).toBeNull();
    expect(
      (await appErrorOf(vault.reveal({ name: 'user.phone', id: uuidv7() }, { userId: viewer }, 'x'))).status,
    ).toBe(404);
    expect(await db.selectFrom('personal_data_access').select('id').execute()).toHaveLength(1);
  });
});
