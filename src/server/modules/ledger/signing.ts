/**
 * Ed25519 signatures on checkpoints (签名检查点). The key lives outside the database — in
 * ZHIZHI_LEDGER_SIGNING_KEY or `<dataDir>/ledger-signing.key` (created 0600 on first start) — so
 * someone who can write the database cannot sign a rewritten history.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { decodeKey } from '../../platform/config.ts';

/** What a checkpoint commits to: the RFC 9162 root over the first `treeSize` entries, at a time. */
export interface CheckpointBody {
  treeSize: number;
  rootHash: string;
  signedAt: string;
}

/** A checkpoint with its signature; `keyId`/`signature` are null only for checkpoints from before signing. */
export interface SignedCheckpoint extends CheckpointBody {
  keyId: string | null;
  signature: string | null;
}

/** The format name of an exported checkpoint file. */
export const CHECKPOINT_FORMAT = 'zhizhi-checkpoint/v1';

/** The signing side: only the server holds it. */
export interface LedgerSigner {
  keyId: string;
  publicKey: KeyObject;
  publicKeyPem: string;
  /** Signs a checkpoint body. */
  sign(body: CheckpointBody): SignedCheckpoint;
}

/** DER prefix that turns a 32-byte Ed25519 seed into a PKCS #8 private key. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The exact bytes signed: four lines of text, so anyone can rebuild them (docs/ledger.md). */
export function checkpointStatement(body: CheckpointBody): Buffer {
  return Buffer.from(
    `${CHECKPOINT_FORMAT}\ntree_size ${body.treeSize}\nroot_hash ${body.rootHash}\nsigned_at ${body.signedAt}\n`,
    'utf8',
  );
}

/** Key id: the first 16 hex digits of SHA-256 over the raw 32-byte public key. */
export function keyIdOf(publicKey: KeyObject): string {
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

/** A signer over a 32-byte Ed25519 seed. */
export function createSigner(seed: Buffer): LedgerSigner {
  if (seed.length !== 32) throw new Error('the ledger signing key must be 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  return {
    keyId,
    publicKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    sign: (body) => ({
      ...body,
      keyId,
      signature: sign(null, checkpointStatement(body), privateKey).toString('base64'),
    }),
  };
}

/**
 * The signer from ZHIZHI_LEDGER_SIGNING_KEY (32 bytes, hex or base64), else from
 * `<dataDir>/ledger-signing.key`, created with mode 0600 on first use.
 */
export function loadOrCreateSigner(signingKey: string | undefined, dataDir: string): LedgerSigner {
  if (signingKey) {
    const seed = decodeKey(signingKey);
    if (!seed) throw new Error('ZHIZHI_LEDGER_SIGNING_KEY must be 32 bytes as 64 hex digits or base64');
    return createSigner(seed);
  }
  const file = path.join(dataDir, 'ledger-signing.key');
  if (fs.existsSync(file)) {
    const seed = decodeKey(fs.readFileSync(file, 'utf8').trim());
    if (!seed) throw new Error(`${file} does not hold a 32-byte key`);
    return createSigner(seed);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const seed = randomBytes(32);
  fs.writeFileSync(file, `${seed.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return createSigner(seed);
}

/** A public key from PEM; undefined when it is not an Ed25519 public key. */
export function parsePublicKey(pem: string): KeyObject | undefined {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** True when the checkpoint carries a valid signature by `publicKey` under that key's id. */
export function checkpointSignedBy(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  if (!checkpoint.signature || checkpoint.keyId !== keyIdOf(publicKey)) return false;
  try {
    return verify(
      null,
      checkpointStatement(checkpoint),
      publicKey,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  } catch {
    return false;
  }
}

const HEX32 = /^[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Reads a checkpoint from its exported JSON form; a message when it is not one. */
export function parseCheckpointJson(value: unknown): SignedCheckpoint | string {
  if (value === null || typeof value !== 'object') return 'not a JSON object';
  const v = value as Record<string, unknown>;
  if (v.format !== CHECKPOINT_FORMAT) return `format must be "${CHECKPOINT_FORMAT}"`;
  if (!Number.isSafeInteger(v.treeSize) || (v.treeSize as number) < 1)
    return 'treeSize must be a positive integer';
  if (typeof v.rootHash !== 'string' || !HEX32.test(v.rootHash)) return 'rootHash must be 64 hex digits';
  if (typeof v.signedAt !== 'string' || !ISO_UTC.test(v.signedAt)) return 'signedAt must be an ISO UTC time';
  if (typeof v.keyId !== 'string' || typeof v.signature !== 'string')
    return 'keyId and signature are required';
  return {
    treeSize: v.treeSize as number,
    rootHash: v.rootHash,
    signedAt: v.signedAt,
    keyId: v.keyId,
    signature: v.signature,
  };
}

/** The exported JSON form of a checkpoint (a file, the witness POST body). */
export function checkpointJson(checkpoint: SignedCheckpoint): Record<string, unknown> {
  return { format: CHECKPOINT_FORMAT, ...checkpoint };
}
