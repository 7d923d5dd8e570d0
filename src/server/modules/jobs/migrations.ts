/**
 * The jobs module's migrations: its part of 0001 (the first schema) and the later ones, listed
 * in the one ordered history in src/server/migrations.ts (a migration is frozen history).
 */
import type { ColumnTypes, Db } from '../../platform/db/migrations/kit.ts';

/** 0001 (the first schema), the jobs part: job. */
export async function jobsInitial(db: Db, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('run_at', t.timestamp, (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', t.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('job_due').on('job').columns(['status', 'run_at']).execute();
}
