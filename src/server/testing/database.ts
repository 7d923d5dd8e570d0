/**
 * A fresh, migrated database for one test file: in-memory SQLite by default, or — when
 * ZHIZHI_TEST_DATABASE_URL names a PostgreSQL database — a schema of its own there, dropped after.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openMigrated } from '../database.ts';

export interface TestDatabase extends DatabaseHandle {
  /** Closes the connection and drops what the test created. */
  dispose(): Promise<void>;
  /** PostgreSQL only: the `application_name` of this database's sessions (to find them in pg_stat_activity). */
  applicationName?: string;
  /** The PostgreSQL schema the test runs in; undefined on SQLite. */
  schema?: string;
}

/** The PostgreSQL URL the test run targets, or undefined for SQLite. */
export const testPostgresUrl = process.env.ZHIZHI_TEST_DATABASE_URL || undefined;

export async function createTestDatabase(options: { sqliteFile?: string } = {}): Promise<TestDatabase> {
  if (!testPostgresUrl) {
    const handle = await openMigrated({ url: options.sqliteFile ?? ':memory:' });
    return { ...handle, dispose: () => handle.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const applicationName = `zhizhi-test-${schema}`;
  const handle = await openMigrated({ url: testPostgresUrl, schema, poolSize: 5, applicationName });
  return {
    ...handle,
    applicationName,
    schema,
    async dispose() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: testPostgresUrl });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
      await dropper.end();
    },
  };
}
