/** `ledger_signed_checkpoint` rows as checkpoints. */
import type { LedgerSignedCheckpointTable } from './schema.ts';
import type { SignedCheckpoint } from './signing.ts';

/** A stored row as a checkpoint (PostgreSQL gives bigints back as strings). */
export function toSignedCheckpoint(row: LedgerSignedCheckpointTable): SignedCheckpoint {
  return {
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    signedAt: row.signed_at,
    keyId: row.key_id,
    signature: row.signature,
  };
}
