/**
 * Verification of the whole chain (链校验): streams every entry in seq order, recomputes its hash,
 * checks the links, the head and every signed checkpoint, and names the first broken place.
 */
import type { KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Queryable as AnyQueryable } from '../../database.ts';
import {
  type BrokenEntry,
  ChainWalker,
  CheckpointTracker,
  describeEntry,
  type SourcedCheckpoint,
  untrustedCheckpoint,
} from './audit.ts';
import { toSignedCheckpoint } from './checkpoint-rows.ts';
import { batchSizeOf, ENTRY_COLUMNS, entryAt, HEAD_ID, readHead, streamEntries, toStored } from './ledger.ts';
import type { LedgerTables } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Queryable = AnyQueryable<LedgerTables>;
type Db = Kysely<LedgerTables>;

/** The result of verifying the whole chain. */
export interface LedgerReport {
  ok: boolean;
  /** Entries that passed every check (all of them when ok). */
  entries: number;
  /** Checkpoints (stored and external) whose signature and RFC 9162 root matched. */
  checkpoints: number;
  /** The seq the ledger head records (0 for an empty ledger). */
  headSeq: number;
  firstBroken?: BrokenEntry;
}

/** Where the head and the last entry disagree, or undefined when they agree. */
export async function headProblem(
  q: Queryable,
  head: { seq: number; hash: string },
  walker: ChainWalker,
): Promise<BrokenEntry | undefined> {
  if (walker.lastSeq === head.seq && walker.lastHash === head.hash) return undefined;
  if (walker.lastSeq < head.seq) {
    const last = walker.lastSeq === 0 ? 'the chain is empty' : `the chain ends at seq ${walker.lastSeq}`;
    const missing =
      head.seq - walker.lastSeq === 1
        ? `entry seq ${head.seq} is missing`
        : `entries seq ${walker.lastSeq + 1}–${head.seq} are missing`;
    return {
      seq: walker.lastSeq + 1,
      id: null,
      caseId: null,
      problem: 'head_mismatch',
      message: `${missing} from the end: the ledger head records seq ${head.seq} but ${last}`,
    };
  }
  const last = await entryAt(q, walker.lastSeq);
  return {
    seq: walker.lastSeq,
    id: last?.id ?? null,
    caseId: last?.caseId ?? null,
    problem: 'head_mismatch',
    message: `the ledger head (seq ${head.seq}, hash ${head.hash}) does not match the last entry, ${
      last ? describeEntry(last) : `seq ${walker.lastSeq}`
    } with hash ${walker.lastHash}`,
  };
}

/** Entries stored beyond the head were written outside the ledger. Head and max(seq) in one statement. */
async function beyondHeadProblem(db: Db): Promise<BrokenEntry | undefined> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('ledger_head').select('seq').where('id', '=', HEAD_ID).as('head_seq'),
      eb
        .selectFrom('case_event')
        .select((e) => e.fn.max('seq').as('max_seq'))
        .as('max_seq'),
    ])
    .executeTakeFirstOrThrow();
  const headSeq = Number(row.head_seq ?? 0);
  const maxSeq = Number(row.max_seq ?? 0);
  if (maxSeq <= headSeq) return undefined;
  const first = await db
    .selectFrom('case_event')
    .select(ENTRY_COLUMNS)
    .where('seq', '>', headSeq)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  const entry = first && toStored(first);
  return {
    seq: entry?.seq ?? headSeq + 1,
    id: entry?.id ?? null,
    caseId: entry?.caseId ?? null,
    problem: 'head_mismatch',
    message: `${entry ? describeEntry(entry) : `entry seq ${headSeq + 1}`} lies beyond the ledger head (seq ${headSeq}): it was written outside the ledger`,
  };
}

/** What `verifyLedger` checks the entries against, beyond the chain itself. */
export interface VerifyOptions {
  batchSize?: number;
  /**
   * The ledger's public key: every signed checkpoint (stored or given) must verify under it. Without
   * it, roots are still compared but signatures are not checked (benchmarks only).
   */
  publicKey?: KeyObject;
  /** Checkpoints held outside the database (exported files, a witness's copies), with their source. */
  external?: readonly SourcedCheckpoint[];
}

/**
 * Verifies the whole chain: streams it in seq order in batches (millions of rows, constant memory),
 * recomputes every hash, checks the prev_hash links, seq contiguity from 1, canonical payloads, the
 * head against the last entry, every checkpoint's signature and its RFC 9162 root over the entries
 * it covers. Reports the first broken place.
 */
export async function verifyLedger(db: Db, options: VerifyOptions = {}): Promise<LedgerReport> {
  const batchSize = batchSizeOf(options);
  // Checkpoints before the head: a checkpoint written meanwhile never reaches past the head read after it.
  const stored = (await db.selectFrom('ledger_signed_checkpoint').selectAll().execute()).map(
    (row): SourcedCheckpoint => ({ checkpoint: toSignedCheckpoint(row), source: 'database' }),
  );
  const checkpoints = [...stored, ...(options.external ?? [])];
  // Only entries up to this head are checked; events appended while verifying are left for next time.
  const head = await readHead(db);
  const walker = new ChainWalker();
  const tracker = new CheckpointTracker(checkpoints);
  const report = (firstBroken?: BrokenEntry): LedgerReport => ({
    ok: firstBroken === undefined,
    entries: walker.count,
    checkpoints: tracker.verified,
    headSeq: head.seq,
    ...(firstBroken ? { firstBroken } : {}),
  });
  const untrusted = options.publicKey && untrustedCheckpoint(checkpoints, options.publicKey);
  if (untrusted) return report(untrusted);
  const problem =
    (await streamEntries(
      db,
      { fromSeq: 1, uptoSeq: head.seq },
      batchSize,
      (entry) => walker.next(entry) ?? tracker.onEntry(entry.seq, entry.hash),
    )) ??
    (await headProblem(db, head, walker)) ??
    tracker.afterEnd(walker.lastSeq) ??
    (await beyondHeadProblem(db));
  return report(problem);
}
