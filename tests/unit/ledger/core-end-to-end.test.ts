import { describe, expect, it } from "vitest";
import { canonicalJsonBytes } from "../../../lib/ledger/canonical-json";
import { formatCheckpoint, parseCheckpoint } from "../../../lib/ledger/checkpoint";
import { hashAccessorFromLeafHashes, leafHash, rootFromLeafHashes } from "../../../lib/ledger/merkle";
import { generateSignerKey, signNote, verifyNote } from "../../../lib/ledger/note";
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from "../../../lib/ledger/proof";

describe("ledger core, end to end", () => {
  it("logs entries, signs a checkpoint and proves inclusion and consistency", async () => {
    const origin = "accord.example.org/ledger";
    const keys = generateSignerKey(origin);
    const entries = ["organisation.verified", "accord.signed", "commitment.registered"].map((type, i) => canonicalJsonBytes({ type, seq: i }));
    const leaves = entries.map(leafHash);
    const getHash = hashAccessorFromLeafHashes(leaves);

    const checkpointAt = (size: number) => signNote(formatCheckpoint({ origin, size, rootHash: rootFromLeafHashes(leaves.slice(0, size)) }), keys.signerKey);
    const open = (note: string) => {
      const opened = verifyNote(note, [keys.verifierKey]);
      const parsed = opened.ok ? parseCheckpoint(opened.text) : null;
      if (!parsed?.ok) throw new Error("checkpoint did not verify");
      return parsed.checkpoint;
    };
    const old = open(checkpointAt(2));
    const latest = open(checkpointAt(3));

    const proof = await inclusionProof(1, latest.size, getHash);
    expect(verifyInclusion(leafHash(entries[1]!), 1, latest.size, proof, latest.rootHash)).toBe(true);
    expect(verifyInclusion(leafHash(entries[2]!), 1, latest.size, proof, latest.rootHash)).toBe(false);
    const consistency = await consistencyProof(old.size, latest.size, getHash);
    expect(verifyConsistency(old.size, latest.size, consistency, old.rootHash, latest.rootHash)).toBe(true);
  });
});
