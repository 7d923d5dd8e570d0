/**
 * Idempotent writes (IETF draft-ietf-httpapi-idempotency-key-header): a request carrying an
 * `Idempotency-Key` runs at most once per key and caller. A retry of the same request gets the
 * first answer; the same key with a different request (method, route or body) is refused with 422
 * naming the key, rather than silently answered with the first result.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { Queryable, Tx } from './db/database.ts';
import type { PlatformTables } from './db/schema.ts';
import { AppError } from './errors.ts';

/** What a request was: sha-256 over its method, route and canonical body (key order does not matter). */
export function requestFingerprint(method: string, route: string, body: unknown): string {
  return createHash('sha256')
    .update(canonicalJson({ method: method.toUpperCase(), route, body: body ?? null }))
    .digest('hex');
}

/** 422: the key was used before for a different request. */
export function idempotencyKeyReused(key: string): AppError {
  return new AppError(
    'idempotency_key_reused',
    'request.idempotency_key_reused',
    { key },
    { field: 'Idempotency-Key', key },
  );
}

/**
 * The answer stored for this key and caller, if any. Throws 422 when the key was stored with a
 * different request fingerprint (rows from before fingerprints were kept match any request).
 */
export async function findIdempotent(
  q: Queryable<PlatformTables>,
  scope: string,
  key: string | undefined,
  fingerprint: string,
): Promise<{ status: number; body: unknown } | undefined> {
  if (!key) return undefined;
  const row = await q
    .selectFrom('idempotency')
    .select(['status_code', 'body', 'fingerprint'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.fingerprint !== null && row.fingerprint !== fingerprint) throw idempotencyKeyReused(key);
  return { status: row.status_code, body: JSON.parse(row.body) };
}

/** Stores the answer in the write's own transaction, so the write and the record commit together. */
export async function rememberIdempotent(
  tx: Tx<PlatformTables>,
  entry: {
    scope: string;
    key: string | undefined;
    fingerprint: string;
    status: number;
    body: unknown;
    at: string;
  },
): Promise<void> {
  if (!entry.key) return;
  await tx
    .insertInto('idempotency')
    .values({
      scope: entry.scope,
      key: entry.key,
      fingerprint: entry.fingerprint,
      status_code: entry.status,
      body: JSON.stringify(entry.body),
      created_at: entry.at,
    })
    .execute();
}
