/**
 * A durable job queue in the `job` table, the same on SQLite and PostgreSQL (STACK.md): nothing is
 * lost across restarts, a dedupe key makes enqueueing idempotent, and a lease (`locked_until`)
 * lets another worker retry the jobs of one that crashed.
 *
 * Life of a job: pending → running (claimed, leased) → done; or, on failure, back to pending with a
 * later `run_at`, and failed after MAX_ATTEMPTS attempts.
 */
import { sql } from 'kysely';
import type { DatabaseHandle, Queryable } from '../../database.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { badRequest } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';

/** Attempts (failed runs and expired leases) after which a job is given up as `failed`. */
export const MAX_ATTEMPTS = 5;

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

/** What to run, when, and the key that makes a second enqueue of the same thing a no-op. */
export interface JobSpec {
  kind: string;
  /** ISO-8601 instant; the job runs at or after it. */
  runAt: string;
  dedupeKey: string;
  payload: unknown;
}

/** A job a worker holds until `lockedUntil`. */
export interface ClaimedJob {
  id: string;
  kind: string;
  runAt: string;
  dedupeKey: string;
  payload: unknown;
  /** Attempts before this one. */
  attempts: number;
  /** The lease: the claim is this worker's until then, and also its fencing token. */
  lockedUntil: string;
  createdAt: string;
}

/** Delay before retry number `attempt` (1-based): 1 min, 2, 4, 8 … at most one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/**
 * Adds a job unless one with the same dedupe key exists (whatever its state). Returns true if
 * this call inserted it. Pass a transaction to enqueue atomically with the caller's own writes.
 */
export async function enqueueJob(q: Queryable, job: JobSpec): Promise<boolean> {
  if (typeof job.kind !== 'string' || job.kind.length === 0 || job.kind.length > 100) {
    throw badRequest('kind', 'validation.length_range', { min: 1, max: 100 });
  }
  if (typeof job.dedupeKey !== 'string' || job.dedupeKey.length === 0 || job.dedupeKey.length > 500) {
    throw badRequest('dedupeKey', 'validation.length_range', { min: 1, max: 500 });
  }
  const runAt = new Date(job.runAt);
  if (Number.isNaN(runAt.getTime())) throw badRequest('runAt', 'validation.not_a_time');
  let payload: string;
  try {
    payload = canonicalJson(job.payload ?? null);
  } catch {
    throw badRequest('payload', 'validation.plain_json');
  }
  const result = await q
    .insertInto('job')
    .values({
      id: uuidv7(),
      kind: job.kind,
      // Normalised so that run_at compares as text on SQLite.
      run_at: runAt.toISOString(),
      dedupe_key: job.dedupeKey,
      payload,
      status: 'pending',
      attempts: 0,
      locked_until: null,
      last_error: null,
      created_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Claims up to `limit` jobs due at `now` — pending ones whose `run_at` has come, and running ones
 * whose lease expired (their worker crashed; that counts as an attempt) — and leases them for
 * `lease` ms. On PostgreSQL concurrent claimers skip each other's rows (`FOR UPDATE SKIP LOCKED`);
 * on SQLite the claim is one `BEGIN IMMEDIATE` transaction, so one writer claims at a time.
 */
export async function claimDueJobs(
  handle: DatabaseHandle,
  now: Date,
  limit: number,
  lease: number,
): Promise<ClaimedJob[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1_000)
    throw badRequest('limit', 'validation.range', { min: 1, max: 1000 });
  if (!Number.isFinite(lease) || lease <= 0) throw badRequest('lease', 'validation.positive');
  if (Number.isNaN(now.getTime())) throw badRequest('now', 'validation.not_a_time');
  if (handle.dialect === 'postgres') {
    return handle.db.transaction().execute((tx) => claimIn(tx, now, limit, lease, true));
  }
  return handle.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const claimed = await claimIn(conn, now, limit, lease, false);
      await sql`commit`.execute(conn);
      return claimed;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

async function claimIn(
  q: Queryable,
  now: Date,
  limit: number,
  lease: number,
  skipLocked: boolean,
): Promise<ClaimedJob[]> {
  const at = now.toISOString();
  let select = q
    .selectFrom('job')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', at)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<=', at)]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(limit);
  if (skipLocked) select = select.forUpdate().skipLocked();
  const rows = await select.execute();
  if (rows.length === 0) return [];

  const lockedUntil = new Date(now.getTime() + lease).toISOString();
  const fresh = rows.filter((r) => r.status === 'pending');
  const expired = rows.filter((r) => r.status === 'running');
  const retried = expired.filter((r) => r.attempts + 1 < MAX_ATTEMPTS);
  const givenUp = expired.filter((r) => r.attempts + 1 >= MAX_ATTEMPTS);

  if (fresh.length > 0) {
    await q
      .updateTable('job')
      .set({ status: 'running', locked_until: lockedUntil })
      .where(
        'id',
        'in',
        fresh.map((r) => r.id),
      )
      .execute();
  }
  if (retried.length > 0) {
    await q
      .updateTable('job')
      .set((eb) => ({
        status: 'running',
        locked_until: lockedUntil,
        attempts: eb('attempts', '+', 1),
        last_error: 'lease expired: the worker crashed or ran past its lease',
      }))
      .where(
        'id',
        'in',
        retried.map((r) => r.id),
      )
      .execute();
  }
  if (givenUp.length > 0) {
    await q
      .updateTable('job')
      .set((eb) => ({
        status: 'failed',
        locked_until: null,
        attempts: eb('attempts', '+', 1),
        last_error: `lease expired ${MAX_ATTEMPTS} times: given up`,
      }))
      .where(
        'id',
        'in',
        givenUp.map((r) => r.id),
      )
      .execute();
  }

  return [...fresh, ...retried]
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      runAt: r.run_at,
      dedupeKey: r.dedupe_key,
      payload: JSON.parse(r.payload) as unknown,
      attempts: r.status === 'running' ? r.attempts + 1 : r.attempts,
      lockedUntil,
      createdAt: r.created_at,
    }))
    .sort((a, b) => (a.runAt < b.runAt ? -1 : a.runAt > b.runAt ? 1 : a.id < b.id ? -1 : 1));
}

