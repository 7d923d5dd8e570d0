/**
 * What `zhizhi verify` and `zhizhi verify-proof` print: the verdict in plain words, and when broken,
 * where and why.
 */
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Dialect } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import type { BrokenEntry, SourcedCheckpoint } from './audit.ts';
import { exportedCheckpointFiles, readCheckpointFiles } from './checkpoints.ts';
import { MerkleTree, verifyConsistency } from './merkle.ts';
import { leafHashes } from './proof.ts';
import { checkProofBundle } from './proof-check.ts';
import { type ReplayReport, verifyCaseStates } from './replay.ts';
import type { LedgerTables } from './schema.ts';
import { parsePublicKey } from './signing.ts';
import { type LedgerReport, verifyLedger } from './verify.ts';

/** This module's own tables only: reading another module's table here is a type error. */
type Db = Kysely<LedgerTables>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function brokenLines(broken: BrokenEntry): string[] {
  return [
    `LEDGER BROKEN 台账校验失败: ${broken.problem} at seq ${broken.seq} (id ${broken.id ?? '—'}, case ${broken.caseId ?? '—'})`,
    `  ${broken.message}`,
  ];
}

/** A few lines a person can read: the verdict, and when broken, where and why. */
export function formatLedgerReport(report: LedgerReport): string {
  const checkpoints = `${plural(report.checkpoints, 'checkpoint', 'checkpoints')} matched`;
  if (report.ok || !report.firstBroken) {
    const range = report.entries === 0 ? 'the chain is empty' : `seq 1–${report.entries}`;
    return `Ledger intact 台账完整: ${plural(report.entries, 'entry', 'entries')} verified (${range}), ${checkpoints}, head at seq ${report.headSeq}.`;
  }
  return [
    ...brokenLines(report.firstBroken),
    `  ${plural(report.entries, 'entry', 'entries')} verified before the break, ${checkpoints}, head at seq ${report.headSeq}.`,
  ].join('\n');
}

/** The replay verdict in a line (or the mismatch). */
export function formatReplayReport(report: ReplayReport): string {
  if (report.ok || !report.firstMismatch) {
    return `Cases match their history 案件状态与台账一致: ${plural(report.cases, 'case', 'cases')} replayed.`;
  }
  return [
    ...brokenLines(report.firstMismatch),
    `  ${plural(report.cases, 'case', 'cases')} matched before it.`,
  ].join('\n');
}

/**
 * RFC 9162 consistency proofs from each given checkpoint to the stored history: the way a verifier
 * holding an earlier signed checkpoint checks the history only grew.
 */
async function consistencyWith(db: Db, against: readonly SourcedCheckpoint[]): Promise<string[]> {
  if (against.length === 0) return [];
  const head = await db.selectFrom('ledger_head').select('seq').executeTakeFirst();
  const tree = new MerkleTree(await leafHashes(db, Number(head?.seq ?? 0)));
  const n = tree.size;
  return against.map(({ checkpoint: cp, source }) => {
    if (cp.treeSize > n) {
      return `LEDGER BROKEN 台账校验失败: ${source} signed ${cp.treeSize} entries, the database holds only ${n}: entries were cut from the end`;
    }
    const proof = tree.consistencyProof(cp.treeSize, n);
    return verifyConsistency(cp.treeSize, n, proof, cp.rootHash, tree.root(n))
      ? `Consistent 一致: ${source} (seq 1–${cp.treeSize}) → the stored history (seq 1–${n}), RFC 9162 proof of ${plural(proof.length, 'hash', 'hashes')}.`
      : `LEDGER BROKEN 台账校验失败: no consistency from ${source} (seq 1–${cp.treeSize}, root ${cp.rootHash}) to the stored history: entries it signed were rewritten`;
  });
}

/** Reads a PEM public key file for pinning; a 400-style error naming the option when it is not one. */
export function readPinnedKey(file: string): KeyObject {
  const key = fs.existsSync(file) ? parsePublicKey(fs.readFileSync(file, 'utf8')) : undefined;
  if (!key) throw new AppError('bad_request', 'ledger.bad_public_key', { path: file });
  return key;
}

/**
 * `zhizhi verify`: the chain, every stored checkpoint and every exported file in the data dir (their
 * signatures under `publicKey`, their roots), each case replayed against its stored state, and the
 * `against` files by consistency proof. ok only when all pass.
 */
export async function runVerify(
  db: Db,
  options: { dialect: Dialect; publicKey: KeyObject; dataDir: string; against?: readonly string[] },
): Promise<{ ok: boolean; text: string }> {
  let files: SourcedCheckpoint[];
  let against: SourcedCheckpoint[];
  try {
    files = readCheckpointFiles(exportedCheckpointFiles(options.dataDir));
    against = readCheckpointFiles(options.against ?? []);
  } catch (error) {
    throw new AppError('bad_request', 'ledger.unreadable_checkpoint', { reason: (error as Error).message });
  }
  const ledger = await verifyLedger(db, { publicKey: options.publicKey, external: [...files, ...against] });
  const replay = await verifyCaseStates(db, options.dialect);
  const consistency = ledger.ok ? await consistencyWith(db, against) : [];
  const lines = [formatLedgerReport(ledger), formatReplayReport(replay), ...consistency];
  const ok = ledger.ok && replay.ok && consistency.every((l) => !l.startsWith('LEDGER BROKEN'));
  return { ok, text: lines.join('\n') };
}

/** `zhizhi verify-proof FILE`: checks a proof bundle offline (no database). */
export function runVerifyProof(file: string, pinned?: KeyObject): { ok: boolean; text: string } {
  let bundle: unknown;
  try {
    bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return {
      ok: false,
      text: `PROOF INVALID 存证无效: ${file} cannot be read as JSON (${(error as Error).message})`,
    };
  }
  const check = checkProofBundle(bundle, pinned);
  if (check.ok)
    return { ok: true, text: ['Proof valid 存证有效:', ...check.lines.map((l) => `  ${l}`)].join('\n') };
  return {
    ok: false,
    text: ['PROOF INVALID 存证无效:', ...[...check.lines, ...check.problems].map((l) => `  ${l}`)].join('\n'),
  };
}
