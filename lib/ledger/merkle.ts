// RFC 6962 / RFC 9162 §2.1 Merkle tree hashing.
//
// Tree sizes and indexes are JavaScript numbers. The RFC allows 64-bit sizes, but a log
// beyond 2^53 entries is not a realistic concern here, and rejecting unsafe integers up
// front keeps all arithmetic exact (no silent rounding of indexes).
import { createHash } from "node:crypto";

export const HASH_SIZE = 32;

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** Returns the hash of the complete subtree at height `level` covering leaves [index·2^level, (index+1)·2^level). */
export type HashAccessor = (level: number, index: number) => Uint8Array | Promise<Uint8Array>;

export function sha256(...parts: readonly Uint8Array[]): Uint8Array {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

export function isSafeCount(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

export function assertSafeCount(n: unknown, what: string): asserts n is number {
  if (!isSafeCount(n)) throw new RangeError(`${what} must be a non-negative safe integer, got ${String(n)}`);
}

export function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

export function leafHash(entry: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, entry);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(NODE_PREFIX, left, right);
}

/** MTH({}) — the root of the empty tree. */
export function emptyRoot(): Uint8Array {
  return sha256();
}

/** The largest power of two strictly smaller than n (the RFC's split point k), for n ≥ 2. */
export function largestPowerOfTwoBelow(n: number): number {
  assertSafeCount(n, "n");
  if (n < 2) throw new RangeError(`no power of two below ${n} splits a tree`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  return isSafeCount(n) && n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

/** Number of leaves under a complete subtree of height `level` (levels 0..53 stay exact). */
export function subtreeWidth(level: number): number {
  if (!Number.isInteger(level) || level < 0 || level > 53) throw new RangeError(`invalid level ${level}`);
  return 2 ** level;
}

/** MTH(D[0:n]) from the n leaf hashes. */
export function rootFromLeafHashes(hashes: readonly Uint8Array[]): Uint8Array {
  return hashes.length === 0 ? emptyRoot() : rangeRoot(hashes, 0, hashes.length);
}

/** Hash of the complete subtree at height `level`, position `index`, computed from leaf hashes. */
export function completeSubtreeHash(hashes: readonly Uint8Array[], level: number, index: number): Uint8Array {
  assertSafeCount(index, "index");
  const width = subtreeWidth(level);
  const start = index * width;
  if (!Number.isSafeInteger(start + width) || start + width > hashes.length) {
    throw new RangeError(`subtree (${level}, ${index}) is not complete in a tree of ${hashes.length} leaves`);
  }
  return rangeRoot(hashes, start, start + width);
}

// MTH of hashes[start:end], splitting at the largest power of two as the RFC defines.
function rangeRoot(hashes: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const n = end - start;
  if (n === 1) return at(hashes, start);
  const k = largestPowerOfTwoBelow(n);
  return nodeHash(rangeRoot(hashes, start, start + k), rangeRoot(hashes, start + k, end));
}

/**
 * An accessor over an in-memory tree. All complete-subtree hashes are precomputed
 * (≈2n hashes) so lookups are O(1); asking for a subtree that is not complete throws,
 * which lets tests prove that proof generation only touches what tiles can store.
 */
export function hashAccessorFromLeafHashes(leafHashes: readonly Uint8Array[]): (level: number, index: number) => Uint8Array {
  const levels: Uint8Array[][] = [];
  let current = leafHashes.slice();
  while (current.length > 0) {
    levels.push(current);
    const below = current;
    // An odd last node has no sibling yet, so it is not part of a complete subtree above.
    current = Array.from({ length: Math.floor(below.length / 2) }, (_, i) => nodeHash(at(below, 2 * i), at(below, 2 * i + 1)));
  }
  return (level, index) => {
    const hash = levels[level]?.[index];
    if (!hash) throw new RangeError(`subtree (${level}, ${index}) is not complete in a tree of ${leafHashes.length} leaves`);
    return hash;
  };
}

function at(hashes: readonly Uint8Array[], i: number): Uint8Array {
  const h = hashes[i];
  if (!h) throw new RangeError(`missing hash at ${i}`);
  return h;
}
