/** Migrations 0008–0012, 0014, 0015: throttle, Mongolian names, joint parts, message keys, photo kinds, reveal reason. */
import { type Migration, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { type Db, types } from './common.ts';

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
export function caseTypeNameMn(): Migration {
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

/**
 * 0014: departments get a traditional-Mongolian name like case types and areas (issue 8), so every
 * app shows catalogue names in its reader's language; null falls back to Chinese.
 */
export function i18nNames(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('department').addColumn('name_mn', 'text').execute();
    },
  };
}

/** 0015: the reason of every full view of personal data (issue 8 #6, `vault.reveal`); older rows have none. */
export function revealReason(): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('personal_data_access').addColumn('reason', 'text').execute();
    },
  };
}
