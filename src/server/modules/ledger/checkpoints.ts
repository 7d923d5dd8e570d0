/**
 * Signed checkpoints (签名检查点): the RFC 9162 root over the whole history so far, signed with the
 * ledger key, stored, exported as a file under `<dataDir>/checkpoints/` and, when configured, posted
 * to an outside witness. A checkpoint is only signed over a history consistent with every earlier
 * checkpoint, so a rewrite made in the database is refused, never blessed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Queryable as AnyQueryable } from '../../database.ts';
import type { Dialect } from '../../platform/db/dialect.ts';
import { conflict } from '../../platform/errors.ts';
import {
  type BrokenEntry,
  ChainWalker,
  CheckpointTracker,
  type SourcedCheckpoint,
  untrustedCheckpoint,
} from './audit.ts';
import { toSignedCheckpoint } from './checkpoint-rows.ts';
import { DEFAULT_BATCH, readHead, streamEntries } from './ledger.ts';
import type { LedgerTables } from './schema.ts';
import { checkpointJson, type LedgerSigner, parseCheckpointJson, type SignedCheckpoint } from './signing.ts';
import { headProblem } from './verify.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Queryable = AnyQueryable<LedgerTables>;
type Db = Kysely<LedgerTables>;

/** pg_advisory_xact_lock key serialising checkpoint writers across nodes ("zhizhi:ledger:ckpt"). */
const CHECKPOINT_LOCK = 7_350_001_925;

/** The folder of exported checkpoints and the published public key. */
export function checkpointDir(dataDir: string): string {
  return path.join(dataDir, 'checkpoints');
}

/** The published public key file. */
export function publicKeyFile(dataDir: string): string {
  return path.join(checkpointDir(dataDir), 'public-key.pem');
}

/**
 * Signs a checkpoint over entries seq 1…head after checking that the stored history is consistent
 * with every stored checkpoint and every `external` one (signatures, roots, nothing cut off) and that
 * the entries since the last one chain correctly. Undefined when nothing is new; 409 when broken.
 */
