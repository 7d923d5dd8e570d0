/**
 * The cases module's migrations: its part of 0001 (the first schema) and the later ones, listed
 * in the one ordered history in src/server/migrations.ts (a migration is frozen history).
 */
import { type Migration, sql } from 'kysely';
import type { Dialect } from '../../platform/db/dialect.ts';
import { type ColumnTypes, type Db, types } from '../../platform/db/migrations/kit.ts';

/** 0001 (the first schema), the cases part: case_file, case_party, supervision_order, case_request, notification. */
export async function casesInitial(db: Db, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('case_file')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_no', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('case_type', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reporter_id', 'text')
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('contact_phone_enc', 'text')
    .addColumn('lng', t.real, (c) => c.notNull())
    .addColumn('lat', t.real, (c) => c.notNull())
    .addColumn('grid_id', 'text', (c) => c.notNull().references('area.id'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('handling_area_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('suspended_from', 'text')
    .addColumn('suspended_at', t.timestamp)
    .addColumn('difficulty', 'text')
    .addColumn('final_difficulty', 'text')
    .addColumn('dispatcher_id', 'text')
    .addColumn('assigned_due_at', t.timestamp)
    .addColumn('step', 'text')
    .addColumn('step_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('step_started_at', t.timestamp)
    .addColumn('step_due_at', t.timestamp)
    .addColumn('supervised', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('overdue', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rework_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_back_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('satisfaction', 'text')
    .addColumn('result', 'text')
    .addColumn('merged_into', 'text')
    .addColumn('resolved_level', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('closed_at', t.timestamp)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('case_grid').on('case_file').column('grid_id').execute();
  await db.schema.createIndex('case_status').on('case_file').column('status').execute();
  await db.schema.createIndex('case_reporter').on('case_file').column('reporter_id').execute();
  await db.schema.createIndex('case_created').on('case_file').column('created_at').execute();
  await db.schema
    .createTable('case_party')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id'))
    .addColumn('user_id', 'text')
    .addColumn('department_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_party_case').on('case_party').column('case_id').execute();
  await db.schema.createIndex('case_party_user').on('case_party').column('user_id').execute();
  await db.schema.createIndex('case_party_dept').on('case_party').column('department_id').execute();
  await db.schema
    .createTable('supervision_order')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id'))
    .addColumn('inspector_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('due_at', t.timestamp, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('closed_at', t.timestamp)
    .execute();
  await db.schema.createIndex('supervision_case').on('supervision_order').column('case_id').execute();
  await db.schema
    .createTable('case_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('amount', t.real)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_request_case').on('case_request').column('case_id').execute();
  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('read_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('notification_user')
    .on('notification')
    .columns(['user_id', 'created_at'])
    .execute();
}

/** Case numbers: a counter per day (Asia/Shanghai), so `20261125-00042` is unique and readable. */
export function caseCounter(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createTable('case_counter')
        .addColumn('day', 'text', (c) => c.primaryKey())
        .addColumn('n', 'integer', (c) => c.notNull())
        .execute();
    },
  };
}

/**
 * The assignment index (issue 7 #26): "my active assignments" read from the index alone, so the
 * grid worker's today list is driven by it rather than by a walk over every open case.
 */
export function casePartyAssignmentIndex(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .createIndex('case_party_assignment')
        .on('case_party')
        .columns(['user_id', 'active', 'case_id'])
        .execute();
      await db.schema
        .createIndex('case_party_dept_assignment')
        .on('case_party')
        .columns(['department_id', 'active', 'case_id'])
        .execute();
    },
  };
}

/**
 * 0005: each handler's part of a case — when it accepted, when it reported and what — so level-5
 * joint handling (联管联调) waits for every department's report.
 */
export function jointParts(dialect: Dialect): Migration {
  const t = types(dialect);
  return {
    async up(db: Db) {
      // One column per statement: SQLite's ALTER TABLE adds one at a time.
      await db.schema.alterTable('case_party').addColumn('accepted_at', t.timestamp).execute();
      await db.schema.alterTable('case_party').addColumn('reported_at', t.timestamp).execute();
      await db.schema.alterTable('case_party').addColumn('result', 'text').execute();
    },
  };
}

/**
 * 0005: notifications as a message code + params (src/shared/messages) instead of a finished
 * Chinese sentence, so each app shows them in its reader's language and times in local time.
 * Rows written before keep their sentence, shown as it is (`notice.text`).
 */
export function notificationMessageKey(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('notification').addColumn('message_key', 'text').execute();
      await db.schema.alterTable('notification').addColumn('message_params', 'text').execute();
      await sql`UPDATE notification SET message_key = 'notice.text'`.execute(db);
    },
  };
}
