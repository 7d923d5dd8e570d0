/**
 * The photos module's migrations, listed in the one ordered history in src/server/migrations.ts
 * (a migration is frozen history).
 */
import type { Migration } from 'kysely';
import type { Dialect } from '../../platform/db/dialect.ts';
import { type Db, types } from '../../platform/db/migrations/kit.ts';

/** 0003: case photos (现场照片); the bytes are files under <dataDir>/photos, the rows say whose. */
export function photos(dialect: Dialect): Migration {
  const t = types(dialect);
  return {
    async up(db: Db) {
      await db.schema
        .createTable('case_photo')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id'))
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull().references('app_user.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('case_photo_case').on('case_photo').column('case_id').execute();
    },
  };
}

/** Photo kinds (issue 7 #11): the reporter's scene photos, the handler's before/after photos. */
export function photoKinds(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .alterTable('case_photo')
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('report'))
        .execute();
    },
  };
}
