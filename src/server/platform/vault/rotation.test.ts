import { createCipheriv, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsersService } from '../../modules/people/users.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { insertAreaTree, TWO_TOWN_TREE } from '../../testing/fixtures.ts';
import { ManualClock } from '../clock.ts';
import { createCipher } from './cipher.ts';
import { keyIdOf, makeKeyring } from './keyring.ts';
import { reencryptAll, valuesNotUnderCurrentKey } from './rotation.ts';

const clock = new ManualClock('2026-11-23T01:30:00.000Z');
const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const before = createCipher(oldKey);
// The rotated ring: the new key encrypts, the old one still reads, the blind index stays.
const during = createCipher(makeKeyring(newKey, [oldKey], makeKeyring(oldKey).indexKey));
const after = createCipher(makeKeyring(newKey, [], makeKeyring(oldKey).indexKey));
const PHONES = ['13800000001', '13800000002', '13800000003', '13800000004', '13800000005'];

/** A phone as stored before key ids existed (`v1.`), under `key`. */
function legacy(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv, c.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

let database: TestDatabase;
const stored = async () =>
  database.db.selectFrom('app_user').select(['id', 'username', 'phone_enc']).orderBy('id').execute();

beforeAll(async () => {
  database = await createTestDatabase();
  const areas = await insertAreaTree(database.db, TWO_TOWN_TREE, {
    codePrefix: 'r_',
    at: clock.now().toISOString(),
  });
  const users = createUsersService(database.db, { clock, cipher: before });
  for (const [i, phone] of PHONES.entries()) {
    await users.registerResident({
      phone,
      password: `a long password ${i} x`,
      displayName: `居民${i}`,
      gridId: areas.grid?.id ?? '',
    });
  }
  // One phone still in the format written before key ids.
  const first = (await stored())[0];
  await database.db
    .updateTable('app_user')
    .set({ phone_enc: legacy(oldKey, PHONES[0] ?? '') })
    .where('id', '=', first?.id ?? '')
    .execute();
});
afterAll(() => database.dispose());

describe('key rotation (zhizhi rotate-key)', () => {
  it('re-encrypts in batches, resumes after an interruption, and phones stay readable and searchable', async () => {
    const old = await stored();
    expect(await valuesNotUnderCurrentKey(database.db, during)).toBe(PHONES.length);

    // Interrupted after the first batch of 2: those are done, the rest still under the old key.
    await expect(
      reencryptAll(database.db, during, {
        batchSize: 2,
        onBatch: () => {
          throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(await valuesNotUnderCurrentKey(database.db, during)).toBe(PHONES.length - 2);

    const batches: number[] = [];
    expect(
      await reencryptAll(database.db, during, { batchSize: 2, onBatch: (_f, n) => batches.push(n) }),
    ).toBe(3);
    expect(batches).toEqual([2, 1]);
    expect(await valuesNotUnderCurrentKey(database.db, during)).toBe(0);
    expect(await reencryptAll(database.db, during)).toBe(0);

    const now = await stored();
    for (const [i, row] of now.entries()) {
      expect(row.phone_enc).not.toBe(old[i]?.phone_enc);
      expect(after.keyIdOf(row.phone_enc ?? '')).toBe(keyIdOf(newKey));
      // Readable with the new key alone: the old one can go.
      expect(PHONES).toContain(after.decrypt(row.phone_enc ?? ''));
    }
    const users = createUsersService(database.db, { clock, cipher: after });
    for (const phone of PHONES) {
      const found = await users.listUsers({ q: phone, limit: 5, offset: 0 });
      expect(found.items).toHaveLength(1);
      expect(found.items[0]?.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    }
  });
});
