/**
 * The hash chain and Merkle tree of the tamper-evident case history (SPEC §9, "区块链"). Pure: no
 * database, no clock. Every case event commits to the hash of the entry before it; checkpoints
 * commit to the whole history with an RFC 9162 Merkle root (merkle.ts).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/canonical-json.ts';

/** The "hash" before the first entry: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * What one chain entry commits to. `Payload` is the parsed JSON value (what is hashed) or, as
 * stored, its canonical JSON text.
 */
export interface EntryFields<Payload = unknown> {
  seq: number;
  id: string;
  caseId: string;
  type: string;
  actorId: string | null;
  actorRole: string | null;
  /** ISO-8601 UTC, as stored. */
  at: string;
  payload: Payload;
}

/** What one chain entry commits to, with its payload as the parsed JSON value, not its text. */
export type ChainEntry = EntryFields<unknown>;

/** An entry linked into the chain: its fields, the hash of the entry before it and its own hash. */
export interface LinkedEntry<Payload = unknown> extends EntryFields<Payload> {
  prevHash: string;
  hash: string;
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
