/**
 * Inclusion proof bundles (存证包): one case's history entries, each with its RFC 9162 inclusion
 * proof in the newest signed checkpoint, the checkpoint and the public key — everything needed to
 * check offline, without the database, that these entries are part of the signed history
 * (`zhizhi verify-proof`, docs/ledger.md). The tree is rebuilt from the stored hashes and must give
 * the signed root, or the bundle is refused.
 */

import type { Kysely } from 'kysely';
import type { Queryable as AnyQueryable } from '../../database.ts';
import { conflict } from '../../platform/errors.ts';
import { latestSignedCheckpoint } from './checkpoints.ts';
import { ENTRY_COLUMNS, type StoredEntry, toStored } from './ledger.ts';
import { entryLeafHash, MerkleTree } from './merkle.ts';
import type { LedgerTables } from './schema.ts';
import { checkpointJson, type SignedCheckpoint } from './signing.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Queryable = AnyQueryable<LedgerTables>;
type Db = Kysely<LedgerTables>;

/** The format name of a proof bundle. */
export const PROOF_FORMAT = 'zhizhi-proof/v1';

/** One entry of a bundle: its contents (unless redacted), its chain hash and its inclusion proof. */
export interface ProofEntry {
  seq: number;
  /** seq − 1: the entry's leaf in the Merkle tree. */
  leafIndex: number;
  /** The chain hash: the leaf is SHA-256(0x00 || these 32 bytes). */
  hash: string;
  /** The RFC 9162 audit path, leaf to root, hex. */
  inclusionProof: string[];
  /**
   * What the hash commits to, the payload as the canonical JSON text exactly as hashed; absent when
   * the viewer may not see it (an anonymous reporter's entry).
   */
  entry?: Omit<StoredEntry, 'seq' | 'hash'>;
}

/** A proof bundle as downloaded. */
export interface ProofBundle {
  format: typeof PROOF_FORMAT;
  caseId: string;
  checkpoint: Record<string, unknown>;
  publicKey: { algorithm: 'Ed25519'; keyId: string; pem: string };
  entries: ProofEntry[];
  /** Seqs of the case's entries appended after the checkpoint: in the next one (hourly). */
  unsealed: number[];
}

/** Rows per query when reading the stored hashes. */
const HASH_BATCH = 5_000;

/** The leaf hashes of entries seq 1…treeSize (fewer when entries are missing). */
export async function leafHashes(q: Queryable, treeSize: number): Promise<Buffer[]> {
  const leaves: Buffer[] = [];
  for (let after = 0; after < treeSize; ) {
    const rows = await q
      .selectFrom('case_event')
      .select(['seq', 'hash'])
      .where('seq', '>', after)
      .where('seq', '<=', treeSize)
      .orderBy('seq')
      .limit(HASH_BATCH)
      .execute();
    for (const row of rows) {
      if (Number(row.seq) !== leaves.length + 1) break;
      leaves.push(entryLeafHash(row.hash));
    }
    if (rows.length < HASH_BATCH || leaves.length !== Number(rows.at(-1)?.seq)) break;
    after = leaves.length;
  }
  return leaves;
}

/**
 * Builds Merkle trees for signed checkpoints, keeping the newest one (checkpoints change hourly,
 * bundles are asked for more often).
 */
export function createProofService(db: Db) {
  let cached: { checkpoint: SignedCheckpoint; tree: MerkleTree } | undefined;

  /** The tree of the newest signed checkpoint, checked against its signed root; 409 when none or it differs. */
  async function signedTree(): Promise<{ checkpoint: SignedCheckpoint; tree: MerkleTree }> {
    const checkpoint = await latestSignedCheckpoint(db);
    if (!checkpoint) {
      throw conflict('ledger.no_signed_checkpoint');
    }
    if (
      cached?.checkpoint.treeSize === checkpoint.treeSize &&
      cached.checkpoint.rootHash === checkpoint.rootHash
    ) {
      return cached;
    }
    const tree = new MerkleTree(await leafHashes(db, checkpoint.treeSize));
    if (tree.size !== checkpoint.treeSize || tree.root() !== checkpoint.rootHash) {
      throw conflict('ledger.root_mismatch', { size: checkpoint.treeSize });
    }
    cached = { checkpoint, tree };
    return cached;
  }

  return {
    signedTree,

    /** The bundle for one case's entries; `redact` hides an entry's contents (never its hash). */
    async bundle(
      caseId: string,
      publicKey: ProofBundle['publicKey'],
      redact: (entry: { seq: number; actorId: string | null }) => boolean,
    ): Promise<ProofBundle> {
      const { checkpoint, tree } = await signedTree();
      const rows = await db
        .selectFrom('case_event')
        .select(ENTRY_COLUMNS)
        .where('case_id', '=', caseId)
        .orderBy('seq')
        .execute();
      const entries: ProofEntry[] = [];
      const unsealed: number[] = [];
      for (const stored of rows.map(toStored)) {
        if (stored.seq > checkpoint.treeSize) {
          unsealed.push(stored.seq);
          continue;
        }
        const { seq, hash, prevHash, id, type, actorId, actorRole, at, payload } = stored;
        entries.push({
          seq,
          leafIndex: seq - 1,
          hash,
          inclusionProof: tree.inclusionProof(seq - 1, checkpoint.treeSize),
          ...(redact({ seq, actorId })
            ? {}
            : { entry: { id, caseId: stored.caseId, type, actorId, actorRole, at, payload, prevHash } }),
        });
      }
      return {
        format: PROOF_FORMAT,
        caseId,
        checkpoint: checkpointJson(checkpoint),
        publicKey,
        entries,
        unsealed,
      };
    },
  };
}

export type ProofService = ReturnType<typeof createProofService>;
