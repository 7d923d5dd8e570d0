import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../platform/canonical-json.ts';
import {
  ChainWalker,
  CheckpointTracker,
  checkEntryContents,
  type SourcedCheckpoint,
  type StoredEntry,
  untrustedCheckpoint,
} from './audit.ts';
import { entryHash, GENESIS_HASH } from './chain.ts';
import { entryLeafHash, MerkleTree } from './merkle.ts';
import { createSigner } from './signing.ts';

const signer = createSigner(Buffer.alloc(32, 1));
const stranger = createSigner(Buffer.alloc(32, 2));

/** A valid chain of n entries, built in memory. */
function chain(n: number): StoredEntry[] {
  const entries: StoredEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const payload = { seq, note: `第${seq}条` };
    const base = {
      seq,
      id: `id-${seq}`,
      caseId: `case-${seq % 2}`,
      type: 'handling',
      actorId: null,
      actorRole: 'grid_worker',
      at: '2026-11-23T01:30:00.000Z',
    };
    const hash = entryHash(prevHash, { ...base, payload });
    entries.push({ ...base, payload: canonicalJson(payload), prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

function walk(entries: StoredEntry[], checkpoints: SourcedCheckpoint[] = []) {
  const walker = new ChainWalker();
  const tracker = new CheckpointTracker(checkpoints);
  for (const e of entries) {
    const problem = walker.next(e) ?? tracker.onEntry(e.seq, e.hash);
    if (problem) return { walker, tracker, problem };
  }
  return { walker, tracker, problem: tracker.afterEnd(walker.lastSeq) };
}

/** A checkpoint over the first `size` entries, signed by `by`. */
function checkpoint(
  entries: StoredEntry[],
  size: number,
  by = signer,
  source = 'database',
): SourcedCheckpoint {
  const tree = new MerkleTree(entries.slice(0, size).map((e) => entryLeafHash(e.hash)));
  return {
    checkpoint: by.sign({ treeSize: size, rootHash: tree.root(), signedAt: '2026-11-23T02:00:00.000Z' }),
    source,
  };
}

describe('walking the chain', () => {
  it('accepts an intact chain and ends at its last entry', () => {
    const entries = chain(9);
    const { walker, problem } = walk(entries);
    expect(problem).toBeUndefined();
    expect(walker.count).toBe(9);
    expect(walker.lastSeq).toBe(9);
    expect(walker.lastHash).toBe(entries[8]?.hash);
  });

  it('names a gap at the start and in the middle', () => {
    expect(walk(chain(5).slice(2)).problem).toMatchObject({ seq: 1, problem: 'missing_entries' });
    const gap = chain(9).filter((e) => e.seq !== 4 && e.seq !== 5);
    const { problem } = walk(gap);
    expect(problem).toMatchObject({ seq: 4, id: null, problem: 'missing_entries' });
    expect(problem?.message).toBe(
      'entries seq 4–5 are missing: the chain jumps from entry seq 3 (id id-3, case case-1) to entry seq 6 (id id-6, case case-0)',
    );
  });

  it('tells an unparseable payload from a changed one', () => {
    const [first] = chain(1) as [StoredEntry];
    expect(checkEntryContents(first)).toBeUndefined();
    expect(checkEntryContents({ ...first, payload: '{"seq":' })).toMatchObject({
      problem: 'payload_not_canonical',
    });
    expect(checkEntryContents({ ...first, payload: '{"note":"第1条","seq":2}' })).toMatchObject({
      seq: 1,
      id: 'id-1',
      problem: 'hash_mismatch',
    });
  });
});

describe('checking checkpoints while walking', () => {
  const entries = chain(20);

  it('matches every checkpoint, from the database and from files, at its size', () => {
    const { tracker, problem } = walk(entries, [
      checkpoint(entries, 20),
      checkpoint(entries, 7),
      checkpoint(entries, 7, signer, '/backup/7.json'),
      checkpoint(entries, 12),
    ]);
    expect(problem).toBeUndefined();
    expect(tracker.verified).toBe(4);
  });

  it('reports a root that no longer matches, at the checkpoint’s size', () => {
    const wrong = checkpoint(entries, 12);
    wrong.checkpoint = { ...wrong.checkpoint, rootHash: GENESIS_HASH };
    const { tracker, problem } = walk(entries, [checkpoint(entries, 7), wrong]);
    expect(problem).toMatchObject({ seq: 12, problem: 'checkpoint_mismatch' });
    expect(tracker.verified).toBe(1);
  });

  it('reports a checkpoint reaching past the end', () => {
    expect(walk(entries.slice(0, 15), [checkpoint(entries, 20, signer, '/w/20.json')]).problem).toMatchObject(
      {
        seq: 20,
        problem: 'checkpoint_mismatch',
      },
    );
  });

  it('trusts only signatures by the ledger key, and unsigned checkpoints only from before signing', () => {
    expect(
      untrustedCheckpoint([checkpoint(entries, 7), checkpoint(entries, 9)], signer.publicKey),
    ).toBeUndefined();
    expect(untrustedCheckpoint([checkpoint(entries, 9, stranger)], signer.publicKey)).toMatchObject({
      seq: 9,
      problem: 'checkpoint_signature_invalid',
    });
    const altered = checkpoint(entries, 9);
    altered.checkpoint = { ...altered.checkpoint, treeSize: 8 };
    expect(untrustedCheckpoint([altered], signer.publicKey)?.message).toContain(
      'does not match its contents',
    );
    const unsigned = (size: number, source = 'database'): SourcedCheckpoint => {
      const c = checkpoint(entries, size, signer, source);
      return { source, checkpoint: { ...c.checkpoint, keyId: null, signature: null } };
    };
    expect(untrustedCheckpoint([unsigned(5), checkpoint(entries, 9)], signer.publicKey)).toBeUndefined();
    expect(untrustedCheckpoint([checkpoint(entries, 9), unsigned(12)], signer.publicKey)).toMatchObject({
      seq: 12,
      problem: 'checkpoint_signature_invalid',
    });
    expect(untrustedCheckpoint([unsigned(5, '/x/5.json')], signer.publicKey)).toMatchObject({ seq: 5 });
  });
});
