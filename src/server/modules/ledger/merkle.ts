/**
 * The Merkle tree of the whole case history as RFC 9162 (Certificate Transparency v2) §2.1 defines
 * it: leaf hash = SHA-256(0x00 || entry), node = SHA-256(0x01 || left || right), the left subtree of
 * n leaves holding the largest power of two below n. The "entry" of leaf i is the 32 bytes of chain
 * entry seq i+1's hash (which commits to its contents and to every entry before it). Pure: no I/O.
 *
 * Inclusion proofs (§2.1.3) show one entry is in a tree of a given size; consistency proofs (§2.1.4)
 * show a tree of size m is a prefix of a tree of size n, so a verifier holding an earlier signed root
 * detects any rewrite or truncation.
 */
import { createHash } from 'node:crypto';

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

function sha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** SHA-256(0x00 || data). */
export function leafHash(data: Buffer): Buffer {
  return sha256(LEAF, data);
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(NODE, left, right);
}

/** The leaf hash of a chain entry, from its 64-hex-digit chain hash. */
export function entryLeafHash(chainHashHex: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(chainHashHex)) throw new Error(`not a SHA-256 hex digest: ${chainHashHex}`);
  return leafHash(Buffer.from(chainHashHex, 'hex'));
}

/** The root of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT = sha256().toString('hex');

/** True when n is 1, 2, 4, 8, … (BigInt: JavaScript's bit operators stop at 32 bits). */
function isPowerOfTwo(n: number): boolean {
  const b = BigInt(n);
  return b > 0n && (b & (b - 1n)) === 0n;
}

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The root over leaves added one at a time, holding one perfect subtree per bit of the size
 * (O(log n) memory), so the whole history can be hashed while streaming it. Same root as `MerkleTree`.
 */
export class TreeBuilder {
  /** Perfect subtrees, largest first: [hash, number of leaves]. */
  private readonly stack: [Buffer, number][] = [];
  private count = 0;

  /** Leaves added so far. */
  get size(): number {
    return this.count;
  }

  /** Adds the next leaf hash. */
  add(leaf: Buffer): void {
    this.count++;
    let node: [Buffer, number] = [leaf, 1];
    for (let top = this.stack.at(-1); top && top[1] === node[1]; top = this.stack.at(-1)) {
      this.stack.pop();
      node = [nodeHash(top[0], node[0]), top[1] * 2];
    }
    this.stack.push(node);
  }

  /** The RFC 9162 root over the leaves so far, as hex. */
  root(): string {
    const last = this.stack.at(-1);
    if (!last) return EMPTY_ROOT;
    let r = last[0];
    for (let i = this.stack.length - 2; i >= 0; i--) r = nodeHash((this.stack[i] as [Buffer, number])[0], r);
    return r.toString('hex');
  }
}

/**
 * A tree over a list of leaf hashes that answers roots, inclusion and consistency proofs for any
 * size up to its own. Keeps every perfect subtree (2n hashes), so each proof costs O(log² n).
 */
export class MerkleTree {
  /** levels[h][i]: the perfect subtree of 2^h leaves starting at leaf i·2^h. */
  private readonly levels: Buffer[][];

  constructor(leaves: readonly Buffer[]) {
    this.levels = [[...leaves]];
    for (let level = this.levels[0] as Buffer[]; level.length > 1; ) {
      const next: Buffer[] = [];
      for (let i = 0; i + 1 < level.length; i += 2)
        next.push(nodeHash(level[i] as Buffer, level[i + 1] as Buffer));
      this.levels.push(next);
      level = next;
    }
  }

  /** Number of leaves. */
  get size(): number {
    return (this.levels[0] as Buffer[]).length;
  }

  /** MTH(D[start:end]) for a range the RFC's recursion produces (start aligned to its left subtree). */
  private hashOf(start: number, end: number): Buffer {
    const n = end - start;
    if (isPowerOfTwo(n) && start % n === 0) {
      const h = Math.log2(n);
      const node = this.levels[h]?.[start / n];
      if (node) return node;
    }
    const k = splitPoint(n);
    return nodeHash(this.hashOf(start, start + k), this.hashOf(start + k, end));
  }

  private checkSize(treeSize: number): void {
    if (!Number.isInteger(treeSize) || treeSize < 0 || treeSize > this.size) {
      throw new RangeError(`tree size ${treeSize} is not between 0 and ${this.size}`);
    }
  }

  /** The root of the first `treeSize` leaves, as hex. */
  root(treeSize = this.size): string {
    this.checkSize(treeSize);
    return treeSize === 0 ? EMPTY_ROOT : this.hashOf(0, treeSize).toString('hex');
  }

