import { describe, expect, it } from 'vitest';
import { type ChainEntry, entryHash, GENESIS_HASH, sha256Hex } from './chain.ts';

// Vectors computed outside this code with coreutils, e.g.
//   printf '%s\n%s' "$GENESIS" "$BODY" | sha256sum
const A = 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb'; // sha256('a')

const FIRST: ChainEntry = {
  seq: 1,
  id: '0190f5a0-0000-7000-8000-000000000001',
  caseId: 'case-1',
  type: 'reported',
  actorId: 'u-1',
  actorRole: 'resident',
  at: '2026-11-23T01:30:00.000Z',
  payload: { title: '路灯不亮', b: 2, a: [1, 'x'] },
};
const FIRST_HASH = '90a91518f125b815058440028bee49efc3f38be77d35265019ab8768d9be5ca1';

describe('the hash chain', () => {
  it('starts from 64 zeros', () => {
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('hashes an entry to a known vector', () => {
    expect(sha256Hex('a')).toBe(A);
    expect(entryHash(GENESIS_HASH, FIRST)).toBe(FIRST_HASH);
  });

  it('does not depend on the order of payload keys', () => {
    const reordered = { ...FIRST, payload: { a: [1, 'x'], title: '路灯不亮', b: 2 } };
    expect(entryHash(GENESIS_HASH, reordered)).toBe(FIRST_HASH);
  });

  it('changes when any committed field or the previous hash changes', () => {
    const variants: ChainEntry[] = [
      { ...FIRST, seq: 2 },
      { ...FIRST, id: '0190f5a0-0000-7000-8000-000000000002' },
      { ...FIRST, caseId: 'case-2' },
      { ...FIRST, type: 'registered' },
      { ...FIRST, actorId: null },
      { ...FIRST, actorRole: 'grid_worker' },
      { ...FIRST, at: '2026-11-23T01:30:00.001Z' },
      { ...FIRST, payload: { title: '路灯不亮', b: 3, a: [1, 'x'] } },
    ];
    const hashes = new Set(variants.map((v) => entryHash(GENESIS_HASH, v)));
    expect(hashes.size).toBe(variants.length);
    expect(hashes.has(FIRST_HASH)).toBe(false);
    expect(entryHash(A, FIRST)).not.toBe(FIRST_HASH);
  });
});
