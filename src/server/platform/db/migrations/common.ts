/** What every migration file shares: the database type and the column types that differ by dialect. */
import { type Kysely, sql } from 'kysely';
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
