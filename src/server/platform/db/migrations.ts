/**
 * Runs the database's one migration history (given by the application: src/server/migrations.ts,
 * each module's migrations in the order they were written) on SQLite or PostgreSQL.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  migrations: Record<string, Migration>,
  schema?: string,
): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  // With a schema named, Kysely keeps its migration tables there instead of finding another schema's.
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
