/**
 * One migration set for SQLite and PostgreSQL. A Kysely migration cannot see its dialect, so the
 * set is built by a factory that takes it (STACK.md).
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { entryLeafHash, TreeBuilder } from '../../modules/ledger/merkle.ts';
import type { Dialect } from './dialect.ts';

type Db = Kysely<unknown>;

/** Column types that differ between the dialects. */
function types(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return {
    timestamp: pg ? sql`timestamptz` : sql`text`,
    bigint: pg ? sql`bigint` : sql`integer`,
    real: pg ? sql`double precision` : sql`real`,
  } as const;
}

function initial(dialect: Dialect): Migration {
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

/** Open311 GeoReport v2 (issue 4): service attributes, API keys, what each request carried. */
function open311(dialect: Dialect): Migration {
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

/** 0003: case photos (现场照片); the bytes are files under <dataDir>/photos, the rows say whose. */
function photos(dialect: Dialect): Migration {
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

/** Case numbers: a counter per day (Asia/Shanghai), so `20261125-00042` is unique and readable. */
function caseCounter(): Migration {
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

/** Idempotency-Key (issue 7 #22): the fingerprint of the request a key was first used for. */
function idempotencyFingerprint(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('idempotency').addColumn('fingerprint', 'text').execute();
    },
  };
}

/**
 * The assignment index (issue 7 #26): "my active assignments" read from the index alone, so the
 * grid worker's today list is driven by it rather than by a walk over every open case.
 */
function casePartyAssignmentIndex(): Migration {
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
 * 0013 (issue 7 #9): checkpoints become signed RFC 9162 tree heads over the whole history. The old
 * `ledger_checkpoint` rows held a home-made Merkle root over one range each (no leaf/node prefixes,
 * the odd node paired with itself) that a database writer could recompute. Each becomes an
 * unsigned tree head whose RFC 9162 root is computed here from the stored entry hashes; the next
 * checkpoint the server writes is signed and covers the whole history.
 */
function signedCheckpoints(dialect: Dialect): Migration {
  const t = types(dialect);
  return {
    async up(db: Db) {
      await db.schema
        .createTable('ledger_signed_checkpoint')
        .addColumn('tree_size', t.bigint, (c) => c.primaryKey())
        .addColumn('root_hash', 'text', (c) => c.notNull())
        .addColumn('signed_at', t.timestamp, (c) => c.notNull())
        .addColumn('key_id', 'text')
        .addColumn('signature', 'text')
        .execute();
      const legacy = (
        await sql<{ upto_seq: number | string; created_at: string | Date }>`
          select upto_seq, created_at from ledger_checkpoint order by upto_seq`.execute(db)
      ).rows.map((r) => ({ size: Number(r.upto_seq), at: new Date(r.created_at).toISOString() }));
      const builder = new TreeBuilder();
      let next = 0;
      let after = 0;
      while (next < legacy.length) {
        const rows = (
          await sql<{ seq: number | string; hash: string }>`
            select seq, hash from case_event where seq > ${after} order by seq limit 5000`.execute(db)
        ).rows;
        for (const row of rows) {
          builder.add(entryLeafHash(row.hash));
          after = Number(row.seq);
          for (let cp = legacy[next]; cp && cp.size === after; cp = legacy[++next]) {
            await sql`insert into ledger_signed_checkpoint (tree_size, root_hash, signed_at)
              values (${cp.size}, ${builder.root()}, ${cp.at})`.execute(db);
          }
        }
        if (rows.length < 5000) break;
      }
      // A legacy checkpoint past the last entry (entries already gone) keeps a root nothing can match.
      for (const cp of legacy.slice(next)) {
        await sql`insert into ledger_signed_checkpoint (tree_size, root_hash, signed_at)
          values (${cp.size}, ${'0'.repeat(64)}, ${cp.at})`.execute(db);
      }
      await db.schema.dropTable('ledger_checkpoint').execute();
    },
  };
}

/**
 * 0007 (issue 7 #4): the blind index of a user's phone, so nobody's phone is the username any more.
 * Rows whose username is a phone are converted at start-up (people/phone-usernames.ts), because
 * that needs the personal-data key, which the database never holds.
 */
function blindIndex(): Migration {
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
function authThrottle(dialect: Dialect): Migration {
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

/**
 * The Mongolian names of the default case types as first shipped, frozen here (a migration must not
 * change with later edits of the seed) to fill installations made before the column existed.
 */
const DEFAULT_CASE_TYPE_NAMES_MN: Record<string, string> = {
  neighbour: 'ᠬᠥᠷᠰᠢ ᠶᠢᠨ ᠮᠠᠷᠭᠠᠭᠠᠨ',
  land_grassland: 'ᠭᠠᠵᠠᠷ ᠪᠡᠯᠴᠢᠭᠡᠷ ᠦᠨ ᠮᠠᠷᠭᠠᠭᠠᠨ',
  labour_wages: 'ᠬᠥᠳᠡᠯᠮᠥᠷᠢ ᠴᠠᠯᠢᠩ ᠤᠨ ᠮᠠᠷᠭᠠᠭᠠᠨ',
  marriage_family: 'ᠭᠡᠷᠯᠡᠯᠲᠡ ᠭᠡᠷ ᠪᠦᠯᠢ ᠶᠢᠨ ᠮᠠᠷᠭᠠᠭᠠᠨ',
  property: 'ᠣᠷᠣᠨ ᠰᠠᠭᠤᠴᠠ ᠶᠢᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡᠨ ᠦ ᠮᠠᠷᠭᠠᠭᠠᠨ',
  environment: 'ᠣᠷᠴᠢᠨ ᠲᠣᠭᠣᠷᠢᠨ ᠤ ᠪᠣᠬᠢᠷᠳᠠᠯ',
  public_security: 'ᠨᠡᠶᠢᠲᠡ ᠶᠢᠨ ᠠᠮᠤᠷ ᠲᠦᠪᠰᠢᠨ ᠦ ᠨᠢᠭᠤᠴᠠ ᠠᠶᠤᠯ',
  infrastructure: 'ᠰᠠᠭᠤᠷᠢ ᠪᠠᠶᠢᠭᠤᠯᠤᠮᠵᠢ',
  petition: 'ᠪᠢᠴᠢᠭ ᠵᠠᠬᠢᠳᠠᠯ ᠤᠨ ᠭᠣᠮᠳᠠᠯ',
  other: 'ᠪᠤᠰᠤᠳ',
};

/** 0005: case types get a traditional-Mongolian name (issue 7 #16); the default types are filled in. */
function caseTypeNameMn(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('case_type').addColumn('name_mn', 'text').execute();
      for (const [code, name] of Object.entries(DEFAULT_CASE_TYPE_NAMES_MN)) {
        await sql`update case_type set name_mn = ${name} where code = ${code} and name_mn is null`.execute(
          db,
        );
      }
    },
  };
}

/**
 * 0005: each handler's part of a case — when it accepted, when it reported and what — so level-5
 * joint handling (联管联调) waits for every department's report.
 */
function jointParts(dialect: Dialect): Migration {
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
function notificationMessageKey(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('notification').addColumn('message_key', 'text').execute();
      await db.schema.alterTable('notification').addColumn('message_params', 'text').execute();
      await sql`UPDATE notification SET message_key = 'notice.text'`.execute(db);
    },
  };
}

/** Photo kinds (issue 7 #11): the reporter's scene photos, the handler's before/after photos. */
function photoKinds(): Migration {
  return {
    async up(db: Db) {
      await db.schema
        .alterTable('case_photo')
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('report'))
        .execute();
    },
  };
}

/**
 * 0014: departments get a traditional-Mongolian name like case types and areas (issue 8), so every
 * app shows catalogue names in its reader's language; null falls back to Chinese.
 */
function i18nNames(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('department').addColumn('name_mn', 'text').execute();
    },
  };
}

/** 0015: the reason of every full view of personal data (issue 8 #6, `vault.reveal`); older rows have none. */
function revealReason(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('personal_data_access').addColumn('reason', 'text').execute();
    },
  };
}

/** All migrations in order, for the given dialect. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_initial': initial(dialect),
    '0002_open311': open311(dialect),
    '0003_photos': photos(dialect),
    '0004_case_counter': caseCounter(),
    '0005_idempotency_fingerprint': idempotencyFingerprint(),
    '0006_case_party_assignment_index': casePartyAssignmentIndex(),
    '0007_phone_blind_index': blindIndex(),
    '0008_auth_throttle': authThrottle(dialect),
    '0009_case_type_name_mn': caseTypeNameMn(),
    '0010_joint_parts': jointParts(dialect),
    '0011_notification_message_key': notificationMessageKey(),
    '0012_photo_kind': photoKinds(),
    '0013_signed_checkpoints': signedCheckpoints(dialect),
    '0014_i18n_names': i18nNames(),
    '0015_people_reveal_reason': revealReason(),
  };
}

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: Dialect,
  schema?: string,
): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(dialect) };
  // With a schema named, Kysely keeps its migration tables there instead of finding another schema's.
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