export async function writeCheckpoint(
  db: Db,
  dialect: Dialect,
  now: Date,
  signer: LedgerSigner,
  external: readonly SourcedCheckpoint[] = [],
): Promise<SignedCheckpoint | undefined> {
  return db.transaction().execute(async (tx) => {
    if (dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(${CHECKPOINT_LOCK}::bigint)`.execute(tx);
    const stored = (await tx.selectFrom('ledger_signed_checkpoint').selectAll().execute()).map(
      (row): SourcedCheckpoint => ({ checkpoint: toSignedCheckpoint(row), source: 'database' }),
    );
    const checkpoints = [...stored, ...external];
    const sealed = Math.max(0, ...checkpoints.map((c) => c.checkpoint.treeSize));
    const untrusted = untrustedCheckpoint(checkpoints, signer.publicKey);
    if (untrusted) throw conflict('ledger.cannot_sign', { reason: untrusted.message }, untrusted);
    const head = await readHead(tx);
    if (head.seq === 0 && sealed === 0) return undefined;
    if (head.seq === sealed && stored.some((c) => c.checkpoint.treeSize === sealed)) return undefined;
    const tracker = new CheckpointTracker(checkpoints);
    let walker = sealed === 0 ? new ChainWalker() : undefined;
    let expected = 1;
    const problem =
      (await streamEntries(tx, { fromSeq: 1, uptoSeq: head.seq }, DEFAULT_BATCH, (entry) => {
        if (entry.seq !== expected) return missing(expected);
        expected++;
        if (walker) return walker.next(entry) ?? tracker.onEntry(entry.seq, entry.hash);
        const found = tracker.onEntry(entry.seq, entry.hash);
        if (entry.seq === sealed) walker = new ChainWalker({ nextSeq: entry.seq + 1, prevHash: entry.hash });
        return found;
      })) ??
      (walker ? await headProblem(tx, head, walker) : undefined) ??
      tracker.afterEnd(expected - 1);
    if (problem) throw conflict('ledger.broken_history', { reason: problem.message }, problem);
    const checkpoint = signer.sign({
      treeSize: head.seq,
      rootHash: tracker.root(),
      signedAt: now.toISOString(),
    });
    await tx
      .insertInto('ledger_signed_checkpoint')
      .values({
        tree_size: checkpoint.treeSize,
        root_hash: checkpoint.rootHash,
        signed_at: checkpoint.signedAt,
        key_id: checkpoint.keyId,
        signature: checkpoint.signature,
      })
      .onConflict((oc) => oc.column('tree_size').doNothing())
      .execute();
    return checkpoint;
  });
}

function missing(seq: number): BrokenEntry {
  return {
    seq,
    id: null,
    caseId: null,
    problem: 'missing_entries',
    message: `entry seq ${seq} is missing from the sealed history`,
  };
}

/** Checkpoints, newest first; `beforeSize` pages back. */
export async function listCheckpoints(
  q: Queryable,
  options: { limit: number; beforeSize?: number },
): Promise<SignedCheckpoint[]> {
  let query = q
    .selectFrom('ledger_signed_checkpoint')
    .selectAll()
    .orderBy('tree_size', 'desc')
    .limit(options.limit);
  if (options.beforeSize !== undefined) query = query.where('tree_size', '<', options.beforeSize);
  return (await query.execute()).map(toSignedCheckpoint);
}

/** The newest signed checkpoint, if any. */
export async function latestSignedCheckpoint(q: Queryable): Promise<SignedCheckpoint | undefined> {
  const row = await q
    .selectFrom('ledger_signed_checkpoint')
    .selectAll()
    .where('signature', 'is not', null)
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toSignedCheckpoint(row);
}

/** Writes `<dataDir>/checkpoints/<treeSize>.json` and the public key beside it. */
export function exportCheckpoint(
  dataDir: string,
  checkpoint: SignedCheckpoint,
  publicKeyPem: string,
): string {
  const dir = checkpointDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  publishPublicKey(dataDir, publicKeyPem);
  const file = path.join(dir, `${checkpoint.treeSize}.json`);
  fs.writeFileSync(file, `${JSON.stringify(checkpointJson(checkpoint), null, 2)}\n`);
  return file;
}

/** Writes `<dataDir>/checkpoints/public-key.pem` (only when it differs, so it is not rewritten needlessly). */
export function publishPublicKey(dataDir: string, publicKeyPem: string): void {
  const file = publicKeyFile(dataDir);
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === publicKeyPem) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, publicKeyPem);
}

/** The exported checkpoint files in the data dir, smallest tree first. */
export function exportedCheckpointFiles(dataDir: string): string[] {
  const dir = checkpointDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^\d+\.json$/.test(name))
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10))
    .map((name) => path.join(dir, name));
}

/** Reads checkpoint files; throws a message naming the first file that is not one. */
export function readCheckpointFiles(files: readonly string[]): SourcedCheckpoint[] {
  return files.map((file) => {
    let parsed: SignedCheckpoint | string;
    try {
      parsed = parseCheckpointJson(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch (error) {
      parsed = (error as Error).message;
    }
    if (typeof parsed === 'string') throw new Error(`${file} is not a checkpoint file: ${parsed}`);
    return { checkpoint: parsed, source: file };
  });
}

/** Where sealing needs to reach beyond the database. */
export interface SealerDeps {
  db: Db;
  dialect: Dialect;
  signer: LedgerSigner;
  dataDir: string;
  /** POSTed every new checkpoint (JSON); failures are logged, the checkpoint stands. */
  witnessUrl?: string | undefined;
  log: { warn(obj: object, msg: string): void };
}

export type CheckpointSealer = ReturnType<typeof createCheckpointSealer>;

/** Seals, exports and sends checkpoints; checks each new one against the newest exported file too. */
export function createCheckpointSealer(deps: SealerDeps) {
  return {
    signer: deps.signer,
    dataDir: deps.dataDir,
    /** Writes a checkpoint if there is anything new; exports it and posts it to the witness. */
    async seal(now: Date): Promise<SignedCheckpoint | undefined> {
      // The newest exported file is the server's own record outside the database: a history
      // truncated or rewritten under it (checkpoint rows and all) is refused.
      const newest = exportedCheckpointFiles(deps.dataDir).at(-1);
      const external = newest ? readCheckpointFiles([newest]) : [];
      const checkpoint = await writeCheckpoint(deps.db, deps.dialect, now, deps.signer, external);
      if (!checkpoint) return undefined;
      exportCheckpoint(deps.dataDir, checkpoint, deps.signer.publicKeyPem);
      if (deps.witnessUrl) await sendToWitness(deps.witnessUrl, checkpoint, deps.log);
      return checkpoint;
    },
  };
}

/** POSTs a checkpoint to the witness; a failure is logged, never thrown (the witness is best effort). */
async function sendToWitness(
  url: string,
  checkpoint: SignedCheckpoint,
  log: SealerDeps['log'],
): Promise<void> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(checkpointJson(checkpoint)),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) log.warn({ url, status: response.status }, 'the ledger witness refused a checkpoint');
  } catch (error) {
    log.warn({ url, err: error }, 'the ledger witness could not be reached');
  }
}
