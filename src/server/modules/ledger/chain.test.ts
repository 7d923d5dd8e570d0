import { describe, expect, it } from 'vitest';
import { type ChainEntry, entryHash, GENESIS_HASH, MerkleBuilder, merkleRoot, sha256Hex } from './chain.ts';

// Vectors computed outside this code with coreutils, e.g.
//   printf '%s\n%s' "$GENESIS" "$BODY" | sha256sum
const A = 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb'; // sha256('a')
const B = '3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d'; // sha256('b')
const C = '2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6'; // sha256('c')
const AB = '62af5c3cb8da3e4f25061e829ebeea5c7513c54949115b1acc225930a90154da'; // sha256(A + B)
const ROOT_ABC = '0bdf27bf7ec894ca7cadfe491ec1a3ece840f117989e8c5e9bd7086467bf6c38'; // sha256(AB + sha256(C + C))

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

/** The textbook tree, level by level, to check the streaming builder against. */
function naiveRoot(hashes: string[]): string {
  if (hashes.length === 0) return GENESIS_HASH;
  let level = hashes;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] as string;
      const right = level[i + 1] ?? left;
      next.push(sha256Hex(left + right));
    }
    level = next;
  }
  return level[0] as string;
}

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

describe('the Merkle root', () => {
  it('matches known vectors', () => {
    expect(merkleRoot([])).toBe(GENESIS_HASH);
    expect(merkleRoot([A])).toBe(A);
    expect(merkleRoot([A, B])).toBe(AB);
    expect(merkleRoot([A, B, C])).toBe(ROOT_ABC);
  });

  it('streams to the same root as the level-by-level tree for every size up to 70', () => {
    const leaves = Array.from({ length: 70 }, (_, i) => sha256Hex(`leaf ${i}`));
    const builder = new MerkleBuilder();
    expect(builder.root()).toBe(naiveRoot([]));
    for (let n = 1; n <= leaves.length; n++) {
      builder.add(leaves[n - 1] as string);
      expect(builder.size).toBe(n);
      expect(builder.root(), `${n} leaves`).toBe(naiveRoot(leaves.slice(0, n)));
    }
  });

  it('changes when one leaf changes or the leaves are reordered', () => {
    expect(merkleRoot([A, C, C])).not.toBe(ROOT_ABC);
    expect(merkleRoot([B, A, C])).not.toBe(ROOT_ABC);
  });
});
