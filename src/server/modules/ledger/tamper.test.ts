/**
 * Issue 7 #9: someone with write access to the database (but not to the signing key, the exported
 * checkpoint files or the witness) tampers with the record. Each of the five attacks is caught.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { type Client, createDemoApp, type DemoApp } from '../../testing/demo.ts';
import { DEMO_PLACES } from '../demo/seed.ts';
import { entryHash } from './chain.ts';
import { exportedCheckpointFiles, readCheckpointFiles } from './checkpoints.ts';
import { entryLeafHash, MerkleTree, verifyConsistency } from './merkle.ts';
import { checkProofBundle } from './proof-check.ts';
import { verifyCaseStates } from './replay.ts';
import { createSigner, parsePublicKey } from './signing.ts';
import { verifyLedger } from './verify.ts';

let t: DemoApp;
let admin: Client;
const place = { lng: DEMO_PLACES.pastoralGrid.lng, lat: DEMO_PLACES.pastoralGrid.lat };

beforeEach(async () => {
  t = await createDemoApp();
  admin = await t.as('admin');
});
afterEach(() => t.close());

/** Two cases (one anonymous) taken to handling, a signed checkpoint, then more history after it. */
async function historyWithCheckpoint(): Promise<{ named: string; anonymous: string; sealedSize: number }> {
  const herder = await t.as('herder');
  const chief = await t.as('grid.chief');
  const worker = await t.as('grid.worker');
  const named = (
    await herder.post('/api/v1/cases', { description: '草场围栏被毁', caseType: 'neighbour', ...place })
  ).body.id as string;
  const anonymous = (
    await herder.post('/api/v1/cases', {
      description: '匿名反映',
      caseType: 'neighbour',
      anonymous: true,
      ...place,
    })
  ).body.id as string;
  for (const id of [named, anonymous]) {
    await chief.act(id, 'register', { caseType: 'neighbour' });
    await chief.act(id, 'dispatch', { handlerIds: [worker.userId] });
    expect((await worker.act(id, 'accept')).body.status).toBe('handling');
  }
  const sealed = await admin.post('/api/v1/ledger/checkpoints');
  expect(sealed.status).toBe(201);
  await worker.act(named, 'progress', { note: '已联系双方' });
  await worker.act(anonymous, 'progress', { note: '已核实' });
  return { named, anonymous, sealedSize: sealed.body.checkpoint.treeSize };
}

async function publicKey() {
  const key = parsePublicKey((await admin.get('/api/v1/ledger/public-key')).body.pem);
  if (!key) throw new Error('no public key');
  return key;
}

/** verifyLedger as `zhizhi verify` runs it: the ledger key, and the exported checkpoint files. */
async function verifyWithFiles() {
  return verifyLedger(t.database.db, {
    publicKey: await publicKey(),
    external: readCheckpointFiles(exportedCheckpointFiles(t.config.dataDir)),
  });
}

/** The attacker's rewrite: one payload changed, every later hash, the head and every checkpoint root recomputed. */
async function rewriteEverything(seq: number, payload: Record<string, unknown>): Promise<void> {
  const { db } = t.database;
  const rows = await db.selectFrom('case_event').selectAll().orderBy('seq').execute();
  let prevHash = (rows[seq - 1] as (typeof rows)[number]).prev_hash;
  const hashes: string[] = rows.slice(0, seq - 1).map((r) => r.hash);
  for (const row of rows.slice(seq - 1)) {
    const value = Number(row.seq) === seq ? payload : JSON.parse(row.payload);
    const hash = entryHash(prevHash, {
      seq: Number(row.seq),
      id: row.id,
      caseId: row.case_id,
      type: row.type,
      actorId: row.actor_id,
      actorRole: row.actor_role,
      at: row.at,
      payload: value,
    });
    await sql`update case_event set payload = ${canonicalJson(value)}, prev_hash = ${prevHash}, hash = ${hash} where seq = ${row.seq}`.execute(
      db,
    );
    hashes.push(hash);
    prevHash = hash;
  }
  await sql`update ledger_head set hash = ${prevHash} where id = 1`.execute(db);
  const tree = new MerkleTree(hashes.map(entryLeafHash));
  for (const cp of await db.selectFrom('ledger_signed_checkpoint').select('tree_size').execute()) {
    await sql`update ledger_signed_checkpoint set root_hash = ${tree.root(Number(cp.tree_size))} where tree_size = ${cp.tree_size}`.execute(
      db,
    );
  }
}

