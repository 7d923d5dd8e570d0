/**
 * The tamper-evident case history (SPEC §9, "区块链"): every case event in the system is appended
 * to one SHA-256 hash chain (global seq 1, 2, 3, …), periodically sealed by signed RFC 9162 Merkle
 * checkpoints (checkpoints.ts), and verified end to end by streaming it in seq order.
 */

import type { Transaction } from 'kysely';
import type { Queryable as AnyQueryable } from '../../database.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { forUpdate } from '../../platform/db/database.ts';
import type { Dialect } from '../../platform/db/dialect.ts';
import { badRequest } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { type BrokenEntry, checkEntryContents, parsePayload, type StoredEntry } from './audit.ts';
import { entryHash, GENESIS_HASH, type LinkedEntry } from './chain.ts';
import type { CaseEventTable, LedgerTables } from './schema.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Queryable = AnyQueryable<LedgerTables>;
type Tx = Transaction<LedgerTables>;

export type { BrokenEntry, LedgerProblem, StoredEntry } from './audit.ts';

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
export type AppendedEvent = LinkedEntry<unknown>;

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

export const HEAD_ID = 1;
/** Rows per INSERT: 10 columns each stays well under SQLite's bound-parameter limit. */
const INSERT_CHUNK = 500;
/** Rows per query when streaming the chain. */
export const DEFAULT_BATCH = 1_000;
const MAX_BATCH = 100_000;
/** Accepted: ISO-8601 date-time with a zone. Stored: UTC with milliseconds, as PostgreSQL gives it back. */
const ISO_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The `case_event` columns of a stored entry. */
export const ENTRY_COLUMNS = [
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

/** A `case_event` row as a stored entry. */
export function toStored(row: CaseEventTable): StoredEntry {
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

/** The ledger head (seq 0 and the genesis hash before the first entry). */
export async function readHead(q: Queryable): Promise<{ seq: number; hash: string }> {
  const head = await q
    .selectFrom('ledger_head')
    .select(['seq', 'hash'])
    .where('id', '=', HEAD_ID)
    .executeTakeFirst();
  return head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
}

export function batchSizeOf(options: { batchSize?: number }): number {
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
export async function streamEntries(
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

/** The entry at one seq, if stored. */
export async function entryAt(q: Queryable, seq: number): Promise<StoredEntry | undefined> {
  const row = await q
    .selectFrom('case_event')
    .select(ENTRY_COLUMNS)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row && toStored(row);
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
  const entries = (await caseEventRows(q, caseId)).map(toStored);
  return { caseId, events: entries.map(toAppended), verification: verifyCaseEntries(entries) };
}

/**
 * A case's `case_event` rows as stored, in seq order: the history other modules show. Any module may
 * call it with its own transaction.
 */
export function caseEventRows(anyQ: AnyQueryable, caseId: string): Promise<CaseEventTable[]> {
  const q: Queryable = anyQ;
  return q
    .selectFrom('case_event')
    .select(ENTRY_COLUMNS)
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
}

/**
 * The entries of these types of these cases (case id, type, stored payload), newest first: e.g. the
 * reason of a case's last rejection. Any module may call it with its own transaction.
 */
export async function latestCaseEvents(
  anyQ: AnyQueryable,
  caseIds: readonly string[],
  types: readonly string[],
): Promise<{ case_id: string; type: string; payload: string }[]> {
  const q: Queryable = anyQ;
  if (caseIds.length === 0 || types.length === 0) return [];
  return q
    .selectFrom('case_event')
    .select(['case_id', 'type', 'payload'])
    .where('case_id', 'in', [...caseIds])
    .where('type', 'in', [...types])
    .orderBy('seq', 'desc')
    .execute();
}
