/**
 * Row types of the jobs module's tables, as Kysely sees them: the durable job table. Timestamps are
 * ISO-8601 UTC strings on both dialects (PostgreSQL `timestamptz` is parsed back to ISO), booleans
 * are 0/1, JSON is canonical text.
 */
export interface JobTable {
  id: string;
  kind: string;
  run_at: string;
  dedupe_key: string;
  payload: string;
  status: string; // 'pending' | 'running' | 'done' | 'failed'
  attempts: number;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
}

/** The tables the jobs module owns; only its repository code queries them. */
export interface JobsTables {
  job: JobTable;
}
