/**
 * The catalogue module's migrations: its part of 0001 (the first schema) and the later ones, listed
 * in the one ordered history in src/server/migrations.ts (a migration is frozen history).
 */
import { type Migration, sql } from 'kysely';
import type { ColumnTypes, Db } from '../../platform/db/migrations/kit.ts';

/** 0001 (the first schema), the catalogue part: department, case_type, routing_rule. */
export async function catalogueInitial(db: Db, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable('department')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
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
    .createTable('routing_rule')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull().references('department.id'))
    .addColumn('area_id', 'text', (c) => c.references('area.id'))
    .execute();
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
