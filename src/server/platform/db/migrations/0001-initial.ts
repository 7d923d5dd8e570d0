/** Migration 0001: the first schema, every table of the first release. */
import type { Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { type Db, types } from './common.ts';

export function initial(dialect: Dialect): Migration {
  const t = types(dialect);
  return {
    async up(db: Db) {
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

      await db.schema
        .createTable('department')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name_zh', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();

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
      await db.schema
        .createIndex('assignment_area_role')
        .on('assignment')
        .columns(['area_id', 'role'])
        .execute();

      await db.schema
        .createTable('auth_session')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('expires_at', t.timestamp, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('case_type')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name_zh', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('default_difficulty', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

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

      await db.schema
        .createTable('routing_rule')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_type', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text', (c) => c.notNull().references('department.id'))
        .addColumn('area_id', 'text', (c) => c.references('area.id'))
        .execute();

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
        .createTable('case_event')
        .addColumn('seq', t.bigint, (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('case_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor_role', 'text')
        .addColumn('at', t.timestamp, (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('case_event_case').on('case_event').columns(['case_id', 'seq']).execute();

      await db.schema
        .createTable('ledger_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', t.bigint, (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('ledger_checkpoint')
        .addColumn('upto_seq', t.bigint, (c) => c.primaryKey())
        .addColumn('from_seq', t.bigint, (c) => c.notNull())
        .addColumn('merkle_root', 'text', (c) => c.notNull())
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();

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
    },
  };
}
