import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  leafHash,
  MerkleTree,
  nodeHash,
  TreeBuilder,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';

// The RFC 6962/9162 test inputs used by Certificate Transparency implementations. The expected
// roots and proofs below were computed outside this code, with a direct Python transcription of
// the RFC's recursive definitions (hashlib), not with the functions under test.
const INPUTS = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((h) => Buffer.from(h, 'hex'));
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

/** MTH(D[n]) straight from RFC 9162 §2.1.1, recursively over the raw entries: the naive reference. */
function naiveRoot(data: Buffer[]): Buffer {
  if (data.length === 0) return sha();
  if (data.length === 1) return sha(Buffer.from([0]), data[0] as Buffer);
  let k = 1;
  while (k * 2 < data.length) k *= 2;
  return sha(Buffer.from([1]), naiveRoot(data.slice(0, k)), naiveRoot(data.slice(k)));
}

function entries(n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) => Buffer.from(`entry ${i}`));
}

const treeOf = (data: Buffer[]) => new MerkleTree(data.map(leafHash));

describe('the RFC 9162 Merkle tree', () => {
  it('gives the known roots of the CT test vectors', () => {
    const tree = treeOf(INPUTS);
    for (let n = 1; n <= 8; n++) expect(tree.root(n), `size ${n}`).toBe(ROOTS[n - 1]);
    expect(tree.root(0)).toBe(EMPTY_ROOT);
    expect(EMPTY_ROOT).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives known inclusion and consistency proofs', () => {
    const tree = treeOf(INPUTS);
    expect(tree.inclusionProof(0, 8)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(tree.inclusionProof(5, 7)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(tree.consistencyProof(6, 8)).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(tree.consistencyProof(3, 7)).toEqual([
      '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
      '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      '837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e',
    ]);
    expect(verifyConsistency(6, 8, tree.consistencyProof(6, 8), ROOTS[5] as string, ROOTS[7] as string)).toBe(
      true,
    );
  });

  it('agrees with the naive recomputation, streamed or not, for every size 1..40', () => {
    const data = entries(40);
    const tree = treeOf(data);
    const builder = new TreeBuilder();
    for (let n = 1; n <= data.length; n++) {
      builder.add(leafHash(data[n - 1] as Buffer));
      const expected = naiveRoot(data.slice(0, n)).toString('hex');
      expect(tree.root(n), `size ${n}`).toBe(expected);
      expect(builder.root(), `streamed size ${n}`).toBe(expected);
      expect(builder.size).toBe(n);
    }
  });

  it('proves and checks the inclusion of every leaf in every tree of size 1..33', () => {
    const data = entries(33);
    const tree = treeOf(data);
    for (let n = 1; n <= data.length; n++) {
      const root = tree.root(n);
      for (let i = 0; i < n; i++) {
        const leaf = leafHash(data[i] as Buffer).toString('hex');
        const proof = tree.inclusionProof(i, n);
        expect(verifyInclusion(leaf, i, n, proof, root), `leaf ${i} of ${n}`).toBe(true);
        // The same proof must not pass for another leaf, index, size or root.
        const other = leafHash(Buffer.from('not an entry')).toString('hex');
        expect(verifyInclusion(other, i, n, proof, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(leaf, (i + 1) % n, n, proof, root)).toBe(false);
        if (n < data.length) expect(verifyInclusion(leaf, i, n, proof, tree.root(n + 1))).toBe(false);
        if (proof.length > 0) {
          const bent = [...proof];
          bent[0] = nodeHash(Buffer.from(bent[0] as string, 'hex'), Buffer.alloc(32)).toString('hex');
          expect(verifyInclusion(leaf, i, n, bent, root)).toBe(false);
          expect(verifyInclusion(leaf, i, n, proof.slice(1), root)).toBe(false);
        }
      }
    }
  });

  it('proves and checks consistency for every pair of sizes 1 ≤ m ≤ n ≤ 33', () => {
    const data = entries(33);
    const tree = treeOf(data);
    const rewritten = treeOf(data.map((d, i) => (i === 4 ? Buffer.from('rewritten') : d)));
    for (let n = 1; n <= data.length; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = tree.consistencyProof(m, n);
        expect(verifyConsistency(m, n, proof, tree.root(m), tree.root(n)), `${m} → ${n}`).toBe(true);
        // A rewrite of entry 4 (index) is caught whenever the earlier tree contained it.
        if (m > 4) {
          const forged = rewritten.consistencyProof(m, n);
          expect(
            verifyConsistency(m, n, forged, tree.root(m), rewritten.root(n)),
            `rewrite ${m} → ${n}`,
          ).toBe(false);
        }
        if (m < n) {
          expect(verifyConsistency(m, n, proof, tree.root(m), tree.root(n - 1))).toBe(false);
          expect(verifyConsistency(m, n, [], tree.root(m), tree.root(n))).toBe(false);
        }
      }
    }
  });

  it('refuses sizes and indexes outside the tree', () => {
    const tree = treeOf(entries(5));
    expect(() => tree.root(6)).toThrow(RangeError);
    expect(() => tree.inclusionProof(5, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(0, 5)).toThrow(RangeError);
    expect(verifyInclusion(tree.root(), 0, 0, [], tree.root())).toBe(false);
    expect(verifyConsistency(3, 2, [], tree.root(3), tree.root(2))).toBe(false);
  });
});
