/**
 * The open311 module's migrations, listed in the one ordered history in src/server/migrations.ts
 * (a migration is frozen history).
 */
import type { Migration } from 'kysely';
import type { Dialect } from '../../platform/db/dialect.ts';
import { type Db, types } from '../../platform/db/migrations/kit.ts';

/** Open311 GeoReport v2 (issue 4): service attributes, API keys, what each request carried. */
export function open311(dialect: Dialect): Migration {
  const t = types(dialect);
  return {
    async up(db: Db) {
      await db.schema
        .createTable('open311_attribute')
        .addColumn('case_type', 'text', (c) => c.notNull().references('case_type.code'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('datatype', 'text', (c) => c.notNull())
        .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('variable', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('datatype_description', 'text')
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('values_json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('open311_attribute_pk', ['case_type', 'code'])
        .execute();

      await db.schema
        .createTable('open311_key')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('key_prefix', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.references('app_user.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('revoked_at', t.timestamp)
        .execute();

      await db.schema
        .createTable('open311_request')
        .addColumn('case_id', 'text', (c) => c.primaryKey().references('case_file.id'))
        .addColumn('key_id', 'text', (c) => c.notNull().references('open311_key.id'))
        .addColumn('token', 'text', (c) => c.notNull().unique())
        .addColumn('service_code', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('address_string', 'text')
        .addColumn('address_id', 'text')
        .addColumn('media_url', 'text')
        .addColumn('attributes', 'text', (c) => c.notNull())
        .addColumn('contact_enc', 'text')
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('open311_request_created')
        .on('open311_request')
        .column('created_at')
        .execute();
    },
  };
}
