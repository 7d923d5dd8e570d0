/**
 * The personal-data vault (个人信息保险箱, SPEC §2, PIPL): the one way personal data goes in and
 * out of the database. `seal` encrypts, `mask` shows the masked form, `index` gives the blind index
 * for exact search, and `reveal` — the only full view given to a person — decrypts one stored
 * field and writes the `personal_data_access` row (who, whose, which field, why, when).
 */
import type { Clock } from '../clock.ts';
import type { Queryable as AnyQueryable } from '../db/database.ts';
import type { PlatformTables } from '../db/schema.ts';

type Queryable = AnyQueryable<PlatformTables>;

import { notFound } from '../errors.ts';
import { uuidv7 } from '../ids.ts';
import { idNumberBlindIndex, phoneBlindIndex } from './blind-index.ts';
import type { PersonalDataCipher } from './cipher.ts';
import { readField } from './field-sql.ts';
import { VAULT_FIELDS, type VaultFieldName } from './fields.ts';
import { maskIdNumber, maskPhone } from './masking.ts';

/** What kind of value a masked or indexed value is. */
export type PersonalKind = 'phone' | 'id_number';

/** Why a person sees a full value: a code, written to the access log. */
export type RevealReason = 'contact_resident' | 'contact_reporter' | 'account_admin' | (string & {});

export interface Vault {
  /** The stored (encrypted) form of a value; null stays null. */
  seal(plain: string): string;
  seal(plain: string | null | undefined): string | null;
  /** The masked form of a stored value (138****5678), or null when none is stored. */
  mask(kind: PersonalKind, stored: string | null): string | null;
  /** The blind index of a value for exact search. */
  index(kind: PersonalKind, plain: string): string;
  /**
   * The full value of `field` on row `id`, logged as seen by `actor` for `reason`; null (and
   * nothing logged) when the row has none. 404 when the row does not exist.
   */
  reveal(
    field: { name: VaultFieldName; id: string },
    actor: { userId: string },
    reason: RevealReason,
    q?: Queryable,
  ): Promise<string | null>;
  /**
   * The clear value for the server's own use — a rule check or a conversion, never shown to a
   * person (what a person sees goes through `mask` or `reveal`).
   */
  unseal(stored: string): string;
  readonly cipher: PersonalDataCipher;
}

/** A vault over the database, the cipher (its keyring) and the clock the log is stamped with. */
export function createVault(deps: { db: Queryable; cipher: PersonalDataCipher; clock: Clock }): Vault {
  const { cipher } = deps;
  const maskOf = { phone: maskPhone, id_number: maskIdNumber } as const;
  const indexOf = { phone: phoneBlindIndex, id_number: idNumberBlindIndex } as const;
  function seal(plain: string): string;
  function seal(plain: string | null | undefined): string | null;
  function seal(plain: string | null | undefined): string | null {
    return plain ? cipher.encrypt(plain) : null;
  }
  return {
    cipher,
    seal,
    mask: (kind, stored) => (stored === null ? null : maskOf[kind](cipher.decrypt(stored))),
    index: (kind, plain) => indexOf[kind](cipher, plain),
    unseal: (stored) => cipher.decrypt(stored),
    async reveal(field, actor, reason, q = deps.db) {
      const spec = VAULT_FIELDS[field.name];
      const row = await readField(q, spec, field.id);
      if (!row) throw notFound(spec.missing);
      if (row.value === null) return null;
      const plain = cipher.decrypt(row.value);
      await q
        .insertInto('personal_data_access')
        .values({
          id: uuidv7(),
          user_id: actor.userId,
          subject: spec.subject(field.id),
          field: spec.logField,
          reason,
          at: deps.clock.now().toISOString(),
        })
        .execute();
      return plain;
    },
  };
}
