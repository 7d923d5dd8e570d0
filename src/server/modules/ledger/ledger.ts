/**
 * The tamper-evident case history (SPEC §9, "区块链"): every case event in the system is appended
 * to one SHA-256 hash chain (global seq 1, 2, 3, …), periodically sealed by Merkle checkpoints, and
 * verified end to end by streaming it in seq order.
 */
import { sql } from 'kysely';
import { canonicalJson } from '../../platform/canonical-json.ts';
import type { Db, Queryable, Tx } from '../../platform/db/database.ts';
import { forUpdate } from '../../platform/db/database.ts';
import type { Dialect } from '../../platform/db/dialect.ts';
import type { CaseEventTable, LedgerCheckpointTable } from '../../platform/db/schema.ts';
import { badRequest, conflict } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import {
  type BrokenEntry,
  ChainWalker,
  type Checkpoint,
  CheckpointTracker,
  checkEntryContents,
  describeEntry,
  parsePayload,
  type StoredEntry,
} from './audit.ts';
import { entryHash, GENESIS_HASH, MerkleBuilder } from './chain.ts';

export type { BrokenEntry, Checkpoint, LedgerProblem, StoredEntry } from './audit.ts';

/** A case event to append. `at` is ISO-8601 and is stored (and hashed) normalised to UTC milliseconds. */
export interface NewCaseEvent {
  caseId: string;
  type: string;
  actorId: string | null;
  actorRole: string | null;
  at: string;
  payload: Record<string, unknown>;
}

/** An entry as stored in the chain, with its payload parsed. */
export interface AppendedEvent {
  seq: number;
  id: string;
  caseId: string;
  type: string;
  actorId: string | null;
  actorRole: string | null;
  at: string;
  payload: unknown;
  prevHash: string;
  hash: string;
}

/** The result of verifying the whole chain. */
export interface LedgerReport {
  ok: boolean;
  /** Entries that passed every check (all of them when ok). */
  entries: number;
  /** Checkpoints whose Merkle root matched. */
  checkpoints: number;
  /** The seq the ledger head records (0 for an empty ledger). */
  headSeq: number;
  firstBroken?: BrokenEntry;
}

/** A case's events in order, with a cheap per-case check for the case page. */
export interface CaseHistory {
  caseId: string;
  events: AppendedEvent[];
  verification: CaseVerification;
}

/** Per-case verification: each entry's hash recomputed from its stored prev_hash. */
export interface CaseVerification {
  ok: boolean;
  checked: number;
  /** Every entry of the case that fails, in seq order. */
  broken: BrokenEntry[];
}

const HEAD_ID = 1;
/** Rows per INSERT: 10 columns each stays well under SQLite's bound-parameter limit. */
const INSERT_CHUNK = 500;
const DEFAULT_BATCH = 1_000;
const MAX_BATCH = 100_000;
/** pg_advisory_xact_lock key serialising checkpoint writers across nodes ("zhizhi:ledger:ckpt"). */
const CHECKPOINT_LOCK = 7_350_001_925;
/** Accepted: ISO-8601 date-time with a zone. Stored: UTC with milliseconds, as PostgreSQL gives it back. */
const ISO_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const ENTRY_COLUMNS = [
  'seq',
  'id',
  'case_id',
  'type',
  'actor_id',
  'actor_role',
  'at',
  'payload',
  'prev_hash',
  'hash',
] as const;

function toStored(row: CaseEventTable): StoredEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    caseId: row.case_id,
    type: row.type,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    at: row.at,
    payload: row.payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function toCheckpoint(row: LedgerCheckpointTable): Checkpoint {
  return {
    fromSeq: Number(row.from_seq),
    uptoSeq: Number(row.upto_seq),
    merkleRoot: row.merkle_root,
    createdAt: row.created_at,
  };
}

function toAppended(entry: StoredEntry): AppendedEvent {
  return { ...entry, payload: parsePayload(entry.payload)?.value ?? null };
}

interface PreparedEvent {
  caseId: string;
  type: string;
  actorId: string | null;
  actorRole: string | null;
  at: string;
  payloadText: string;
  payload: unknown;
}

function requireText(value: unknown, field: string, nullable: boolean): string | null {
  if (value === null && nullable) return null;
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw badRequest(field, 'validation.length_range', { min: 1, max: 200 });
  }
  return value;
}

