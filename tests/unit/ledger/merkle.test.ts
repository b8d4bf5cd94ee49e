import { describe, expect, it } from "vitest";
import {
  completeSubtreeHash,
  emptyRoot,
  hashAccessorFromLeafHashes,
  isPowerOfTwo,
  largestPowerOfTwoBelow,
  leafHash,
  nodeHash,
  rootFromLeafHashes,
} from "../../../lib/ledger/merkle";
import { rootFromAccessor } from "../../../lib/ledger/proof";
import { hasTestdata, hex, readJson, skipReason } from "./testdata";

interface Roots {
  leafInputsHex: string[];
  rootHashesHexBySize: string[];
}

const toHex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe.skipIf(!hasTestdata)(`RFC 6962 roots.json${skipReason}`, () => {
  const roots = hasTestdata ? readJson<Roots>("rfc6962/roots.json") : { leafInputsHex: [], rootHashesHexBySize: [] };
  const leaves = roots.leafInputsHex.map((h) => leafHash(hex(h)));

  it("has the 9 expected roots", () => {
    expect(roots.rootHashesHexBySize).toHaveLength(9);
  });

  it.each(roots.rootHashesHexBySize.map((root, n) => ({ n, root })))("MTH of the first $n leaves matches", async ({ n, root }) => {
    expect(toHex(rootFromLeafHashes(leaves.slice(0, n)))).toBe(root);
    expect(toHex(await rootFromAccessor(n, hashAccessorFromLeafHashes(leaves.slice(0, n))))).toBe(root);
  });
});

describe("merkle hashing", () => {
  it("uses domain-separated leaf and node hashes", () => {
    expect(toHex(emptyRoot())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // Known value: leaf hash of the empty entry (RFC 6962 test data).
    expect(toHex(leafHash(new Uint8Array()))).toBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    const a = leafHash(Uint8Array.of(1));
    const b = leafHash(Uint8Array.of(2));
    expect(nodeHash(a, b)).not.toEqual(nodeHash(b, a));
    expect(rootFromLeafHashes([a, b])).toEqual(nodeHash(a, b));
  });

  it("splits at the largest power of two below n", () => {
    expect([2, 3, 4, 5, 8, 9, 1000].map(largestPowerOfTwoBelow)).toEqual([1, 2, 2, 4, 4, 8, 512]);
    expect(largestPowerOfTwoBelow(Number.MAX_SAFE_INTEGER)).toBe(2 ** 52);
    expect(() => largestPowerOfTwoBelow(2 ** 53)).toThrow(RangeError);
    expect(() => largestPowerOfTwoBelow(1)).toThrow(RangeError);
    expect(() => largestPowerOfTwoBelow(2 ** 53 + 2)).toThrow(RangeError);
    expect(() => largestPowerOfTwoBelow(-4)).toThrow(RangeError);
    expect(() => largestPowerOfTwoBelow(4.5)).toThrow(RangeError);
  });

  it("recognises powers of two", () => {
    expect([1, 2, 4, 2 ** 40].every(isPowerOfTwo)).toBe(true);
    expect([0, 3, 6, 2 ** 40 + 1, -2, 0.5].some(isPowerOfTwo)).toBe(false);
  });

  it("computes complete subtree hashes and refuses incomplete ones", () => {
    const leaves = Array.from({ length: 7 }, (_, i) => leafHash(Uint8Array.of(i)));
    const accessor = hashAccessorFromLeafHashes(leaves);
    expect(completeSubtreeHash(leaves, 1, 2)).toEqual(nodeHash(leaves[4]!, leaves[5]!));
    expect(completeSubtreeHash(leaves, 2, 0)).toEqual(rootFromLeafHashes(leaves.slice(0, 4)));
    expect(accessor(2, 0)).toEqual(completeSubtreeHash(leaves, 2, 0));
    expect(accessor(0, 6)).toEqual(leaves[6]);
    expect(() => completeSubtreeHash(leaves, 1, 3)).toThrow(RangeError);
    expect(() => completeSubtreeHash(leaves, 3, 0)).toThrow(RangeError);
    expect(() => accessor(1, 3)).toThrow(RangeError);
    expect(() => accessor(3, 0)).toThrow(RangeError);
  });
});
