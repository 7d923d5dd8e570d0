/** SQL over any encrypted column named in `VAULT_FIELDS` (table and column names come from there only). */
import { sql } from 'kysely';
import type { Queryable as AnyQueryable, AnyTables } from '../db/database.ts';

/** Raw SQL over the table a field names: any database will do. */
type Queryable = AnyQueryable<AnyTables>;

import type { VaultField } from './fields.ts';

/** The stored value of one row; undefined when there is no such row. */
export async function readField(
  q: Queryable,
  field: VaultField,
  id: string,
): Promise<{ value: string | null } | undefined> {
  const { rows } = await sql<{ value: string | null }>`
    select ${sql.ref(field.column)} as value from ${sql.table(field.table)}
    where ${sql.ref(field.key)} = ${id}`.execute(q);
  return rows[0];
}

/**
 * Up to `limit` rows after `afterId` (in key order) whose value is not under key `keyId` — what a
 * rotation still has to re-encrypt.
 */
export async function rowsNotUnder(
  q: Queryable,
  field: VaultField,
  keyId: string,
  afterId: string,
  limit: number,
): Promise<{ id: string; value: string }[]> {
  const { rows } = await sql<{ id: string; value: string }>`
    select ${sql.ref(field.key)} as id, ${sql.ref(field.column)} as value from ${sql.table(field.table)}
    where ${sql.ref(field.column)} is not null
      and ${sql.ref(field.column)} not like ${`v2.${keyId}.%`}
      and ${sql.ref(field.key)} > ${afterId}
    order by ${sql.ref(field.key)}
    limit ${limit}`.execute(q);
  return rows;
}

/** Replaces one stored value, only if it is still `before` (a concurrent write wins). */
export async function replaceField(
  q: Queryable,
  field: VaultField,
  id: string,
  before: string,
  after: string,
): Promise<boolean> {
  const result = await sql`
    update ${sql.table(field.table)} set ${sql.ref(field.column)} = ${after}
    where ${sql.ref(field.key)} = ${id} and ${sql.ref(field.column)} = ${before}`.execute(q);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** How many stored values are not under key `keyId`. */
export async function countNotUnder(q: Queryable, field: VaultField, keyId: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from ${sql.table(field.table)}
    where ${sql.ref(field.column)} is not null and ${sql.ref(field.column)} not like ${`v2.${keyId}.%`}`.execute(
    q,
  );
  return Number(rows[0]?.n ?? 0);
}
