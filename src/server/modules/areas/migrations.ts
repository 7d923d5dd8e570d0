/**
 * The areas module's migrations: its part of 0001 (the first schema) and the later ones, listed
 * in the one ordered history in src/server/migrations.ts (a migration is frozen history).
 */
import type { ColumnTypes, Db } from '../../platform/db/migrations/kit.ts';

/** 0001 (the first schema), the areas part: area, household. */
export async function areasInitial(db: Db, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('area')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_id', 'text', (c) => c.references('area.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_mn', 'text')
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('polygon', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('area_parent').on('area').column('parent_id').execute();
  await db.schema.createIndex('area_path').on('area').column('path').execute();
  await db.schema
    .createTable('household')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('grid_id', 'text', (c) => c.notNull().references('area.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lng', t.real, (c) => c.notNull())
    .addColumn('lat', t.real, (c) => c.notNull())
    .addColumn('members', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('household_grid').on('household').column('grid_id').execute();
}
