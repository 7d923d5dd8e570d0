/** Small SQL helpers that read the same on SQLite and PostgreSQL. */
import { type Expression, type SqlBool, sql } from 'kysely';

/** True when a database error is a unique-key violation (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = String(error.code);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** `column LIKE 'prefix%'` with the prefix's wildcards escaped. */
export function startsWith(column: string, prefix: string): Expression<SqlBool> {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<SqlBool>`${sql.ref(column)} like ${`${escaped}%`} escape '\\'`;
}

/** `lower(column) LIKE '%part%'` with the part's wildcards escaped. */
export function containsIgnoringCase(column: string, part: string): Expression<SqlBool> {
  const escaped = part.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${`%${escaped}%`} escape '\\'`;
}
