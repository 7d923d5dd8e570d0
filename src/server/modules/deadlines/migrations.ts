/**
 * The deadlines module's migrations: its part of 0001 (the first schema) and the later ones, listed
 * in the one ordered history in src/server/migrations.ts (a migration is frozen history).
 */
import type { ColumnTypes, Db } from '../../platform/db/migrations/kit.ts';

/** 0001 (the first schema), the deadlines part: deadline_rule, calendar_day. */
export async function deadlinesInitial(db: Db, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('deadline_rule')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('level', 'integer')
    .addColumn('case_type', 'text')
    .addColumn('amount', t.real, (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('calendar_day')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
}
