/**
 * The data half of migration 0007_phone_blind_index (issue 7 #4). Before it, a self-registered
 * resident's username was their phone, in clear. Converting needs the personal-data key, which the
 * database never holds, so it runs at start-up once the key is loaded (`zhizhi serve`, `migrate`, …):
 * every user without a blind index whose username is a phone or who has an encrypted phone gets
 * the phone encrypted, its blind index, and — when the username was the phone — a
 * non-identifying username. Idempotent: converted rows are not looked at again.
 */

import type { DatabaseHandle } from '../../database.ts';
import { systemClock } from '../../platform/clock.ts';
import { isUniqueViolation } from '../../platform/db/sql.ts';
import type { PersonalDataCipher } from '../../platform/vault/cipher.ts';
import { isPhoneNumber } from '../../platform/vault/masking.ts';
import { createVault } from '../../platform/vault/vault.ts';
import { residentUsername } from './account-rules.ts';

/** Converts the rows; returns how many changed. */
export async function convertPhoneUsernames(
  handle: DatabaseHandle,
  cipher: PersonalDataCipher,
): Promise<number> {
  const { db } = handle;
  const vault = createVault({ db, cipher, clock: systemClock });
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'phone_enc'])
    .where('phone_bidx', 'is', null)
    .execute();
  let changed = 0;
  for (const row of rows) {
    const usernameIsPhone = isPhoneNumber(row.username);
    const phone =
      row.phone_enc !== null ? vault.unseal(row.phone_enc) : usernameIsPhone ? row.username : null;
    if (phone === null) continue;
    const update = {
      phone_enc: row.phone_enc ?? vault.seal(phone),
      ...(usernameIsPhone ? { username: residentUsername(row.id) } : {}),
    };
    try {
      await db
        .updateTable('app_user')
        .set({ ...update, phone_bidx: vault.index('phone', phone) })
        .where('id', '=', row.id)
        .execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Two accounts share the phone: the phone still leaves the username; the first keeps sign-in by phone.
      await db.updateTable('app_user').set(update).where('id', '=', row.id).execute();
    }
    changed++;
  }
  // The old row images must not linger in the WAL (secure_delete zeroes them in the main file).
  if (changed > 0 && handle.sqlite) handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return changed;
}
