/**
 * The platform's migrations: its part of 0001 (the first schema) and the later ones, listed in the
 * one ordered history in src/server/migrations.ts.
 */
import type { Migration } from 'kysely';
import type { ColumnTypes, Db } from './kit.ts';

/** 0001 (the first schema), the platform part: idempotency, personal_data_access. */
export async function platformInitial(db: Db, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('idempotency')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_pk', ['scope', 'key'])
    .execute();
  await db.schema
    .createTable('personal_data_access')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
}

/** Idempotency-Key (issue 7 #22): the fingerprint of the request a key was first used for. */
export function idempotencyFingerprint(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('idempotency').addColumn('fingerprint', 'text').execute();
    },
  };
}

/** 0015: the reason of every full view of personal data (issue 8 #6, `vault.reveal`); older rows have none. */
export function revealReason(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('personal_data_access').addColumn('reason', 'text').execute();
    },
  };
}
