// Offline verification of a receipt (C2SP tlog-proof, as /ledger/entries/<n>/receipt serves it):
// the entry is in the tree the checkpoint commits to, the log signed the checkpoint, and (when
// witness keys are given) a quorum of those witnesses cosigned it. Pure: no network.
import { decodeBase64Strict } from "./bytes";
import { parseCheckpoint } from "./checkpoint";
import { type CosignerResult, cosignersOf, type WitnessVerifierKey } from "./cosignature";
import { HASH_SIZE, leafHash } from "./merkle";
import { type VerifierKey, verifyNote } from "./note";
import { verifyInclusion } from "./proof";

const HEADER = "c2sp.org/tlog-proof@v1";

export type ReceiptResult =
  | { ok: true; index: number; size: number; origin: string; entry: Uint8Array; cosigners: CosignerResult[]; quorumMet: boolean }
  | { ok: false; reason: "malformed" | "bad-signature" | "not-included"; message: string };

export function verifyReceipt(text: string, logKey: VerifierKey, witnessKeys: readonly WitnessVerifierKey[], quorum: number): ReceiptResult {
  const split = text.indexOf("\n\n");
  if (split < 0) return { ok: false, reason: "malformed", message: "the receipt has no blank line before its checkpoint" };
  const [header, extraLine = "", indexLine = "", ...proofLines] = text.slice(0, split).split("\n");
  if (header !== HEADER) return { ok: false, reason: "malformed", message: `the receipt does not start with ${HEADER}` };
  const entry = extraLine.startsWith("extra ") ? decodeBase64Strict(extraLine.slice(6)) : null;
  if (!entry) return { ok: false, reason: "malformed", message: "the receipt carries no entry (extra line)" };
  const indexMatch = /^index (0|[1-9][0-9]*)$/.exec(indexLine);
  if (!indexMatch) return { ok: false, reason: "malformed", message: "the receipt has no valid index line" };
  const index = Number(indexMatch[1]);
  const proof: Uint8Array[] = [];
  for (const line of proofLines) {
    const hash = decodeBase64Strict(line);
    if (!hash || hash.length !== HASH_SIZE) return { ok: false, reason: "malformed", message: "a proof line is not base64 of a 32-byte hash" };
    proof.push(hash);
  }
  const note = text.slice(split + 2);
  const opened = verifyNote(note, [logKey]);
  if (!opened.ok) {
    return { ok: false, reason: opened.error === "malformed" ? "malformed" : "bad-signature", message: `the receipt's checkpoint: ${opened.message}` };
  }
  const parsed = parseCheckpoint(opened.text);
  if (!parsed.ok) return { ok: false, reason: "malformed", message: `the receipt's checkpoint is malformed: ${parsed.reason}` };
  const { origin, size, rootHash } = parsed.checkpoint;
  if (origin !== logKey.name) return { ok: false, reason: "bad-signature", message: `the checkpoint is for log ${origin}, the key for ${logKey.name}` };
  if (index >= size || !verifyInclusion(leafHash(entry), index, size, proof, rootHash)) {
    return { ok: false, reason: "not-included", message: `the inclusion proof does not show entry ${index} in the tree of ${size} entries` };
  }
  const { cosigners } = cosignersOf(note, witnessKeys);
  return { ok: true, index, size, origin, entry, cosigners, quorumMet: cosigners.length >= quorum };
}