  /** PATH(index, D[0:treeSize]) of RFC 9162 §2.1.3.1, as hex. */
  inclusionProof(index: number, treeSize = this.size): string[] {
    this.checkSize(treeSize);
    if (!Number.isInteger(index) || index < 0 || index >= treeSize) {
      throw new RangeError(`leaf index ${index} is not in a tree of size ${treeSize}`);
    }
    const path: Buffer[] = [];
    const walk = (m: number, start: number, end: number): void => {
      if (end - start <= 1) return;
      const k = splitPoint(end - start);
      if (m < k) {
        walk(m, start, start + k);
        path.push(this.hashOf(start + k, end));
      } else {
        walk(m - k, start + k, end);
        path.push(this.hashOf(start, start + k));
      }
    };
    walk(index, 0, treeSize);
    return path.map((b) => b.toString('hex'));
  }

  /** PROOF(first, D[0:second]) of RFC 9162 §2.1.4.1, as hex. */
  consistencyProof(first: number, second = this.size): string[] {
    this.checkSize(second);
    if (!Number.isInteger(first) || first < 1 || first > second) {
      throw new RangeError(`first tree size ${first} is not between 1 and ${second}`);
    }
    const proof: Buffer[] = [];
    const sub = (m: number, start: number, end: number, complete: boolean): void => {
      const n = end - start;
      if (m === n) {
        if (!complete) proof.push(this.hashOf(start, end));
        return;
      }
      const k = splitPoint(n);
      if (m <= k) {
        sub(m, start, start + k, complete);
        proof.push(this.hashOf(start + k, end));
      } else {
        sub(m - k, start + k, end, false);
        proof.push(this.hashOf(start, start + k));
      }
    };
    sub(first, 0, second, true);
    return proof.map((b) => b.toString('hex'));
  }
}

const HEX32 = /^[0-9a-f]{64}$/;

function toBuffers(hexes: readonly string[]): Buffer[] | undefined {
  if (!hexes.every((h) => typeof h === 'string' && HEX32.test(h))) return undefined;
  return hexes.map((h) => Buffer.from(h, 'hex'));
}

/**
 * The walk both RFC 9162 verifications share (§2.1.3.2, §2.1.4.2): from node `fn` in a tree whose
 * last node is `sn`, for each of the `length` nodes of the path, whether it is the left sibling (it
 * hashes before the running value). Undefined when the path is longer or shorter than the tree
 * allows. BigInt: sizes beyond 2^31 must not break JavaScript's 32-bit shifts.
 */
function pathSides(fn: bigint, sn: bigint, length: number): boolean[] | undefined {
  const left: boolean[] = [];
  for (let i = 0; i < length; i++) {
    if (sn === 0n) return undefined;
    if ((fn & 1n) === 1n || fn === sn) {
      left.push(true);
      if ((fn & 1n) === 0n) {
        do {
          fn >>= 1n;
          sn >>= 1n;
        } while ((fn & 1n) === 0n && fn !== 0n);
      }
    } else {
      left.push(false);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? left : undefined;
}

/** RFC 9162 §2.1.3.2: true when `leaf` (hex leaf hash) at `index` is in the tree of `treeSize` with `root`. */
export function verifyInclusion(
  leaf: string,
  index: number,
  treeSize: number,
  proof: readonly string[],
  root: string,
): boolean {
  const path = toBuffers(proof);
  if (!path || !HEX32.test(leaf) || !HEX32.test(root)) return false;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) {
    return false;
  }
  const leftSibling = pathSides(BigInt(index), BigInt(treeSize - 1), path.length);
  if (!leftSibling) return false;
  let r: Buffer = Buffer.from(leaf, 'hex');
  path.forEach((p, i) => {
    r = leftSibling[i] ? nodeHash(p, r) : nodeHash(r, p);
  });
  return r.toString('hex') === root;
}

/**
 * RFC 9162 §2.1.4.2: true when the tree of `first` leaves with `firstRoot` is a prefix of the tree
 * of `second` leaves with `secondRoot`. Equal sizes need an empty proof and equal roots.
 */
export function verifyConsistency(
  first: number,
  second: number,
  proof: readonly string[],
  firstRoot: string,
  secondRoot: string,
): boolean {
  const path = toBuffers(proof);
  if (!path || !HEX32.test(firstRoot) || !HEX32.test(secondRoot)) return false;
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) {
    return false;
  }
  if (first === second) return path.length === 0 && firstRoot === secondRoot;
  if (path.length === 0) return false;
  if (isPowerOfTwo(first)) {
    path.unshift(Buffer.from(firstRoot, 'hex'));
  }
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  const rest = path.slice(1);
  const leftSibling = pathSides(fn, sn, rest.length);
  if (!leftSibling) return false;
  let fr: Buffer = path[0] as Buffer;
  let sr: Buffer = path[0] as Buffer;
  rest.forEach((c, i) => {
    if (leftSibling[i]) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
    } else {
      sr = nodeHash(sr, c);
    }
  });
  return fr.toString('hex') === firstRoot && sr.toString('hex') === secondRoot;
}
