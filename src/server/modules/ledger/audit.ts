/**
 * Checks stored chain entries and checkpoints one at a time, in seq order, so the whole history can
 * be audited while streaming it from the database. Pure: the caller reads the rows.
 */
import { canonicalJson } from '../../platform/canonical-json.ts';
import { entryHash, GENESIS_HASH, MerkleBuilder } from './chain.ts';

/** What can be wrong with the history. */
export const LEDGER_PROBLEMS = [
  'hash_mismatch', // an entry's contents were changed
  'prev_hash_mismatch', // an entry no longer links to the one before it
  'missing_entries', // a gap in seq: entries were deleted
  'head_mismatch', // the head disagrees with the last entry: the end was cut or extended
  'checkpoint_mismatch', // a sealed range was rewritten, hashes and all
  'payload_not_canonical', // a payload was written outside the ledger
] as const;
export type LedgerProblem = (typeof LEDGER_PROBLEMS)[number];

/** The first place the history is broken, named so a person can find it. */
export interface BrokenEntry {
  seq: number;
  /** The entry's id, or null when the entry is missing. */
  id: string | null;
  caseId: string | null;
  problem: LedgerProblem;
  message: string;
}

/** One `case_event` row as stored: `payload` is the canonical JSON text the hash commits to. */
export interface StoredEntry {
  seq: number;
  id: string;
  caseId: string;
  type: string;
  actorId: string | null;
  actorRole: string | null;
  at: string;
  payload: string;
  prevHash: string;
  hash: string;
}

/** One `ledger_checkpoint` row: a Merkle root over the stored hashes of seq fromSeq…uptoSeq. */
export interface Checkpoint {
  fromSeq: number;
  uptoSeq: number;
  merkleRoot: string;
  createdAt: string;
}

/** "entry seq 7 (id …, case …)": how every message names an entry. */
export function describeEntry(entry: Pick<StoredEntry, 'seq' | 'id' | 'caseId'>): string {
  return `entry seq ${entry.seq} (id ${entry.id}, case ${entry.caseId})`;
}

function broken(entry: StoredEntry, problem: LedgerProblem, message: string): BrokenEntry {
  return { seq: entry.seq, id: entry.id, caseId: entry.caseId, problem, message };
}

