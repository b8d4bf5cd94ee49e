import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type HashAccessor, hashAccessorFromLeafHashes, leafHash, rootFromLeafHashes } from "../../../lib/ledger/merkle";
import { consistencyProof, inclusionProof, rootFromAccessor, verifyConsistency, verifyInclusion } from "../../../lib/ledger/proof";

const MAX = 300;

// Distinct leaves: with duplicates, a proof for one position can honestly verify at another.
const treeArb = fc.record({ salt: fc.uint8Array({ maxLength: 8 }), n: fc.integer({ min: 1, max: MAX }) }).map(({ salt, n }) => {
  const leaves = Array.from({ length: MAX }, (_, i) => leafHash(Uint8Array.from([...salt, i >> 8, i & 0xff])));
  return { leaves, n };
});

function counting(getHash: HashAccessor): { getHash: HashAccessor; count: () => number } {
  let lookups = 0;
  return {
    getHash: (level, index) => {
      lookups++;
      return getHash(level, index);
    },
    count: () => lookups,
  };
}

// Accessors may be async (a database); the generators must accept both kinds.
const asAsync =
  (getHash: HashAccessor): HashAccessor =>
  async (level, index) =>
    getHash(level, index);

function flipBit(bytes: Uint8Array, seed: number): Uint8Array {
  const copy = bytes.slice();
  const bit = seed % (copy.length * 8);
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
}

const rootOf = (leaves: Uint8Array[], size: number) => rootFromLeafHashes(leaves.slice(0, size));
const log2ceil = (n: number) => Math.ceil(Math.log2(n));