/** The claim in force: same id, still running, still under the lease this worker was given. */
function held(q: Queryable, job: Pick<ClaimedJob, 'id' | 'lockedUntil'>) {
  return q
    .updateTable('job')
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('locked_until', '=', job.lockedUntil);
}

/**
 * Marks a claimed job done. Returns false when the claim was lost — the lease ran out and another
 * worker took the job over — so nothing was changed.
 */
export async function completeJob(
  q: Queryable,
  job: Pick<ClaimedJob, 'id' | 'lockedUntil'>,
): Promise<boolean> {
  const result = await held(q, job).set({ status: 'done', locked_until: null }).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Records a failed attempt: the job is retried after a back-off (see `retryDelayMs`), or marked
 * `failed` once it has had MAX_ATTEMPTS attempts. Returns what became of it; 'lost' when the claim
 * had already passed to another worker.
 */
export async function failJob(
  q: Queryable,
  job: Pick<ClaimedJob, 'id' | 'lockedUntil' | 'attempts'>,
  error: unknown,
  now: Date,
): Promise<'retrying' | 'failed' | 'lost'> {
  const attempts = job.attempts + 1;
  const giveUp = attempts >= MAX_ATTEMPTS;
  const result = await held(q, job)
    .set({
      status: giveUp ? 'failed' : 'pending',
      attempts,
      locked_until: null,
      last_error: errorText(error),
      ...(giveUp ? {} : { run_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString() }),
    })
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return 'lost';
  return giveUp ? 'failed' : 'retrying';
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}

/** Counts jobs by status, for health checks and tests. */
export async function countJobs(q: Queryable): Promise<Record<JobStatus, number>> {
  const rows = await q
    .selectFrom('job')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const r of rows) {
    if (r.status in counts) counts[r.status as JobStatus] = Number(r.n);
  }
  return counts;
}
