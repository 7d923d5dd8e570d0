/**
 * Row types of the platform's own tables, as Kysely sees them: idempotency keys and the log of full
 * views of personal data (the vault). Each module declares its tables in its own `schema.ts`;
 * `src/server/database.ts` puts them together. Timestamps are ISO-8601 UTC strings on both dialects
 * (PostgreSQL `timestamptz` is parsed back to ISO), booleans are 0/1, JSON is canonical text.
 */
export interface IdempotencyTable {
  scope: string;
  key: string;
  status_code: number;
  body: string;
  /** sha-256 of the request (method, route, body); null on rows stored before it was kept. */
  fingerprint: string | null;
  created_at: string;
}

export interface PersonalDataAccessTable {
  id: string;
  user_id: string;
  subject: string;
  field: string;
  /** Why it was seen (a `RevealReason` code of platform/vault); null on rows before migration 0015. */
  reason: string | null;
  at: string;
}

/** The tables the platform module owns; only platform code queries them. */
export interface PlatformTables {
  idempotency: IdempotencyTable;
  personal_data_access: PersonalDataAccessTable;
}
