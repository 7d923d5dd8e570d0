import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../platform/canonical-json.ts';
import {
  ChainWalker,
  type Checkpoint,
  CheckpointTracker,
  checkEntryContents,
  type StoredEntry,
} from './audit.ts';
import { entryHash, GENESIS_HASH, merkleRoot } from './chain.ts';

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

function walk(entries: StoredEntry[], checkpoints: Checkpoint[] = []) {
  const walker = new ChainWalker();
  const tracker = new CheckpointTracker(checkpoints);
  for (const e of entries) {
    const problem = walker.next(e) ?? tracker.onEntry(e.seq, e.hash);
    if (problem) return { walker, tracker, problem };
  }
  return { walker, tracker, problem: tracker.afterEnd(walker.lastSeq) };
}

function checkpoint(entries: StoredEntry[], fromSeq: number, uptoSeq: number): Checkpoint {
  const hashes = entries.filter((e) => e.seq >= fromSeq && e.seq <= uptoSeq).map((e) => e.hash);
  return { fromSeq, uptoSeq, merkleRoot: merkleRoot(hashes), createdAt: '2026-11-23T02:00:00.000Z' };
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

  it('matches contiguous and overlapping checkpoints', () => {
    const { tracker, problem } = walk(entries, [
      checkpoint(entries, 8, 20),
      checkpoint(entries, 1, 7),
      checkpoint(entries, 5, 12),
    ]);
    expect(problem).toBeUndefined();
    expect(tracker.verified).toBe(3);
  });

  it('reports a root that no longer matches at the checkpoint’s first seq', () => {
    const wrong = { ...checkpoint(entries, 8, 20), merkleRoot: GENESIS_HASH };
    const { tracker, problem } = walk(entries, [checkpoint(entries, 1, 7), wrong]);
    expect(problem).toMatchObject({ seq: 8, problem: 'checkpoint_mismatch' });
    expect(tracker.verified).toBe(1);
  });

  it('reports a checkpoint reaching past the end, and impossible ranges', () => {
    expect(walk(entries.slice(0, 15), [checkpoint(entries, 1, 20)]).problem).toMatchObject({
      seq: 1,
      problem: 'checkpoint_mismatch',
    });
    const backwards = { ...checkpoint(entries, 1, 3), fromSeq: 4 };
    expect(new CheckpointTracker([backwards]).malformed()).toMatchObject({ problem: 'checkpoint_mismatch' });
    expect(new CheckpointTracker([checkpoint(entries, 1, 3)]).malformed()).toBeUndefined();
  });
});