describe('tampering with the database is caught', () => {
  it('starts from a history that verifies, with a checkpoint file exported', async () => {
    const { sealedSize } = await historyWithCheckpoint();
    expect(exportedCheckpointFiles(t.config.dataDir).map((f) => path.basename(f))).toEqual([
      `${sealedSize}.json`,
    ]);
    expect(await verifyWithFiles()).toMatchObject({ ok: true, checkpoints: 2 });
    expect(await verifyCaseStates(t.database.db, t.database.dialect)).toEqual({ ok: true, cases: 2 });
  });

  it('(1) the last entries deleted and ledger_head moved back: caught by the checkpoint, and by the file when the rows go too', async () => {
    const { sealedSize } = await historyWithCheckpoint();
    const { db } = t.database;
    const keep = sealedSize - 2;
    const last = await db
      .selectFrom('case_event')
      .select('hash')
      .where('seq', '=', keep)
      .executeTakeFirstOrThrow();
    await sql`delete from case_event where seq > ${keep}`.execute(db);
    await sql`update ledger_head set seq = ${keep}, hash = ${last.hash} where id = 1`.execute(db);
    expect((await verifyWithFiles()).firstBroken).toMatchObject({
      problem: 'checkpoint_mismatch',
      seq: sealedSize,
      message: expect.stringContaining('in the database'),
    });
    await sql`delete from ledger_signed_checkpoint`.execute(db);
    // Without the files the database alone now looks intact: the file outside it is what catches it.
    expect((await verifyLedger(db, { publicKey: await publicKey() })).ok).toBe(true);
    const report = await verifyWithFiles();
    expect(report.firstBroken).toMatchObject({ problem: 'checkpoint_mismatch', seq: sealedSize });
    expect(report.firstBroken?.message).toContain(`${sealedSize}.json`);
    expect(report.firstBroken?.message).toContain('beyond the end of the chain');
    // …and the server refuses to sign the truncated history.
    const refused = await admin.post('/api/v1/ledger/checkpoints');
    expect(refused.status).toBe(409);
  });

  it('(2) an entry rewritten with every later hash and the checkpoint roots recomputed: caught by the signature, the file and the consistency proof', async () => {
    const { sealedSize } = await historyWithCheckpoint();
    const [file] = readCheckpointFiles(exportedCheckpointFiles(t.config.dataDir));
    await rewriteEverything(2, {
      note: 'rewritten',
      toStatus: 'registered',
      fromStatus: 'reported',
      level: 1,
    });
    const report = await verifyWithFiles();
    expect(report.firstBroken).toMatchObject({ problem: 'checkpoint_signature_invalid', seq: sealedSize });
    expect(report.firstBroken?.message).toContain('does not match its contents');
    // With the stored checkpoint gone, the exported file still holds the signed root.
    await sql`delete from ledger_signed_checkpoint`.execute(t.database.db);
    expect((await verifyWithFiles()).firstBroken).toMatchObject({
      problem: 'checkpoint_mismatch',
      seq: sealedSize,
    });
    // A verifier holding only the signed checkpoint: no consistency proof leads from it to the new tree.
    const hashes = await t.database.db.selectFrom('case_event').select('hash').orderBy('seq').execute();
    const tree = new MerkleTree(hashes.map((h) => entryLeafHash(h.hash)));
    const signed = file?.checkpoint as NonNullable<typeof file>['checkpoint'];
    expect(
      verifyConsistency(
        signed.treeSize,
        tree.size,
        tree.consistencyProof(signed.treeSize),
        signed.rootHash,
        tree.root(),
      ),
    ).toBe(false);
    expect((await admin.post('/api/v1/ledger/checkpoints')).status).toBe(409);
  });

  it('(3) case_file edited directly: caught by replaying the case’s history', async () => {
    const { named, anonymous } = await historyWithCheckpoint();
    const { db } = t.database;
    await sql`update case_file set status = 'archived' where id = ${named}`.execute(db);
    const report = await verifyCaseStates(db, t.database.dialect);
    expect(report.ok).toBe(false);
    expect(report.firstMismatch).toMatchObject({ caseId: named, problem: 'state_mismatch' });
    expect(report.firstMismatch?.message).toContain(
      'stored status "archived" is not what its history gives, "handling"',
    );
    await sql`update case_file set status = 'handling' where id = ${named}`.execute(db);
    expect((await verifyCaseStates(db, t.database.dialect)).ok).toBe(true);
    // Climbing a level by hand moves the handling area the history does not give either.
    await sql`update case_file set level = 3 where id = ${anonymous}`.execute(db);
    expect((await verifyCaseStates(db, t.database.dialect)).firstMismatch?.message).toContain(
      'stored level 3',
    );
    await sql`update case_file set level = 1, anonymous = 0 where id = ${anonymous}`.execute(db);
    expect((await verifyCaseStates(db, t.database.dialect)).firstMismatch?.message).toContain(
      'stored anonymous false',
    );
  });

  it('(4) a checkpoint row forged with a signature by another key is refused', async () => {
    const { sealedSize } = await historyWithCheckpoint();
    const { db } = t.database;
    const head = await db.selectFrom('ledger_head').select('seq').executeTakeFirstOrThrow();
    const hashes = await db.selectFrom('case_event').select('hash').orderBy('seq').execute();
    const forged = createSigner(Buffer.alloc(32, 9)).sign({
      treeSize: Number(head.seq),
      rootHash: new MerkleTree(hashes.map((h) => entryLeafHash(h.hash))).root(),
      signedAt: t.clock.now().toISOString(),
    });
    await db
      .insertInto('ledger_signed_checkpoint')
      .values({
        tree_size: forged.treeSize,
        root_hash: forged.rootHash,
        signed_at: forged.signedAt,
        key_id: forged.keyId,
        signature: forged.signature,
      })
      .execute();
    expect(Number(head.seq)).toBeGreaterThan(sealedSize);
    const report = await verifyWithFiles();
    expect(report).toMatchObject({ ok: false, firstBroken: { problem: 'checkpoint_signature_invalid' } });
    expect(report.firstBroken?.message).toContain(`claims key ${forged.keyId}`);
    const refused = await admin.post('/api/v1/ledger/checkpoints');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('refused');
  });
});

