/**
 * Migrations that change data as well as shape: 0009 gives the default case types of an existing
 * installation their Mongolian names (issue 7 #16), on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFor } from '../../migrations.ts';
import {
  DEFAULT_CASE_TYPES,
  listCaseTypes,
  seedCatalogueDefaults,
} from '../../modules/catalogue/case-types.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.dispose());

describe('0009_case_type_name_mn', () => {
  it('adds the column and names the default types of a catalogue made before it, leaving others blank', async () => {
    const { db } = database;
    await seedCatalogueDefaults(db);
    // The catalogue as an installation made before 0009 has it: no Mongolian column, one type of its own.
    await db.schema.alterTable('case_type').dropColumn('name_mn').execute();
    const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    await raw
      .insertInto('case_type')
      .values({
        code: 'grassland_fire',
        name_zh: '草原火情',
        name_en: 'Grassland fire',
        default_difficulty: 'difficult',
        active: 1,
        sort: 110,
      })
      .execute();

    await migrationsFor(database.dialect)['0009_case_type_name_mn']?.up(db as unknown as Kysely<unknown>);

    const types = await listCaseTypes(db, { includeInactive: true });
    expect(types.find((t) => t.code === 'grassland_fire')?.nameMn).toBeNull();
    for (const def of DEFAULT_CASE_TYPES) {
      expect(types.find((t) => t.code === def.code)?.nameMn, def.code).toBe(def.nameMn);
    }
  });
});
