/**
 * What every migration shares: the database type, the column types that differ by dialect, and
 * how 0001 (the first schema) is put together from each module's part of it.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

export type Db = Kysely<unknown>;

/** Column types that differ between the dialects. */
export function types(dialect: Dialect) {
  const pg = dialect === 'postgres';
  return {
    timestamp: pg ? sql`timestamptz` : sql`text`,
    bigint: pg ? sql`bigint` : sql`integer`,
    real: pg ? sql`double precision` : sql`real`,
  } as const;
}

export type ColumnTypes = ReturnType<typeof types>;

/** One module's part of a migration that several modules share (0001). */
export type MigrationPart = (db: Db, t: ColumnTypes) => Promise<void>;

/** A migration made of parts run in the order given (tables before the tables that refer to them). */
export function inParts(dialect: Dialect, parts: readonly MigrationPart[]): Migration {
  const t = types(dialect);
  return {
    async up(db: Db) {
      for (const part of parts) await part(db, t);
    },
  };
}