/** Checks one new event and fixes the exact bytes its hash will commit to. */
function prepareEvent(event: NewCaseEvent, index: number): PreparedEvent {
  const field = (name: string) => `events[${index}].${name}`;
  const caseId = requireText(event.caseId, field('caseId'), false) as string;
  const type = requireText(event.type, field('type'), false) as string;
  const actorId = requireText(event.actorId, field('actorId'), true);
  const actorRole = requireText(event.actorRole, field('actorRole'), true);
  const time = typeof event.at === 'string' && ISO_INPUT.test(event.at) ? Date.parse(event.at) : Number.NaN;
  const at = Number.isNaN(time) ? '' : new Date(time).toISOString();
  if (!ISO_UTC.test(at)) throw badRequest(field('at'), 'validation.timestamp_with_zone');
  const payload = event.payload as unknown;
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw badRequest(field('payload'), 'validation.json_object');
  }
  let payloadText: string;
  try {
    payloadText = canonicalJson(payload);
  } catch (error) {
    throw badRequest(field('payload'), 'validation.plain_json', { detail: (error as Error).message });
  }
  // Hash the value read back from the stored text, so what is hashed is exactly what is stored.
  return { caseId, type, actorId, actorRole, at, payloadText, payload: JSON.parse(payloadText) };
}

/**
 * Locks the ledger head (PostgreSQL: `FOR UPDATE`, which serialises appenders across nodes),
 * creating it at seq 0 on first use. Two first appenders cannot both create it: the loser's
 * `ON CONFLICT DO NOTHING` waits for the winner, then its select sees and locks the winner's row.
 */
