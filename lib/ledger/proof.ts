// RFC 9162 §2.1.3 (inclusion) and §2.1.4 (consistency) proofs.
//
// Generation only reads complete-subtree hashes through a HashAccessor: those are exactly
// the hashes tlog tiles store, so a proof costs O(log n) lookups and never needs the
// whole tree in memory. Verification never throws: any malformed input is just `false`.
import { bytesEqual } from "./bytes";
import { assertSafeCount, emptyRoot, type HashAccessor, isHash, isPowerOfTwo, isSafeCount, largestPowerOfTwoBelow, nodeHash } from "./merkle";

/** MTH(D[0:size]) assembled from complete subtrees. */
export async function rootFromAccessor(size: number, getHash: HashAccessor): Promise<Uint8Array> {
  assertSafeCount(size, "size");
  return size === 0 ? emptyRoot() : subtreeRoot(0, size, getHash);
}

/** PATH(index, D[0:size]), RFC 9162 §2.1.3.1. */
export async function inclusionProof(index: number, size: number, getHash: HashAccessor): Promise<Uint8Array[]> {
  assertSafeCount(index, "index");
  assertSafeCount(size, "size");
  if (index >= size) throw new RangeError(`index ${index} is not in a tree of size ${size}`);
  const proof: Uint8Array[] = [];
  await path(index, 0, size, getHash, proof);
  return proof;
}

/** PROOF(m, D[0:n]), RFC 9162 §2.1.4.1. Empty when m == n; m == 0 has no meaningful proof. */
export async function consistencyProof(m: number, n: number, getHash: HashAccessor): Promise<Uint8Array[]> {
  assertSafeCount(m, "m");
  assertSafeCount(n, "n");
  if (m === 0 || m > n) throw new RangeError(`no consistency proof from size ${m} to size ${n}`);
  const proof: Uint8Array[] = [];
  await subproof(m, 0, n, true, getHash, proof);
  return proof;
}

// Proof nodes are appended deepest first, which is the order the RFC's recursion yields.
async function path(m: number, start: number, n: number, getHash: HashAccessor, out: Uint8Array[]): Promise<void> {
  if (n === 1) return;
  const k = largestPowerOfTwoBelow(n);
  if (m < k) {
    await path(m, start, k, getHash, out);
    out.push(await subtreeRoot(start + k, n - k, getHash));
  } else {
    await path(m - k, start + k, n - k, getHash, out);
    out.push(await subtreeRoot(start, k, getHash));
  }
}

async function subproof(m: number, start: number, n: number, isOriginalTree: boolean, getHash: HashAccessor, out: Uint8Array[]): Promise<void> {
  if (m === n) {
    if (!isOriginalTree) out.push(await subtreeRoot(start, n, getHash));
    return;
  }
  const k = largestPowerOfTwoBelow(n);
  if (m <= k) {
    await subproof(m, start, k, isOriginalTree, getHash, out);
    out.push(await subtreeRoot(start + k, n - k, getHash));
  } else {
    await subproof(m - k, start + k, n - k, false, getHash, out);
    out.push(await subtreeRoot(start, k, getHash));
  }
}

// MTH(D[start:start+n]). Every range the recursions above produce starts at a multiple
// of the power of two that bounds its length, so a power-of-two range is one complete
// subtree and any other range is its left complete subtree plus a shorter right range.
async function subtreeRoot(start: number, n: number, getHash: HashAccessor): Promise<Uint8Array> {
  if (isPowerOfTwo(n)) return getHash(Math.log2(n), start / n);
  const k = largestPowerOfTwoBelow(n);
  const left = await getHash(Math.log2(k), start / k);
  return nodeHash(left, await subtreeRoot(start + k, n - k, getHash));
}

/** RFC 9162 §2.1.3.2. */
export function verifyInclusion(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!isSafeCount(index) || !isSafeCount(size) || index >= size) return false;
  if (!isHash(leafHash) || !isHash(root) || !isProof(proof)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && bytesEqual(r, root);
}

/** RFC 9162 §2.1.4.2, plus the cases the RFC leaves to the caller (equal and empty sizes). */
export function verifyConsistency(size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): boolean {
  if (!isSafeCount(size1) || !isSafeCount(size2) || !Array.isArray(proof)) return false;
  // Every tree is consistent with the empty tree, so such a "proof" proves nothing.
  if (size1 === 0 || size2 < size1) return false;
  // A tree is consistent with itself only if the roots agree; no hashing is involved,
  // so (like transparency-dev/merkle and its vectors) the root length is not checked.
  if (size1 === size2) {
    return proof.length === 0 && root1 instanceof Uint8Array && root2 instanceof Uint8Array && bytesEqual(root1, root2);
  }
  if (!isHash(root1) || !isHash(root2) || !isProof(proof) || proof.length === 0) return false;

  // When size1 is a power of two, the old root is itself a node of the new tree and the
  // proof omits it.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) [fn, sn] = [half(fn), half(sn)];
  const [first, ...rest] = path;
  if (!first) return false;
  let fr = first;
  let sr = first;
  for (const c of rest) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}

function isProof(proof: unknown): proof is readonly Uint8Array[] {
  return Array.isArray(proof) && proof.every(isHash);
}

// Indexes may exceed 2^32, so bit shifts (which truncate to int32) are not usable.
function half(n: number): number {
  return Math.floor(n / 2);
}
