/**
 * Every encrypted column, named once: `reveal` reads and logs through it, and `zhizhi rotate-key`
 * re-encrypts exactly these. A module that adds an encrypted column adds it here.
 */
import type { NotFoundKey } from '../errors.ts';

export interface VaultField {
  table: string;
  /** The primary key column. */
  key: string;
  /** The encrypted column. */
  column: string;
  /** The subject written in `personal_data_access` for the row `id`. */
  subject(id: string): string;
  /** The field written in `personal_data_access`. */
  logField: string;
  /** The 404 when the row does not exist. */
  missing: NotFoundKey;
}

export const VAULT_FIELDS = {
  /** A person's phone (app_user.phone_enc); the log names the user id, as it always has. */
  'user.phone': {
    table: 'app_user',
    key: 'id',
    column: 'phone_enc',
    subject: (id) => id,
    logField: 'phone',
    missing: 'not_found.user',
  },
  /** A reporter's contact phone on a case. */
  'case.contact_phone': {
    table: 'case_file',
    key: 'id',
    column: 'contact_phone_enc',
    subject: (id) => `case:${id}`,
    logField: 'contact_phone',
    missing: 'not_found.case',
  },
  /** The contact (JSON: name, e-mail, phone) an Open311 client sent with a request. */
  'open311.contact': {
    table: 'open311_request',
    key: 'case_id',
    column: 'contact_enc',
    subject: (id) => `case:${id}`,
    logField: 'open311_contact',
    missing: 'not_found.case',
  },
} as const satisfies Record<string, VaultField>;

export type VaultFieldName = keyof typeof VAULT_FIELDS;