async function lockHead(tx: Tx, dialect: Dialect): Promise<{ seq: number; hash: string }> {
  const read = () =>
    forUpdate(
      dialect,
      tx.selectFrom('ledger_head').select(['seq', 'hash']).where('id', '=', HEAD_ID),
    ).executeTakeFirst();
  let head = await read();
  if (!head) {
    await tx
      .insertInto('ledger_head')
      .values({ id: HEAD_ID, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    head = await read();
  }
  if (!head) throw new Error('the ledger head could not be created');
  return { seq: Number(head.seq), hash: head.hash };
}

/**
 * Appends events to the chain, in order, inside the caller's transaction (the caller writes its own
 * rows in the same transaction, so an event exists exactly when its effect does). Returns the
 * stored entries.
 */
export async function appendCaseEvents(
  tx: Tx,
  dialect: Dialect,
  events: readonly NewCaseEvent[],
): Promise<AppendedEvent[]> {
  if (!tx.isTransaction) throw new Error('appendCaseEvents must run inside a transaction');
  if (events.length === 0) return [];
  const prepared = events.map(prepareEvent);
  const head = await lockHead(tx, dialect);
  let seq = head.seq;
  let prevHash = head.hash;
  const stored: StoredEntry[] = [];
  const appended: AppendedEvent[] = [];
  for (const event of prepared) {
    seq++;
    const { caseId, type, actorId, actorRole, at } = event;
    const committed = { seq, id: uuidv7(), caseId, type, actorId, actorRole, at };
    const hash = entryHash(prevHash, { ...committed, payload: event.payload });
    stored.push({ ...committed, payload: event.payloadText, prevHash, hash });
    appended.push({ ...committed, payload: event.payload, prevHash, hash });
    prevHash = hash;
  }
  for (let i = 0; i < stored.length; i += INSERT_CHUNK) {
    await tx
      .insertInto('case_event')
      .values(
        stored.slice(i, i + INSERT_CHUNK).map((e) => ({
          seq: e.seq,
          id: e.id,
          case_id: e.caseId,
          type: e.type,
          actor_id: e.actorId,
          actor_role: e.actorRole,
          at: e.at,
          payload: e.payload,
          prev_hash: e.prevHash,
          hash: e.hash,
        })),
      )
      .execute();
  }
  await tx.updateTable('ledger_head').set({ seq, hash: prevHash }).where('id', '=', HEAD_ID).execute();
  return appended;
}

async function readHead(q: Queryable): Promise<{ seq: number; hash: string }> {
  const head = await q
    .selectFrom('ledger_head')
    .select(['seq', 'hash'])
    .where('id', '=', HEAD_ID)
    .executeTakeFirst();
  return head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
}

function batchSizeOf(options: { batchSize?: number }): number {
  const size = options.batchSize ?? DEFAULT_BATCH;
  if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH) {
    throw badRequest('batchSize', 'validation.range', { min: 1, max: MAX_BATCH });
  }
  return size;
}

/**
 * Streams entries with `fromSeq <= seq <= uptoSeq` in seq order, `batchSize` rows per query (keyset
 * paging, no long transaction), calling `visit` for each; stops when `visit` returns a problem.
 */
async function streamEntries(
  q: Queryable,
  range: { fromSeq: number; uptoSeq: number },
  batchSize: number,
  visit: (entry: StoredEntry) => BrokenEntry | undefined,
): Promise<BrokenEntry | undefined> {
  let after = range.fromSeq - 1;
  for (;;) {
    const rows = await q
      .selectFrom('case_event')
      .select(ENTRY_COLUMNS)
      .where('seq', '>', after)
      .where('seq', '<=', range.uptoSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      const problem = visit(toStored(row));
      if (problem) return problem;
    }
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return undefined;
    after = Number(last.seq);
  }
}

async function entryAt(q: Queryable, seq: number): Promise<StoredEntry | undefined> {
  const row = await q
    .selectFrom('case_event')
    .select(ENTRY_COLUMNS)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row && toStored(row);
}

/** Where the head and the last entry disagree, or undefined when they agree. */
async function headProblem(
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

/**
 * Verifies the whole chain: streams it in seq order in batches (millions of rows, constant memory),
 * recomputes every hash, checks the prev_hash links, seq contiguity from 1, canonical payloads, the
 * head against the last entry, and every checkpoint's Merkle root. Reports the first broken place.
 */
export async function verifyLedger(db: Db, options: { batchSize?: number } = {}): Promise<LedgerReport> {
  const batchSize = batchSizeOf(options);
  // Checkpoints before the head: a checkpoint written meanwhile never reaches past the head read after it.
  const checkpoints = (await db.selectFrom('ledger_checkpoint').selectAll().execute()).map(toCheckpoint);
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
  const malformed = tracker.malformed();
  if (malformed) return report(malformed);
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

/**
 * Seals the entries after the previous checkpoint up to the current head with a Merkle root, after
 * checking that range of the chain (a broken chain is refused, not blessed). Undefined when there
 * is nothing new. Checkpoint writers are serialised; appenders are not blocked.
 */
export async function writeCheckpoint(db: Db, dialect: Dialect, now: Date): Promise<Checkpoint | undefined> {
  return db.transaction().execute(async (tx) => {
    if (dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(${CHECKPOINT_LOCK}::bigint)`.execute(tx);
    const previous = await tx
      .selectFrom('ledger_checkpoint')
      .select('upto_seq')
      .orderBy('upto_seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const fromSeq = Number(previous?.upto_seq ?? 0) + 1;
    const head = await readHead(tx);
    if (head.seq < fromSeq) return undefined;
    const before = fromSeq === 1 ? undefined : await entryAt(tx, fromSeq - 1);
    if (fromSeq > 1 && !before) {
      throw conflict(
        'ledger.entry_missing',
        { seq: fromSeq - 1 },
        {
          seq: fromSeq - 1,
          problem: 'missing_entries',
        },
      );
    }
    const walker = new ChainWalker({ nextSeq: fromSeq, prevHash: before?.hash ?? GENESIS_HASH });
    const builder = new MerkleBuilder();
    const problem =
      (await streamEntries(tx, { fromSeq, uptoSeq: head.seq }, DEFAULT_BATCH, (entry) => {
        const found = walker.next(entry);
        if (!found) builder.add(entry.hash);
        return found;
      })) ?? (await headProblem(tx, head, walker));
    if (problem) throw conflict('ledger.chain_broken', { seq: problem.seq }, problem);
    const checkpoint: Checkpoint = {
      fromSeq,
      uptoSeq: head.seq,
      merkleRoot: builder.root(),
      createdAt: now.toISOString(),
    };
    await tx
      .insertInto('ledger_checkpoint')
      .values({
        from_seq: checkpoint.fromSeq,
        upto_seq: checkpoint.uptoSeq,
        merkle_root: checkpoint.merkleRoot,
        created_at: checkpoint.createdAt,
      })
      .execute();
    return checkpoint;
  });
}

/** Checkpoints, newest first; `beforeSeq` pages back (only those sealing entries before it). */
export async function listCheckpoints(
  q: Queryable,
  options: { limit: number; beforeSeq?: number },
): Promise<Checkpoint[]> {
  let query = q.selectFrom('ledger_checkpoint').selectAll().orderBy('upto_seq', 'desc').limit(options.limit);
  if (options.beforeSeq !== undefined) query = query.where('upto_seq', '<', options.beforeSeq);
  return (await query.execute()).map(toCheckpoint);
}

/**
 * Recomputes each entry's hash from its stored prev_hash and checks its payload is canonical: a
 * cheap check of one case's entries (the links between them and other cases' entries are
 * checked by `verifyLedger`).
 */
export function verifyCaseEntries(entries: readonly StoredEntry[]): CaseVerification {
  const broken = entries.map(checkEntryContents).filter((b): b is BrokenEntry => b !== undefined);
  return { ok: broken.length === 0, checked: entries.length, broken };
}

/** A case's events in seq order with payloads parsed, and their per-case verification. */
export async function caseHistory(q: Queryable, caseId: string): Promise<CaseHistory> {
  if (typeof caseId !== 'string' || caseId.length === 0 || caseId.length > 200) {
    throw badRequest('caseId', 'validation.length_range', { min: 1, max: 200 });
  }
  const rows = await q
    .selectFrom('case_event')
    .select(ENTRY_COLUMNS)
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
  const entries = rows.map(toStored);
  return { caseId, events: entries.map(toAppended), verification: verifyCaseEntries(entries) };
}
