/**
 * Checks stored chain entries and checkpoints one at a time, in seq order, so the whole history can
 * be audited while streaming it from the database. Pure: the caller reads the rows.
 */

import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { entryHash, GENESIS_HASH, type LinkedEntry } from './chain.ts';
import { entryLeafHash, TreeBuilder } from './merkle.ts';
import { checkpointSignedBy, keyIdOf, type SignedCheckpoint } from './signing.ts';

/** What can be wrong with the history. */
export const LEDGER_PROBLEMS = [
  'hash_mismatch', // an entry's contents were changed
  'prev_hash_mismatch', // an entry no longer links to the one before it
  'missing_entries', // a gap in seq: entries were deleted
  'head_mismatch', // the head disagrees with the last entry: the end was cut or extended
  'checkpoint_mismatch', // a sealed history was rewritten or cut, hashes and all
  'checkpoint_signature_invalid', // a checkpoint not signed by the ledger's key: forged or altered
  'state_mismatch', // a case's stored state is not what its history gives: edited outside the ledger
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
export type StoredEntry = LinkedEntry<string>;

/** A checkpoint to check the entries against, and where it came from (the database or a file). */
export interface SourcedCheckpoint {
  checkpoint: SignedCheckpoint;
  /** 'database', or the path of an exported checkpoint file. */
  source: string;
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

function describeCheckpoint({ checkpoint: cp, source }: SourcedCheckpoint): string {
  const signed = cp.signature ? `signed checkpoint (key ${cp.keyId})` : 'unsigned checkpoint';
  const where = source === 'database' ? 'in the database' : `in ${source}`;
  return `the ${signed} over seq 1–${cp.treeSize} ${where} (sealed ${cp.signedAt})`;
}

function checkpointBroken(
  { checkpoint }: SourcedCheckpoint,
  problem: LedgerProblem,
  message: string,
): BrokenEntry {
  return { seq: checkpoint.treeSize, id: null, caseId: null, problem, message };
}

/**
 * The first checkpoint whose signature cannot be trusted: signed by a key other than `trusted`, or
 * not matching its signature; and an unsigned one (only migrated checkpoints from before signing are
 * unsigned) above the first signed one. Files must always be signed.
 */
export function untrustedCheckpoint(
  checkpoints: readonly SourcedCheckpoint[],
  trusted: KeyObject,
): BrokenEntry | undefined {
  const firstSigned = Math.min(
    ...checkpoints.filter((c) => c.checkpoint.signature !== null).map((c) => c.checkpoint.treeSize),
  );
  for (const sourced of [...checkpoints].sort((a, b) => a.checkpoint.treeSize - b.checkpoint.treeSize)) {
    const { checkpoint, source } = sourced;
    if (checkpoint.signature === null) {
      if (source === 'database' && checkpoint.treeSize < firstSigned) continue;
      return checkpointBroken(
        sourced,
        'checkpoint_signature_invalid',
        `${describeCheckpoint(sourced)} carries no signature, but checkpoints have been signed since seq ${firstSigned}: it was written outside the ledger`,
      );
    }
    if (!checkpointSignedBy(checkpoint, trusted)) {
      const why =
        checkpoint.keyId === keyIdOf(trusted)
          ? 'its signature does not match its contents'
          : `it claims key ${checkpoint.keyId}, but the ledger's key is ${keyIdOf(trusted)}`;
      return checkpointBroken(
        sourced,
        'checkpoint_signature_invalid',
        `${describeCheckpoint(sourced)} is refused: ${why}. It was forged or altered`,
      );
    }
  }
  return undefined;
}

/**
 * Recomputes the RFC 9162 root of the history while the entries stream past (O(log n) memory) and
 * compares it with every checkpoint when the tree reaches its size.
 */
export class CheckpointTracker {
  private readonly bySize = new Map<number, SourcedCheckpoint[]>();
  private readonly tree = new TreeBuilder();
  private matched = 0;

  constructor(checkpoints: readonly SourcedCheckpoint[]) {
    for (const c of checkpoints) {
      const list = this.bySize.get(c.checkpoint.treeSize) ?? [];
      list.push(c);
      this.bySize.set(c.checkpoint.treeSize, list);
    }
  }

  /** Checkpoints whose root matched. */
  get verified(): number {
    return this.matched;
  }

  /** The RFC 9162 root over the entries fed so far. */
  root(): string {
    return this.tree.root();
  }

  /** Feeds the next entry (already checked by the walker); a problem when a checkpoint's root differs. */
  onEntry(seq: number, hash: string): BrokenEntry | undefined {
    this.tree.add(entryLeafHash(hash));
    const due = this.bySize.get(seq);
    if (!due) return undefined;
    this.bySize.delete(seq);
    const root = this.tree.root();
    for (const c of due) {
      if (c.checkpoint.rootHash !== root) {
        return checkpointBroken(
          c,
          'checkpoint_mismatch',
          `${describeCheckpoint(c)} no longer matches: it sealed root ${c.checkpoint.rootHash}, the stored entries seq 1–${seq} now give ${root}. An entry up to seq ${seq} was rewritten after the checkpoint and the later hashes recomputed to hide it`,
        );
      }
      this.matched++;
    }
    return undefined;
  }

  /** After the last entry: a checkpoint larger than the chain means entries were cut from the end. */
  afterEnd(lastSeq: number): BrokenEntry | undefined {
    const left = [...this.bySize.values()]
      .flat()
      .sort((a, b) => a.checkpoint.treeSize - b.checkpoint.treeSize);
    const first = left[0];
    if (!first) return undefined;
    return checkpointBroken(
      first,
      'checkpoint_mismatch',
      `${describeCheckpoint(first)} covers entries beyond the end of the chain (seq ${lastSeq}): entries were removed from the end and the head rewritten`,
    );
  }
}
