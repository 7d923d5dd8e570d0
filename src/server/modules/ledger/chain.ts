/**
 * The hash chain and Merkle tree of the tamper-evident case history (SPEC §9, "区块链"). Pure: no
 * database, no clock. Every case event commits to the hash of the entry before it; a checkpoint
 * commits to a whole range of entries with one Merkle root.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/canonical-json.ts';

/** The "hash" before the first entry: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** What one chain entry commits to. `payload` is the parsed JSON value, not its text. */
export interface ChainEntry {
  seq: number;
  id: string;
  caseId: string;
  type: string;
  actorId: string | null;
  actorRole: string | null;
  /** ISO-8601 UTC, as stored. */
  at: string;
  payload: unknown;
}

/** SHA-256 of a UTF-8 string, as 64 lower-case hex digits. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The hash of an entry: sha256(prevHash + '\n' + canonicalJson({ seq, id, caseId, type, actorId,
 * actorRole, at, payload })).
 */
export function entryHash(prevHash: string, entry: ChainEntry): string {
  const body = canonicalJson({
    seq: entry.seq,
    id: entry.id,
    caseId: entry.caseId,
    type: entry.type,
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    at: entry.at,
    payload: entry.payload,
  });
  return sha256Hex(`${prevHash}\n${body}`);
}

/** The parent of two Merkle nodes: sha256 of the two hex strings concatenated. */
function parentOf(left: string, right: string): string {
  return sha256Hex(left + right);
}

/**
 * Builds a Merkle root one leaf at a time, holding only one pending node per tree level, so a
 * checkpoint over millions of entries needs O(log n) memory. Same root as `merkleRoot`.
 */
export class MerkleBuilder {
  /** pending[level]: a finished node still waiting for its right sibling. */
  private readonly pending: (string | undefined)[] = [];
  private leaves = 0;

  /** Number of leaves added so far. */
  get size(): number {
    return this.leaves;
  }

  /** Adds the next leaf (a 64-hex-digit hash). */
  add(hash: string): void {
    this.leaves++;
    let node = hash;
    let level = 0;
    for (;;) {
      const waiting = this.pending[level];
      if (waiting === undefined) {
        this.pending[level] = node;
        return;
      }
      this.pending[level] = undefined;
      node = parentOf(waiting, node);
      level++;
    }
  }

  /**
   * The root over the leaves added so far (the builder stays usable). At a level with an odd
   * number of nodes the last one is paired with itself.
   */
  root(): string {
    if (this.leaves === 0) return GENESIS_HASH;
    const top = this.pending.length - 1;
    let carry: string | undefined;
    for (let level = 0; level <= top; level++) {
      const waiting = this.pending[level];
      const higherPending = this.pending.slice(level + 1).some((p) => p !== undefined);
      if (waiting !== undefined && carry !== undefined) {
        carry = parentOf(waiting, carry);
      } else if (waiting !== undefined || carry !== undefined) {
        const last = (waiting ?? carry) as string;
        // The only node left anywhere is the root; otherwise it is the odd one out at its level.
        if (!higherPending) return last;
        carry = parentOf(last, last);
      }
    }
    return carry as string;
  }
}

/**
 * The Merkle root of a list of hashes: a binary tree of pairwise sha256 over the two hex strings
 * concatenated, the last node duplicated at odd levels. One leaf is its own root; none is GENESIS_HASH.
 */
export function merkleRoot(hashes: readonly string[]): string {
  const builder = new MerkleBuilder();
  for (const hash of hashes) builder.add(hash);
  return builder.root();
}
