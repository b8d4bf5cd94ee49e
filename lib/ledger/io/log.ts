import "server-only";
import type { DbOrTx } from "@/db/client";
import {
  getLatestLedgerCheckpoint,
  getLedgerHashes,
  getLedgerSize,
  insertLedgerCheckpoint,
  insertLedgerEntry,
  insertLedgerHashes,
  lockLedger,
} from "@/db/queries/ledger";
import { AppError } from "@/lib/errors";
import { canonicalJsonBytes } from "./canonical-json";
import { formatCheckpoint } from "./checkpoint";
import { type LedgerEvent, ledgerEventSchema } from "./events";
import { emptyRoot, type HashAccessor, leafHash, nodeHash } from "./merkle";
import { signNote } from "./note";
import { getLedgerSigner } from "./signer";
import { MAX_ENTRY_SIZE } from "./tiles";

export type AppendedEntry = { index: number; leafHash: Uint8Array; event: LedgerEvent };

const key = (level: number, index: number) => `${level}/${index}`;

/**
 * Complete subtrees (height, index) whose concatenation is the tree of `size` leaves, left to
 * right: one per set bit of `size`. The root is their right fold with nodeHash.
 */
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

/**
 * Appends one public event to the log inside the caller's transaction, so the change it records
 * and its entry commit or roll back together. A transaction-scoped advisory lock makes this the
 * single sequencer across connections and app instances: no fork, no gap. Stores the new
 * complete-subtree hashes (≈2 rows per entry, what tiles and O(log n) proofs need) and signs a
 * checkpoint for the new size in the same transaction, so every committed entry is covered by a
 * signed checkpoint the moment it is visible. Ed25519 signing costs microseconds, so there is no
 * need to batch checkpoints.
 */
export async function appendEvent(tx: DbOrTx, input: LedgerEvent): Promise<AppendedEntry> {
  const parsed = ledgerEventSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("invalid", `Ledger event refused: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  const event = parsed.data;
  const data = canonicalJsonBytes(event);
  if (data.length > MAX_ENTRY_SIZE) throw new AppError("invalid", "Ledger event refused: larger than 64 KiB.");

  await lockLedger(tx);
  const index = await getLedgerSize(tx);
  const size = index + 1;
  const leaf = leafHash(data);

  // Left siblings that the new leaf completes, and the tree's other right-edge subtrees.
  const newRows = [{ level: 0, index, hash: leaf }];
  const siblings: { level: number; index: number }[] = [];
  for (let level = 0, i = index; i % 2 === 1; level++, i = (i - 1) / 2) siblings.push({ level, index: i - 1 });
  const edge = rightEdgeSubtrees(size);
  const known = await getLedgerHashes(tx, [...siblings, ...edge.slice(0, -1)]);
  let current = leaf;
  for (const sibling of siblings) {
    const left = known.get(key(sibling.level, sibling.index));
    if (!left) throw new Error(`ledger hash (${sibling.level}, ${sibling.index}) is missing`);
    current = nodeHash(left, current);
    // The parent of (level, 2k) and (level, 2k + 1) is (level + 1, k).
    newRows.push({ level: sibling.level + 1, index: sibling.index / 2, hash: current });
  }
  for (const row of newRows) known.set(key(row.level, row.index), row.hash);

  const edgeHashes = edge.map((s) => known.get(key(s.level, s.index))!);
  const root = edgeHashes.reduceRight((right, left) => nodeHash(left, right));
  const signer = getLedgerSigner();
  const signedNote = signNote(formatCheckpoint({ origin: signer.origin, size, rootHash: root }), signer.signerKey);

  await insertLedgerEntry(tx, {
    index,
    data,
    kind: event.kind,
    organisationSlug: "organisation" in event ? event.organisation.slug : null,
    at: new Date(event.at),
  });
  await insertLedgerHashes(tx, newRows);
  await insertLedgerCheckpoint(tx, { size, rootHash: root, signedNote });
  return { index, leafHash: leaf, event };
}

/** The latest signed checkpoint; an empty log gets a freshly signed size-0 checkpoint. */
export async function getLatestCheckpoint(tx?: DbOrTx): Promise<{ size: number; rootHash: Uint8Array; signedNote: string }> {
  const latest = await getLatestLedgerCheckpoint(tx);
  if (latest) return latest;
  const signer = getLedgerSigner();
  const rootHash = emptyRoot();
  return { size: 0, rootHash, signedNote: signNote(formatCheckpoint({ origin: signer.origin, size: 0, rootHash }), signer.signerKey) };
}

/**
 * A hash accessor over the stored hashes that needs one database round trip: the coordinates a
 * proof reads do not depend on hash values, so a dry run with placeholder hashes collects them.
 */
export async function withStoredHashes<T>(tx: DbOrTx | undefined, compute: (getHash: HashAccessor) => Promise<T>): Promise<T> {
  const wanted: { level: number; index: number }[] = [];
  const placeholder = new Uint8Array(32);
  await compute((level, index) => {
    wanted.push({ level, index });
    return placeholder;
  });
  const hashes = await getLedgerHashes(tx, wanted);
  return compute((level, index) => {
    const hash = hashes.get(key(level, index));
    if (!hash) throw new Error(`ledger hash (${level}, ${index}) is missing`);
    return hash;
  });
}
