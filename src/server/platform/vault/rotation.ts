/**
 * Re-encryption under the current key (`zhizhi rotate-key`): every column of `VAULT_FIELDS`, in
 * batches of one transaction each, in key order. Resumable by construction: a run looks only at
 * values not yet under the current key, so an interrupted run is simply started again. A value
 * changed meanwhile by the application is left alone (the new write is already under a ring key).
 * Blind indexes are not touched: their key does not change with the data key.
 */
import type { Db as AnyDb, AnyTables } from '../db/database.ts';

type Db = AnyDb<AnyTables>;

import type { PersonalDataCipher } from './cipher.ts';
import { countNotUnder, replaceField, rowsNotUnder } from './field-sql.ts';
import { VAULT_FIELDS, type VaultFieldName } from './fields.ts';

export interface RotationOptions {
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /** Called after each committed batch (progress output; a throw stops the run). */
  onBatch?(field: VaultFieldName, rows: number): void;
}

const FIELD_NAMES = Object.keys(VAULT_FIELDS) as VaultFieldName[];

/** Re-encrypts every stored value that is not under the cipher's current key; returns how many. */
export async function reencryptAll(
  db: Db,
  cipher: PersonalDataCipher,
  options: RotationOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let total = 0;
  for (const name of FIELD_NAMES) {
    const field = VAULT_FIELDS[name];
    let after = '';
    for (;;) {
      const rows = await rowsNotUnder(db, field, cipher.currentKeyId, after, batchSize);
      if (rows.length === 0) break;
      await db.transaction().execute(async (tx) => {
        for (const row of rows) {
          await replaceField(tx, field, row.id, row.value, cipher.encrypt(cipher.decrypt(row.value)));
        }
      });
      after = rows[rows.length - 1]?.id ?? after;
      total += rows.length;
      options.onBatch?.(name, rows.length);
    }
  }
  return total;
}

/** How many stored values are not under the current key (0 once a rotation is complete). */
export async function valuesNotUnderCurrentKey(db: Db, cipher: PersonalDataCipher): Promise<number> {
  let n = 0;
  for (const name of FIELD_NAMES) n += await countNotUnder(db, VAULT_FIELDS[name], cipher.currentKeyId);
  return n;
}
