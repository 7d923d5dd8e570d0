/**
 * The migrator's introspection on PostgreSQL sees only the current schema and survives other
 * schemas being dropped or altered meanwhile. With Kysely's own introspector the churn below made
 * 1,355 of 4,796 calls fail (`schema "zz_churn_0" does not exist`, `column "b" of relation "t" does
 * not exist`) — what failed test files when two runs shared the database (issue 7 #19).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testPostgresUrl } from '../../testing/database.ts';

describe.skipIf(!testPostgresUrl)('PostgreSQL introspection of the current schema', () => {
  let t: TestDatabase;
  let other: pg.Pool;
  const prefix = `zz_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    t = await createTestDatabase();
    other = new pg.Pool({ connectionString: testPostgresUrl, max: 2 });
  });
  afterAll(async () => {
    for (const s of ['x', 0, 1, 2]) await other.query(`DROP SCHEMA IF EXISTS ${prefix}_${s} CASCADE`);
    await other.end();
    await t.dispose();
  });

  it('lists this schema’s tables, with columns, and not another schema’s migration table', async () => {
    await other.query(`CREATE SCHEMA ${prefix}_x; CREATE TABLE ${prefix}_x.kysely_migration (name text)`);
    const tables = await t.db.introspection.getTables({ withInternalKyselyTables: true });
    expect(new Set(tables.map((x) => x.schema))).toEqual(new Set([t.schema]));
    const migrations = tables.find((x) => x.name === 'kysely_migration');
    expect(migrations?.columns.map((c) => c.name)).toEqual(['name', 'timestamp']);
    expect(tables.find((x) => x.name === 'case_file')?.columns.length).toBeGreaterThan(10);
  });

  it('never fails while other schemas are created, altered and dropped', async () => {
    const CYCLES = 150;
    let done = false;
    const churn = (async () => {
      for (let i = 0; i < CYCLES; i++) {
        const s = `${prefix}_${i % 3}`;
        await other.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
        await other.query(`CREATE SCHEMA ${s}; CREATE TABLE ${s}.t (a int, b text, c serial)`);
        await other.query(`ALTER TABLE ${s}.t DROP COLUMN b`);
        await other.query(`DROP SCHEMA ${s} CASCADE`);
      }
    })().finally(() => {
      done = true;
    });
    const errors: string[] = [];
    let calls = 0;
    while (!done) {
      await t.db.introspection
        .getTables({ withInternalKyselyTables: true })
        .catch((e) => errors.push(String(e)));
      calls++;
    }
    await churn;
    expect(calls).toBeGreaterThan(10);
    expect(errors).toEqual([]);
  });
});
