import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { completeSubtreeHash, emptyRoot, hashAccessorFromLeafHashes, leafHash, rootFromLeafHashes } from "../../../lib/ledger/merkle";
import { appendLeaves, EMPTY_EDGE, edgeRoot, type RightEdge, rightEdgeFrom, rightEdgeSubtrees, type TreeNode } from "../../../lib/ledger/tree-builder";

const MAX = 300;
const leaves = Array.from({ length: MAX }, (_, i) => leafHash(Uint8Array.from([i >> 8, i & 0xff])));

// Compared as text: deep equality over thousands of byte arrays would take seconds.
const hex = (hash: Uint8Array) => Buffer.from(hash).toString("hex");
const show = (nodes: readonly TreeNode[]) => nodes.map((n) => `${n.level}/${n.index}/${hex(n.hash)}`);
const showEdge = (edge: RightEdge) => ({ size: edge.size, nodes: show(edge.nodes) });

describe("appendLeaves", () => {
  it("builds the same nodes, roots and edge in one batch as one leaf at a time, for sizes 0..300, with RFC 6962 roots", () => {
    let edge: RightEdge = EMPTY_EDGE;
    const nodes: TreeNode[] = [];
    const roots: Uint8Array[] = [];
    for (let n = 0; n <= MAX; n++) {
      if (n > 0) {
        const one = appendLeaves(edge, [leaves[n - 1]!]);
        nodes.push(...one.nodes);
        roots.push(...one.roots);
        edge = one.edge;
      }
      const batch = appendLeaves(EMPTY_EDGE, leaves.slice(0, n));
      expect(show(batch.nodes)).toEqual(show(nodes));
      expect(batch.roots.map(hex)).toEqual(roots.map(hex));
      expect(showEdge(batch.edge)).toEqual(showEdge(edge));
      expect(edge.size).toBe(n);
      const reference = hex(rootFromLeafHashes(leaves.slice(0, n)));
      expect(hex(edgeRoot(edge))).toBe(reference);
      if (n > 0) expect(hex(roots[n - 1]!)).toBe(reference);
    }
  });

  it("stores every complete subtree exactly once, each with its reference hash", () => {
    const { nodes } = appendLeaves(EMPTY_EDGE, leaves);
    let expected = 0;
    for (let level = 0; 2 ** level <= MAX; level++) expected += Math.floor(MAX / 2 ** level);
    expect(nodes).toHaveLength(expected);
    expect(new Set(nodes.map((n) => `${n.level}/${n.index}`)).size).toBe(expected);
    for (const node of nodes) expect(hex(node.hash)).toBe(hex(completeSubtreeHash(leaves, node.level, node.index)));
  });

  it("continues from an edge read back from stored hashes, in chunks of any size, as if built in one go", () => {
    const whole = appendLeaves(EMPTY_EDGE, leaves);
    const getHash = hashAccessorFromLeafHashes(leaves);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX }), fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 20 }), (start, cuts) => {
        // What a writer that stored the first `start` leaves' nodes finds at the right edge.
        let edge = rightEdgeFrom(start, getHash);
        expect(edge.nodes.map(({ level, index }) => ({ level, index }))).toEqual(rightEdgeSubtrees(start));
        const firstNode = whole.nodes.findIndex((n) => n.level === 0 && n.index === start);
        const nodes: TreeNode[] = [];
        const roots: Uint8Array[] = [];
        let at = start;
        for (const cut of [...cuts, MAX]) {
          const chunk = leaves.slice(at, Math.min(MAX, at + cut));
          const grown = appendLeaves(edge, chunk);
          nodes.push(...grown.nodes);
          roots.push(...grown.roots);
          edge = grown.edge;
          at += chunk.length;
        }
        expect(show(nodes)).toEqual(firstNode === -1 ? [] : show(whole.nodes.slice(firstNode)));
        expect(roots.map(hex)).toEqual(whole.roots.slice(start).map(hex));
        expect(showEdge(edge)).toEqual(showEdge(whole.edge));
      }),
      { numRuns: 100 },
    );
  });

  it("leaves the edge it is given unchanged, and an empty batch changes nothing", () => {
    const edge = appendLeaves(EMPTY_EDGE, leaves.slice(0, 7)).edge;
    const copy = structuredClone(edge);
    appendLeaves(edge, leaves.slice(7, 20));
    expect(showEdge(edge)).toEqual(showEdge(copy));
    const none = appendLeaves(edge, []);
    expect([none.nodes, none.roots, showEdge(none.edge)]).toEqual([[], [], showEdge(copy)]);
    expect(hex(edgeRoot(EMPTY_EDGE))).toBe(hex(emptyRoot()));
  });

  it("has one right-edge subtree per set bit of the size", () => {
    expect(rightEdgeSubtrees(0)).toEqual([]);
    expect(rightEdgeSubtrees(13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(rightEdgeSubtrees(2 ** 52 + 1)).toEqual([
      { level: 52, index: 0 },
      { level: 0, index: 2 ** 52 },
    ]);
  });
});
