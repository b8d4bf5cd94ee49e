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
import { canonicalJsonBytes } from "../canonical-json";
import { formatCheckpoint } from "../checkpoint";
import { type LedgerEvent, ledgerEventSchema } from "../events";
import { emptyRoot, type HashAccessor, leafHash } from "../merkle";
import { signNote } from "../note";
import { MAX_ENTRY_SIZE } from "../tiles";
import { appendLeaves, type RightEdge, rightEdgeFrom, rightEdgeSubtrees } from "../tree-builder";
import { establishLedgerIdentity } from "./identity";
import { getLedgerSigner, type LedgerSigner } from "./signer";
import { queueCosigning } from "./witness-policy";

export type AppendedEntry = { index: number; leafHash: Uint8Array; event: LedgerEvent };

const key = (level: number, index: number) => `${level}/${index}`;

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
  // The log's stored origin and key (stored here if this append creates the log): never a mixed log.
  const signer = await establishLedgerIdentity(tx);
  const index = await getLedgerSize(tx);
  const leaf = leafHash(data);
  const grown = appendLeaves(await readRightEdge(tx, index), [leaf]);
  const size = index + 1;

  await insertLedgerEntry(tx, ledgerEntryValues(index, event, data));
  await insertLedgerHashes(tx, grown.nodes);
  await insertLedgerCheckpoint(tx, signedCheckpoint(signer, size, grown.roots[0]!));
  // Witnesses cosign later, from the job runner: one statement here, never a wait for a witness.
  await queueCosigning(tx);
  return { index, leafHash: leaf, event };
}

/** The stored right edge of the tree of `size` leaves: all that appending to it reads. */
export async function readRightEdge(tx: DbOrTx, size: number): Promise<RightEdge> {
  const stored = await getLedgerHashes(tx, rightEdgeSubtrees(size));
  return rightEdgeFrom(size, (level, index) => {
    const hash = stored.get(key(level, index));
    if (!hash) throw new Error(`ledger hash (${level}, ${index}) is missing`);
    return hash;
  });
}

/** The row an entry is stored as (shared with the bulk loader, which must write the very same). */
export function ledgerEntryValues(index: number, event: LedgerEvent, data: Uint8Array) {
  return { index, data, kind: event.kind, organisationSlug: "organisation" in event ? event.organisation.slug : null, at: new Date(event.at) };
}

/** The checkpoint for a tree of `size` leaves with root `rootHash`, signed with the log's key. */
export function signedCheckpoint(signer: LedgerSigner, size: number, rootHash: Uint8Array): { size: number; rootHash: Uint8Array; signedNote: string } {
  return { size, rootHash, signedNote: signNote(formatCheckpoint({ origin: signer.origin, size, rootHash }), signer.signerKey) };
}

/** The latest signed checkpoint; an empty log gets a freshly signed size-0 checkpoint. */
export async function getLatestCheckpoint(db: DbOrTx): Promise<{ size: number; rootHash: Uint8Array; signedNote: string }> {
  const latest = await getLatestLedgerCheckpoint(db);
  if (latest) return latest;
  return signedCheckpoint(getLedgerSigner(), 0, emptyRoot());
}

/**
 * A hash accessor over the stored hashes that needs one database round trip: the coordinates a
 * proof reads do not depend on hash values, so a dry run with placeholder hashes collects them.
 */
export async function withStoredHashes<T>(db: DbOrTx, compute: (getHash: HashAccessor) => Promise<T>): Promise<T> {
  const wanted: { level: number; index: number }[] = [];
  const placeholder = new Uint8Array(32);
  await compute((level, index) => {
    wanted.push({ level, index });
    return placeholder;
  });
  const hashes = await getLedgerHashes(db, wanted);
  return compute((level, index) => {
    const hash = hashes.get(key(level, index));
    if (!hash) throw new Error(`ledger hash (${level}, ${index}) is missing`);
    return hash;
  });
}
