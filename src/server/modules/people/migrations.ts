/**
 * The people module's migrations: its part of 0001 (the first schema) and the later ones, listed
 * in the one ordered history in src/server/migrations.ts (a migration is frozen history).
 */
import type { Migration } from 'kysely';
import type { Dialect } from '../../platform/db/dialect.ts';
import { type ColumnTypes, type Db, types } from '../../platform/db/migrations/kit.ts';

/** 0001 (the first schema), the people part: app_user, assignment, auth_session. */
export async function peopleInitial(db: Db, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('assignment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('area_id', 'text', (c) => c.references('area.id'))
    .addColumn('department_id', 'text', (c) => c.references('department.id'))
    .addColumn('title', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assignment_user').on('assignment').column('user_id').execute();
  await db.schema.createIndex('assignment_area_role').on('assignment').columns(['area_id', 'role']).execute();
  await db.schema
    .createTable('auth_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .execute();
}

/**
 * 0007 (issue 7 #4): the blind index of a user's phone, so nobody's phone is the username any more.
 * Rows whose username is a phone are converted at start-up (people/phone-usernames.ts), because
 * that needs the personal-data key, which the database never holds.
 */
export function blindIndex(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('app_user').addColumn('phone_bidx', 'text').execute();
      await db.schema
        .createIndex('app_user_phone_bidx')
        .on('app_user')
        .column('phone_bidx')
        .unique()
        .execute();
    },
  };
}

/**
 * 0008 (issue 7 #5): failed sign-ins and sign-ups, per account (blind index) and per address, so the
 * throttle is shared by every node; rows older than the longest window are pruned.
 */
export function authThrottle(dialect: Dialect): Migration {
  const t = types(dialect);
  return {
    async up(db: Db) {
      await db.schema
        .createTable('auth_attempt')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('auth_attempt_key_at').on('auth_attempt').columns(['key', 'at']).execute();
      await db.schema.createIndex('auth_attempt_at').on('auth_attempt').column('at').execute();
    },
  };
}
