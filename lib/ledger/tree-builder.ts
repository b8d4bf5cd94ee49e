// The one way the log's tree grows, for every append path (appendEvent's single entry and the
// bulk loader's thousands), like transparency-dev/tessera's Integrate. Pure: the caller reads the
// right edge from storage and stores the nodes it returns.
import { emptyRoot, nodeHash } from "./merkle";

/** A stored complete subtree: height `level`, position `index` among the subtrees of that height. */
export type TreeNode = { level: number; index: number; hash: Uint8Array };

/**
 * The right edge of a tree of `size` leaves: its complete subtrees of strictly decreasing height,
 * left to right, one per set bit of `size` (a binary counter). It is all a new leaf can touch.
 */
export type RightEdge = { size: number; nodes: readonly TreeNode[] };

export const EMPTY_EDGE: RightEdge = { size: 0, nodes: [] };

/** Coordinates of the right edge of a tree of `size` leaves, left to right (none when empty). */
export function rightEdgeSubtrees(size: number): { level: number; index: number }[] {
  const subtrees: { level: number; index: number }[] = [];
  let start = 0;
  for (let level = 52; level >= 0; level--) {
    const width = 2 ** level;
    if (size - start >= width) {
      subtrees.push({ level, index: start / width });
      start += width;
    }
  }
  return subtrees;
}

/** The right edge of a tree of `size` leaves from its stored hashes (at `rightEdgeSubtrees(size)`). */
export function rightEdgeFrom(size: number, getHash: (level: number, index: number) => Uint8Array): RightEdge {
  return { size, nodes: rightEdgeSubtrees(size).map(({ level, index }) => ({ level, index, hash: getHash(level, index) })) };
}

/** RFC 6962's root: the right-edge subtrees folded from the right (the empty tree's hash when empty). */
export function edgeRoot(edge: RightEdge): Uint8Array {
  const nodes = edge.nodes;
  if (nodes.length === 0) return emptyRoot();
  let root = nodes[nodes.length - 1]!.hash;
  for (let i = nodes.length - 2; i >= 0; i--) root = nodeHash(nodes[i]!.hash, root);
  return root;
}

export type AppendedLeaves = {
  /** Every complete subtree the leaves create, each leaf followed by the parents it completes. */
  nodes: TreeNode[];
  /** The root after each leaf: roots[i] is the root of the tree of edge.size + i + 1 leaves. */
  roots: Uint8Array[];
  /** The right edge of the grown tree, to carry on from. */
  edge: RightEdge;
};

/** Appends `leafHashes` to the tree whose right edge is `edge`; `edge` itself is left unchanged. */
export function appendLeaves(edge: RightEdge, leafHashes: readonly Uint8Array[]): AppendedLeaves {
  const stack = [...edge.nodes];
  const nodes: TreeNode[] = [];
  const roots: Uint8Array[] = [];
  let size = edge.size;
  for (const leaf of leafHashes) {
    let node: TreeNode = { level: 0, index: size++, hash: leaf };
    nodes.push(node);
    // The new node completes each left neighbour of its height into their parent: (level, 2k)
    // and (level, 2k + 1) make (level + 1, k).
    for (let left = stack.at(-1); left?.level === node.level; left = stack.at(-1)) {
      stack.pop();
      node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(left.hash, node.hash) };
      nodes.push(node);
    }
    stack.push(node);
    let root = node.hash;
    for (let i = stack.length - 2; i >= 0; i--) root = nodeHash(stack[i]!.hash, root);
    roots.push(root);
  }
  return { nodes, roots, edge: { size, nodes: stack } };
}
