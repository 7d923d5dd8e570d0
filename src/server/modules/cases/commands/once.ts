/**
 * Idempotency-Key handling shared by the writing commands: a retried request is answered with the
 * case the first attempt produced; the key is recorded in the command's own transaction.
 */
import type { Db, Tx } from '../../../database.ts';
import { AppError } from '../../../platform/errors.ts';
import { findIdempotent, rememberIdempotent, requestFingerprint } from '../../../platform/idempotency.ts';

/** A request that may carry an Idempotency-Key: the caller's scope, the key, and what was asked. */
export interface Once {
  scope: string;
  key: string | undefined;
  /** The request's route and body, fingerprinted so that a key reused for another request is refused. */
  route: string;
  body: unknown;
}

/** The case a request with this Idempotency-Key already produced, if any (422 if the key was used for another). */
async function replayed(db: Db, request: Once): Promise<string | undefined> {
  const fingerprint = requestFingerprint('POST', request.route, request.body);
  const seen = await findIdempotent(db, request.scope, request.key, fingerprint);
  return seen ? (seen.body as { caseId: string }).caseId : undefined;
}

/** Records the key in the command's own transaction, so the write and the record commit together. */
export async function remember(tx: Tx, request: Once, caseId: string, at: string): Promise<void> {
  const fingerprint = requestFingerprint('POST', request.route, request.body);
  await rememberIdempotent(tx, { ...request, fingerprint, status: 200, body: { caseId }, at });
}

/**
 * Runs a write at most once per key: a retry (even one racing the first attempt) is answered
 * with what `answer` gives for the case the first attempt produced.
 */
export async function once<T>(
  db: Db,
  request: Once,
  write: () => Promise<string>,
  answer: (caseId: string) => Promise<T>,
): Promise<T> {
  const earlier = await replayed(db, request);
  if (earlier) return answer(earlier);
  try {
    return answer(await write());
  } catch (error) {
    const raced = !(error instanceof AppError) && (await replayed(db, request));
    if (raced) return answer(raced);
    throw error;
  }
}