/** Parses a stored payload; undefined when it is not JSON at all. */
export function parsePayload(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/**
 * Checks one entry on its own: its payload is canonical JSON and its hash is what its contents and
 * its stored prev_hash give. Says nothing about the link to the entry before it.
 */
export function checkEntryContents(entry: StoredEntry): BrokenEntry | undefined {
  const parsed = parsePayload(entry.payload);
  if (!parsed) {
    return broken(entry, 'payload_not_canonical', `${describeEntry(entry)} has a payload that is not JSON`);
  }
  if (canonicalJson(parsed.value) !== entry.payload) {
    return broken(
      entry,
      'payload_not_canonical',
      `${describeEntry(entry)} has a payload that is not in canonical form: it was written outside the ledger`,
    );
  }
  const expected = entryHash(entry.prevHash, { ...entry, payload: parsed.value });
  if (expected !== entry.hash) {
    return broken(
      entry,
      'hash_mismatch',
      `${describeEntry(entry)} was altered: its contents hash to ${expected}, not to the stored ${entry.hash}`,
    );
  }
  return undefined;
}

/**
 * Walks the chain in seq order: each entry must have the next seq (a gap means deleted entries),
 * link to the previous entry's hash, and pass `checkEntryContents`.
 */
export class ChainWalker {
  private nextSeq: number;
  private prevHash: string;
  private previous: StoredEntry | undefined;
  private checked = 0;

  constructor(start: { nextSeq: number; prevHash: string } = { nextSeq: 1, prevHash: GENESIS_HASH }) {
    this.nextSeq = start.nextSeq;
    this.prevHash = start.prevHash;
  }

  /** Entries that passed. */
  get count(): number {
    return this.checked;
  }
  /** Seq of the last entry that passed (nextSeq - 1 before any). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }
  /** Hash of the last entry that passed (the starting prev hash before any). */
  get lastHash(): string {
    return this.prevHash;
  }

  /** Checks the next entry; a problem means the walk must stop. */
  next(entry: StoredEntry): BrokenEntry | undefined {
    if (entry.seq !== this.nextSeq) {
      const gap = entry.seq - this.nextSeq;
      const missing =
        gap === 1
          ? `entry seq ${this.nextSeq} is missing`
          : `entries seq ${this.nextSeq}–${entry.seq - 1} are missing`;
      const before = this.previous ? `from ${describeEntry(this.previous)}` : 'from the start';
      return {
        seq: this.nextSeq,
        id: null,
        caseId: null,
        problem: 'missing_entries',
        message: `${missing}: the chain jumps ${before} to ${describeEntry(entry)}`,
      };
    }
    if (entry.prevHash !== this.prevHash) {
      const before = this.previous ? `the hash of ${describeEntry(this.previous)}` : 'the genesis hash';
      return broken(
        entry,
        'prev_hash_mismatch',
        `${describeEntry(entry)} does not link to the entry before it: its prev_hash ${entry.prevHash} is not ${before}, ${this.prevHash}`,
      );
    }
    const problem = checkEntryContents(entry);
    if (problem) return problem;
    this.nextSeq++;
    this.prevHash = entry.hash;
    this.previous = entry;
    this.checked++;
    return undefined;
  }
}

function describeCheckpoint(cp: Checkpoint): string {
  return `the checkpoint over seq ${cp.fromSeq}–${cp.uptoSeq} (sealed ${cp.createdAt})`;
}

function checkpointBroken(cp: Checkpoint, message: string): BrokenEntry {
  return { seq: cp.fromSeq, id: null, caseId: null, problem: 'checkpoint_mismatch', message };
}

/**
 * Recomputes every checkpoint's Merkle root while the entries stream past, holding O(log n) hashes
 * per open checkpoint.
 */
export class CheckpointTracker {
  private readonly waiting: Checkpoint[];
  private open: { checkpoint: Checkpoint; builder: MerkleBuilder }[] = [];
  private matched = 0;

  /** `checkpoints` in any order. */
  constructor(checkpoints: readonly Checkpoint[]) {
    this.waiting = [...checkpoints].sort((a, b) => a.fromSeq - b.fromSeq || a.uptoSeq - b.uptoSeq);
  }

  /** Checkpoints whose root matched. */
  get verified(): number {
    return this.matched;
  }

  /** A checkpoint that cannot be right whatever the entries are (an empty or impossible range). */
  malformed(): BrokenEntry | undefined {
    const bad = this.waiting.find((cp) => cp.fromSeq < 1 || cp.uptoSeq < cp.fromSeq);
    return bad && checkpointBroken(bad, `${describeCheckpoint(bad)} has an impossible range`);
  }

  /** Feeds the next entry (already checked by the walker); a problem when a checkpoint closes wrong. */
  onEntry(seq: number, hash: string): BrokenEntry | undefined {
    while (this.waiting.length > 0 && (this.waiting[0] as Checkpoint).fromSeq <= seq) {
      this.open.push({ checkpoint: this.waiting.shift() as Checkpoint, builder: new MerkleBuilder() });
    }
    let problem: BrokenEntry | undefined;
    this.open = this.open.filter(({ checkpoint, builder }) => {
      builder.add(hash);
      if (checkpoint.uptoSeq !== seq) return true;
      const root = builder.root();
      if (root === checkpoint.merkleRoot) this.matched++;
      else
        problem ??= checkpointBroken(
          checkpoint,
          `${describeCheckpoint(checkpoint)} no longer matches: its Merkle root was ${checkpoint.merkleRoot}, the entries now give ${root}. An entry in seq ${checkpoint.fromSeq}–${checkpoint.uptoSeq} was rewritten after the checkpoint and the later hashes recomputed to hide it`,
        );
      return false;
    });
    return problem;
  }

  /** After the last entry: a checkpoint still open covers entries that are gone. */
  afterEnd(lastSeq: number): BrokenEntry | undefined {
    const left = [...this.open.map((o) => o.checkpoint), ...this.waiting];
    const first = left[0];
    if (!first) return undefined;
    return checkpointBroken(
      first,
      `${describeCheckpoint(first)} covers entries beyond the end of the chain (seq ${lastSeq}): entries were removed from the end and the head rewritten`,
    );
  }
}
