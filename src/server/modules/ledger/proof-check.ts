/**
 * Checks a proof bundle offline (`zhizhi verify-proof`): no database, no network. Pure but for the
 * crypto: the checkpoint's Ed25519 signature, each entry's chain hash recomputed from its contents,
 * each inclusion proof against the signed root (RFC 9162 §2.1.3.2).
 */
import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { parsePayload } from './audit.ts';
import { entryHash } from './chain.ts';
import { entryLeafHash, verifyInclusion } from './merkle.ts';
import { PROOF_FORMAT, type ProofEntry } from './proof.ts';
import { checkpointSignedBy, keyIdOf, parseCheckpointJson, parsePublicKey } from './signing.ts';

/** The verdict: ok only when every check passed; `lines` say what was checked, `problems` what failed. */
export interface ProofCheck {
  ok: boolean;
  lines: string[];
  problems: string[];
}

const HEX32 = /^[0-9a-f]{64}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkEntry(raw: unknown, caseId: string, treeSize: number, root: string): string | undefined {
  if (!isObject(raw)) return 'an entry is not an object';
  const e = raw as unknown as ProofEntry;
  if (!Number.isSafeInteger(e.seq) || e.seq < 1 || e.seq > treeSize)
    return `entry seq ${String(e.seq)} is not in the checkpoint`;
  const name = `entry seq ${e.seq}`;
  if (e.leafIndex !== e.seq - 1) return `${name}: leafIndex must be seq − 1`;
  if (typeof e.hash !== 'string' || !HEX32.test(e.hash)) return `${name}: hash must be 64 hex digits`;
  if (!Array.isArray(e.inclusionProof)) return `${name}: inclusionProof must be a list`;
  if (e.entry !== undefined) {
    const c = e.entry;
    if (!isObject(c)) return `${name}: entry must be an object`;
    if (c.caseId !== caseId) return `${name} belongs to case ${String(c.caseId)}, not ${caseId}`;
    const parsed = typeof c.payload === 'string' ? parsePayload(c.payload) : undefined;
    if (!parsed || canonicalJson(parsed.value) !== c.payload) return `${name}: payload is not canonical JSON`;
    const recomputed = entryHash(String(c.prevHash), { ...c, seq: e.seq, payload: parsed.value });
    if (recomputed !== e.hash) {
      return `${name} was altered: its contents hash to ${recomputed}, not to ${e.hash}`;
    }
  }
  if (
    !verifyInclusion(entryLeafHash(e.hash).toString('hex'), e.leafIndex, treeSize, e.inclusionProof, root)
  ) {
    return `${name}: its inclusion proof does not lead to the signed root ${root}`;
  }
  return undefined;
}

/**
 * Checks a parsed bundle. `pinned`: the public key the verifier got elsewhere (the server's
 * /api/v1/ledger/public-key, the published file); without it, the bundle's own key is used and the
 * verdict says so.
 */
export function checkProofBundle(bundle: unknown, pinned?: KeyObject): ProofCheck {
  const lines: string[] = [];
  const fail = (problem: string): ProofCheck => ({ ok: false, lines, problems: [problem] });
  if (!isObject(bundle) || bundle.format !== PROOF_FORMAT) return fail(`not a ${PROOF_FORMAT} bundle`);
  const caseId = bundle.caseId;
  if (typeof caseId !== 'string') return fail('caseId is missing');
  const checkpoint = parseCheckpointJson(bundle.checkpoint);
  if (typeof checkpoint === 'string') return fail(`checkpoint: ${checkpoint}`);
  const given =
    isObject(bundle.publicKey) && typeof bundle.publicKey.pem === 'string'
      ? parsePublicKey(bundle.publicKey.pem)
      : undefined;
  const key = pinned ?? given;
  if (!key) return fail('publicKey.pem is not an Ed25519 public key');
  if (pinned && given && keyIdOf(given) !== keyIdOf(pinned)) {
    return fail(`the bundle's key ${keyIdOf(given)} is not the pinned key ${keyIdOf(pinned)}`);
  }
  if (!checkpointSignedBy(checkpoint, key)) {
    return fail(
      `the checkpoint over seq 1–${checkpoint.treeSize} is not validly signed by key ${keyIdOf(key)}`,
    );
  }
  lines.push(
    `checkpoint over seq 1–${checkpoint.treeSize}, root ${checkpoint.rootHash}, signed ${checkpoint.signedAt} by key ${keyIdOf(key)}${pinned ? ' (pinned)' : ' (the key inside the bundle: compare its id with the published one)'}`,
  );
  if (!Array.isArray(bundle.entries) || bundle.entries.length === 0) return fail('the bundle has no entries');
  const problems: string[] = [];
  let shown = 0;
  for (const raw of bundle.entries) {
    const problem = checkEntry(raw, caseId, checkpoint.treeSize, checkpoint.rootHash);
    if (problem) problems.push(problem);
    else if ((raw as ProofEntry).entry) shown++;
  }
  const total = bundle.entries.length;
  if (problems.length === 0) {
    lines.push(
      `${total} entr${total === 1 ? 'y' : 'ies'} of case ${caseId} included in the signed history (${shown} with contents checked, ${total - shown} by hash only)`,
    );
  }
  return { ok: problems.length === 0, lines, problems };
}
