/**
 * Row types of the ledger module's tables, as Kysely sees them: the tamper-evident history (case
 * events), its head and signed checkpoints. Timestamps are ISO-8601 UTC strings on both dialects
 * (PostgreSQL `timestamptz` is parsed back to ISO), booleans are 0/1, JSON is canonical text.
 */
export interface CaseEventTable {
  seq: number;
  id: string;
  case_id: string;
  type: string;
  actor_id: string | null;
  actor_role: string | null;
  at: string;
  /** Canonical JSON: the exact bytes the hash commits to. */
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface LedgerHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** A checkpoint (signed tree head): the RFC 9162 root over entries seq 1…tree_size, Ed25519-signed. */
export interface LedgerSignedCheckpointTable {
  tree_size: number;
  root_hash: string;
  signed_at: string;
  /** Null only for checkpoints migrated from before signing (0005). */
  key_id: string | null;
  signature: string | null;
}

/** The tables the ledger module owns; only its repository code queries them. */
export interface LedgerTables {
  case_event: CaseEventTable;
  ledger_head: LedgerHeadTable;
  ledger_signed_checkpoint: LedgerSignedCheckpointTable;
}