describe('a case’s proof bundle', () => {
  it('(5) downloads for the reporter and inspectors, checks offline, and fails when tampered', async () => {
    const { named, anonymous } = await historyWithCheckpoint();
    const herder = await t.as('herder');
    const inspector = await t.as('village.inspector');
    expect((await (await t.as('galutu.worker')).get(`/api/v1/cases/${named}/proof`)).status).toBe(403);

    const bundle = (await herder.get(`/api/v1/cases/${named}/proof`)).body;
    expect(bundle).toMatchObject({
      format: 'zhizhi-proof/v1',
      caseId: named,
      unsealed: [expect.any(Number)],
    });
    expect(bundle.entries).toHaveLength(4);
    expect(bundle.entries[0].entry).toMatchObject({
      type: 'reported',
      caseId: named,
      actorId: herder.userId,
    });
    const key = await publicKey();
    expect(checkProofBundle(bundle, key)).toMatchObject({ ok: true, problems: [] });
    expect(checkProofBundle(JSON.parse(JSON.stringify(bundle))).ok).toBe(true);

    const tampered = (change: (b: typeof bundle) => void) => {
      const copy = JSON.parse(JSON.stringify(bundle));
      change(copy);
      return checkProofBundle(copy, key);
    };
    expect(
      tampered((b) => (b.entries[1].entry.payload = b.entries[1].entry.payload.replace('neighbour', 'road'))),
    ).toMatchObject({
      ok: false,
      problems: [expect.stringContaining('was altered')],
    });
    expect(tampered((b) => (b.entries[0].inclusionProof[0] = '0'.repeat(64))).problems[0]).toContain(
      'inclusion proof',
    );
    expect(tampered((b) => (b.checkpoint.rootHash = '1'.repeat(64))).problems[0]).toContain(
      'not validly signed',
    );
    expect(tampered((b) => (b.entries[2].entry.caseId = anonymous)).ok).toBe(false);
    // A bundle re-signed by someone else's key fails against the pinned key.
    const other = createSigner(Buffer.alloc(32, 5));
    const resigned = JSON.parse(JSON.stringify(bundle));
    resigned.checkpoint = { format: 'zhizhi-checkpoint/v1', ...other.sign(resigned.checkpoint) };
    resigned.publicKey = { algorithm: 'Ed25519', keyId: other.keyId, pem: other.publicKeyPem };
    expect(checkProofBundle(resigned).ok).toBe(true);
    expect(checkProofBundle(resigned, key).problems[0]).toContain('is not the pinned key');

    // The anonymous reporter's own entry reaches an inspector as a hash only, and still proves inclusion.
    const seen = (await inspector.get(`/api/v1/cases/${anonymous}/proof`)).body;
    expect(seen.entries[0].entry).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain(herder.userId);
    expect(seen.entries[1].entry.actorRole).toBe('grid_chief');
    expect(checkProofBundle(seen, key)).toMatchObject({ ok: true });
    expect((await herder.get(`/api/v1/cases/${anonymous}/proof`)).body.entries[0].entry.actorId).toBe(
      herder.userId,
    );
  });

  it('gives auditors a consistency proof from an earlier checkpoint to the newest', async () => {
    const { sealedSize } = await historyWithCheckpoint();
    const newer = await admin.post('/api/v1/ledger/checkpoints');
    expect(newer.status).toBe(201);
    const inspector = await t.as('banner.inspector');
    const [file] = readCheckpointFiles([path.join(t.config.dataDir, 'checkpoints', `${sealedSize}.json`)]);
    const res = await inspector.get(`/api/v1/ledger/consistency?first=${sealedSize}`);
    expect(res.status).toBe(200);
    expect(res.body.checkpoint).toEqual(newer.body.checkpoint);
    const { treeSize, rootHash } = res.body.checkpoint;
    expect(
      verifyConsistency(sealedSize, treeSize, res.body.proof, file?.checkpoint.rootHash as string, rootHash),
    ).toBe(true);
    expect((await inspector.get(`/api/v1/ledger/consistency?first=${treeSize + 1}`)).status).toBe(400);
    expect((await (await t.as('herder')).get(`/api/v1/ledger/consistency?first=1`)).status).toBe(403);
    expect(fs.existsSync(path.join(t.config.dataDir, 'checkpoints', `${treeSize}.json`))).toBe(true);
  });
});
