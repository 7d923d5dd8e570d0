/** Migrations 0002–0007 and 0013: Open311, photos, case counter, idempotency, indexes, blind index, signed checkpoints. */
import { type Migration, sql } from 'kysely';
import { entryLeafHash, TreeBuilder } from '../../../modules/ledger/merkle.ts';
import type { Dialect } from '../dialect.ts';
import { type Db, types } from './common.ts';

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

/** Idempotency-Key (issue 7 #22): the fingerprint of the request a key was first used for. */
export function idempotencyFingerprint(): Migration {
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
 * 0013 (issue 7 #9): checkpoints become signed RFC 9162 tree heads over the whole history. The old
 * `ledger_checkpoint` rows held a home-made Merkle root over one range each (no leaf/node prefixes,
 * the odd node paired with itself) that a database writer could recompute. Each becomes an
 * unsigned tree head whose RFC 9162 root is computed here from the stored entry hashes; the next
 * checkpoint the server writes is signed and covers the whole history.
 */
export function signedCheckpoints(dialect: Dialect): Migration {
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
