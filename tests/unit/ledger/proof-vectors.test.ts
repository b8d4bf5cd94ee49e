import { describe, expect, it } from "vitest";
import { hashAccessorFromLeafHashes, leafHash } from "../../../lib/ledger/merkle";
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from "../../../lib/ledger/proof";
import { b64, hasTestdata, hex, listJson, readJson, skipReason } from "./testdata";

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

const load = <T>(dir: string) => listJson(dir).map((file) => ({ file, v: readJson<T>(file) }));
const proofOf = (p: string[] | null) => (p ?? []).map(b64);

describe.skipIf(!hasTestdata)(`RFC 6962 proof vectors${skipReason}`, () => {
  const inclusion = load<InclusionVector>("rfc6962/inclusion");
  const consistency = load<ConsistencyVector>("rfc6962/consistency");
  const roots = hasTestdata ? readJson<{ leafInputsHex: string[]; rootHashesHexBySize: string[] }>("rfc6962/roots.json") : null;
  const accessor = hashAccessorFromLeafHashes((roots?.leafInputsHex ?? []).map((h) => leafHash(hex(h))));
  const isReferenceTree = (size: number, root: string) => roots?.rootHashesHexBySize[size] === Buffer.from(root, "base64").toString("hex");

  it("finds the vector files", () => {
    expect(inclusion.length).toBeGreaterThan(90);
    expect(consistency.length).toBeGreaterThan(90);
    expect(inclusion.some(({ v }) => !v.wantErr) && inclusion.some(({ v }) => v.wantErr)).toBe(true);
  });

  it.each(inclusion)("inclusion $file", ({ v }) => {
    const ok = verifyInclusion(b64(v.leafHash), v.leafIdx, v.treeSize, proofOf(v.proof), b64(v.root));
    expect(ok).toBe(!v.wantErr);
  });

  it.each(consistency)("consistency $file", ({ v }) => {
    const ok = verifyConsistency(v.size1, v.size2, proofOf(v.proof), b64(v.root1), b64(v.root2));
    expect(ok).toBe(!v.wantErr);
  });

  // The happy paths over the 8-leaf reference tree must be exactly what we generate,
  // which pins down node order, not just verifiability.
  const inclusionHappy = inclusion.filter(({ v }) => !v.wantErr && isReferenceTree(v.treeSize, v.root));
  const consistencyHappy = consistency.filter(({ v }) => !v.wantErr && isReferenceTree(v.size2, v.root2) && v.size1 > 0);

  it("has happy paths over the reference tree", () => {
    expect(inclusionHappy.length).toBeGreaterThan(3);
    expect(consistencyHappy.length).toBeGreaterThan(3);
  });

  it.each(inclusionHappy)("generates the proof of $file", async ({ v }) => {
    expect(await inclusionProof(v.leafIdx, v.treeSize, accessor)).toEqual(proofOf(v.proof));
  });

  it.each(consistencyHappy)("generates the proof of $file", async ({ v }) => {
    expect(await consistencyProof(v.size1, v.size2, accessor)).toEqual(proofOf(v.proof));
  });
});