describe("inclusion proofs (property)", () => {
  it("verify, cost O(log n) lookups, and reject any tampering", async () => {
    await fc.assert(
      fc.asyncProperty(treeArb, fc.nat(), fc.nat(), async ({ leaves, n }, indexSeed, seed) => {
        const index = indexSeed % n;
        const tree = leaves.slice(0, n);
        const accessor = counting(asAsync(hashAccessorFromLeafHashes(tree)));
        const proof = await inclusionProof(index, n, accessor.getHash);
        const root = rootFromLeafHashes(tree);
        const leaf = leaves[index]!;

        expect(verifyInclusion(leaf, index, n, proof, root)).toBe(true);
        expect(proof.length).toBeLessThanOrEqual(log2ceil(n));
        expect(accessor.count()).toBeLessThanOrEqual(2 * log2ceil(n));

        expect(verifyInclusion(flipBit(root, seed), index, n, proof, root)).toBe(false);
        expect(verifyInclusion(leaf, index, n, proof, flipBit(root, seed))).toBe(false);
        if (proof.length > 0) {
          const j = seed % proof.length;
          expect(
            verifyInclusion(
              leaf,
              index,
              n,
              proof.map((p, k) => (k === j ? flipBit(p, seed) : p)),
              root,
            ),
          ).toBe(false);
          expect(verifyInclusion(leaf, index, n, proof.slice(0, -1), root)).toBe(false);
        }
        expect(verifyInclusion(leaf, index, n, [...proof, root], root)).toBe(false);
        if (n > 1) {
          const otherIndex = (index + 1 + (seed % (n - 1))) % n;
          expect(verifyInclusion(leaf, otherIndex, n, proof, root)).toBe(false);
        }
        const otherSize = index + 1 + (seed % (MAX - index));
        if (otherSize !== n) expect(verifyInclusion(leaf, index, otherSize, proof, rootOf(leaves, otherSize))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("root from the accessor equals MTH for every size", async () => {
    await fc.assert(
      fc.asyncProperty(treeArb, async ({ leaves, n }) => {
        const tree = leaves.slice(0, n);
        const accessor = counting(hashAccessorFromLeafHashes(tree));
        expect(await rootFromAccessor(n, accessor.getHash)).toEqual(rootFromLeafHashes(tree));
        expect(accessor.count()).toBeLessThanOrEqual(log2ceil(n) + 1);
      }),
    );
  });
});

describe("consistency proofs (property)", () => {
  it("verify, cost O(log n) lookups, and reject any tampering", async () => {
    await fc.assert(
      fc.asyncProperty(treeArb, fc.nat(), fc.nat(), async ({ leaves, n }, mSeed, seed) => {
        const m = 1 + (mSeed % n);
        const accessor = counting(hashAccessorFromLeafHashes(leaves.slice(0, n)));
        const proof = await consistencyProof(m, n, accessor.getHash);
        const root1 = rootOf(leaves, m);
        const root2 = rootOf(leaves, n);

        expect(verifyConsistency(m, n, proof, root1, root2)).toBe(true);
        expect(proof.length).toBeLessThanOrEqual(log2ceil(n) + 1);
        expect(accessor.count()).toBeLessThanOrEqual(2 * log2ceil(n) + 1);

        expect(verifyConsistency(m, n, proof, flipBit(root1, seed), root2)).toBe(false);
        expect(verifyConsistency(m, n, proof, root1, flipBit(root2, seed))).toBe(false);
        if (proof.length > 0) {
          const j = seed % proof.length;
          expect(
            verifyConsistency(
              m,
              n,
              proof.map((p, k) => (k === j ? flipBit(p, seed) : p)),
              root1,
              root2,
            ),
          ).toBe(false);
          expect(verifyConsistency(m, n, proof.slice(0, -1), root1, root2)).toBe(false);
        }
        expect(verifyConsistency(m, n, [...proof, root2], root1, root2)).toBe(false);
        if (n > 1) {
          const otherM = 1 + ((m + (seed % (n - 1))) % n);
          expect(verifyConsistency(otherM, n, proof, rootOf(leaves, otherM), root2)).toBe(false);
        }
        const otherN = m + (seed % (MAX - m + 1));
        if (otherN !== n) expect(verifyConsistency(m, otherN, proof, root1, rootOf(leaves, otherN))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe("proof edge cases", () => {
  const leaves = Array.from({ length: 5 }, (_, i) => leafHash(Uint8Array.of(i)));
  const getHash = hashAccessorFromLeafHashes(leaves);
  const root = rootFromLeafHashes(leaves);

  it("generators refuse impossible requests", async () => {
    await expect(inclusionProof(5, 5, getHash)).rejects.toThrow(RangeError);
    await expect(inclusionProof(-1, 5, getHash)).rejects.toThrow(RangeError);
    await expect(consistencyProof(0, 5, getHash)).rejects.toThrow(RangeError);
    await expect(consistencyProof(6, 5, getHash)).rejects.toThrow(RangeError);
    await expect(consistencyProof(5, 5, getHash)).resolves.toEqual([]);
    await expect(inclusionProof(0, 1, getHash)).resolves.toEqual([]);
  });

  it("verifiers return false instead of throwing on garbage", async () => {
    const proof = await inclusionProof(2, 5, getHash);
    const leaf = leaves[2]!;
    expect(verifyInclusion(leaf, 2, 5, proof, root)).toBe(true);
    const garbage: unknown[] = [null, undefined, "x", 2 ** 64, Number.NaN, -1, 1.5, {}, [new Uint8Array(31)]];
    for (const g of garbage) {
      expect(verifyInclusion(g as Uint8Array, 2, 5, proof, root)).toBe(false);
      expect(verifyInclusion(leaf, g as number, 5, proof, root)).toBe(false);
      expect(verifyInclusion(leaf, 2, g as number, proof, root)).toBe(false);
      expect(verifyInclusion(leaf, 2, 5, g as Uint8Array[], root)).toBe(false);
      expect(verifyInclusion(leaf, 2, 5, proof, g as Uint8Array)).toBe(false);
      expect(verifyConsistency(g as number, 5, [], root, root)).toBe(false);
      expect(verifyConsistency(2, 5, g as Uint8Array[], root, root)).toBe(false);
      expect(verifyConsistency(2, 5, proof, g as Uint8Array, root)).toBe(false);
    }
  });

  it("rejects sizes that are not safe integers", () => {
    expect(verifyInclusion(leaves[0]!, 2 ** 64 - 1, 8, [], root)).toBe(false);
    expect(verifyConsistency(1, 2 ** 53, [root], leaves[0]!, root)).toBe(false);
  });
});
