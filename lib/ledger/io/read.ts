import "server-only";
import type { DbOrTx } from "@/db/client";
import { getLedgerCheckpointAt, getLedgerEntry, getLedgerEntriesPage, getLedgerEntryRange, getLedgerHashRange } from "@/db/queries/ledger";
import { cachedRead } from "@/db/cached-read";
import { databaseCacheKey, SIGNATORIES_TAG } from "@/lib/cache";
import { AppError } from "@/lib/errors";
import { concatBytes, encodeBase64 } from "../bytes";
import { type LedgerEvent, ledgerEventSchema } from "../events";
import { getLatestCheckpoint, withStoredHashes } from "./log";
import { getLedgerSigner } from "./signer";
import { getWitnessedCheckpoint } from "./witnesses";
import { consistencyProof, inclusionProof } from "../proof";
import { encodeEntryBundle, TILE_HEIGHT, TILE_WIDTH, tileWidth } from "../tiles";

export type TileResponse = { body: Uint8Array; isFull: boolean };

// Full tiles never change, so a small in-process cache serves them without the database.
const fullTileCache = new Map<string, Uint8Array>();
const FULL_TILE_CACHE_LIMIT = 1024;

function rememberFullTile(key: string, body: Uint8Array) {
  if (fullTileCache.size >= FULL_TILE_CACHE_LIMIT) fullTileCache.delete(fullTileCache.keys().next().value!);
  fullTileCache.set(key, body);
}

/**
 * A hash tile or entry bundle as C2SP tlog-tiles defines it, relative to the latest checkpoint.
 * A partial request is served from the stored prefix even after the tile has filled up (hashes
 * never change); a tile beyond the tree is not found.
 */
export async function getTile(db: DbOrTx, tile: { level: number; index: number; width: number | undefined; isEntries: boolean }): Promise<TileResponse> {
  const cacheKey = `${databaseCacheKey()}|${tile.isEntries ? "entries" : tile.level}/${tile.index}`;
  if (tile.width === undefined) {
    const cached = fullTileCache.get(cacheKey);
    if (cached) return { body: cached, isFull: true };
  }
  const { size } = await getLatestCheckpoint(db);
  const available = tileWidth(tile.level, tile.index, size);
  const width = tile.width ?? TILE_WIDTH;
  if (available < width) throw new AppError("not_found", `No such tile in a log of ${size} entries.`);
  const first = tile.index * TILE_WIDTH;
  let body: Uint8Array;
  if (tile.isEntries) {
    const rows = await getLedgerEntryRange(db, first, width);
    body = encodeEntryBundle(rows.map((r) => r.data));
    if (rows.length !== width) throw new Error(`entry bundle ${tile.index} has ${rows.length} of ${width} entries`);
  } else {
    const hashes = await getLedgerHashRange(db, tile.level * TILE_HEIGHT, first, width);
    if (hashes.length !== width) throw new Error(`tile ${tile.level}/${tile.index} has ${hashes.length} of ${width} hashes`);
    body = concatBytes(...hashes);
  }
  if (tile.width === undefined) rememberFullTile(cacheKey, body);
  return { body, isFull: tile.width === undefined };
}

export type PublicLedgerEntry = { index: number; event: LedgerEvent; entryBase64: string };

function toPublicEntry(row: { index: number; data: Uint8Array }): PublicLedgerEntry {
  const event = ledgerEventSchema.parse(JSON.parse(new TextDecoder().decode(row.data)));
  return { index: row.index, event, entryBase64: encodeBase64(row.data) };
}

/**
 * One entry with its inclusion proof and the checkpoint it is proven against: the latest
 * quorum-cosigned checkpoint when that includes the entry (so a receipt verifies offline against
 * the witnesses' keys), else the latest the log signed (`witnessed: false`: fetch again later).
 */
export async function getEntryWithProof(db: DbOrTx, index: number) {
  const [latest, witnessedCheckpoint] = await Promise.all([getLatestCheckpoint(db), getWitnessedCheckpoint(db)]);
  if (index >= latest.size) throw new AppError("not_found", `No entry ${index}: the log has ${latest.size} entries.`);
  const witnessed = witnessedCheckpoint !== undefined && index < witnessedCheckpoint.size;
  const checkpoint = witnessed ? witnessedCheckpoint : latest;
  const row = await getLedgerEntry(db, index);
  if (!row) throw new AppError("not_found", `No entry ${index}.`);
  const proof = await withStoredHashes(db, (getHash) => inclusionProof(index, checkpoint.size, getHash));
  return {
    ...toPublicEntry(row),
    treeSize: checkpoint.size,
    rootHash: checkpoint.rootHash,
    proof,
    checkpoint: checkpoint.signedNote,
    witnessed,
    witnessedSize: witnessedCheckpoint?.size ?? null,
  };
}

/** The C2SP tlog-proof receipt for an entry; `extra` carries the entry itself so it stands alone. */
export function formatReceipt(entry: { index: number; entryBase64: string; proof: Uint8Array[]; checkpoint: string }): string {
  return ["c2sp.org/tlog-proof@v1", `extra ${entry.entryBase64}`, `index ${entry.index}`, ...entry.proof.map(encodeBase64), "", entry.checkpoint].join("\n");
}

/** Proof that the tree of size `from` is a prefix of the tree of size `to` (default: latest). */
export async function getConsistency(db: DbOrTx, from: number, to?: number) {
  const latest = await getLatestCheckpoint(db);
  const target = to ?? latest.size;
  if (from < 1 || from > target || target > latest.size) {
    throw new AppError("invalid", `Sizes must satisfy 1 ≤ from ≤ to ≤ ${latest.size} (the log's size).`);
  }
  const [fromCheckpoint, toCheckpoint] = await Promise.all([getLedgerCheckpointAt(db, from), getLedgerCheckpointAt(db, target)]);
  const proof = await withStoredHashes(db, (getHash) => consistencyProof(from, target, getHash));
  return { from, to: target, fromRoot: fromCheckpoint?.rootHash, toRoot: toCheckpoint?.rootHash, proof };
}

/** Newest entries first, `pageSize` at a time, for the human view of the log. */
export async function getLedgerPage(db: DbOrTx, page: number, pageSize: number) {
  const checkpoint = await getLatestCheckpoint(db);
  const before = checkpoint.size - (page - 1) * pageSize;
  const rows = before > 0 ? await getLedgerEntriesPage(db, { before, limit: pageSize }) : [];
  return { checkpoint, entries: rows.map(toPublicEntry), pageCount: Math.max(1, Math.ceil(checkpoint.size / pageSize)) };
}

/**
 * A page of the ledger page (/ledger) from the data cache, in plain JSON (the root hash in base64),
 * with the key that verifies its checkpoint: every append comes with a change to the public data,
 * whose purge (publicDataChanged, the signatories tag) drops it, as it drops the profiles that show
 * the same events.
 */
export const getCachedLedgerPage = cachedRead(
  "ledger-page",
  async (db, page: number, pageSize: number) => {
    const { checkpoint, entries, pageCount } = await getLedgerPage(db, page, pageSize);
    return {
      checkpoint: { size: checkpoint.size, rootHashBase64: encodeBase64(checkpoint.rootHash), signedNote: checkpoint.signedNote },
      entries,
      pageCount,
      verifierKey: getLedgerSigner().verifierKey,
    };
  },
  // The build renders the static first page with no database (and no key): that output is never served.
  { tags: [SIGNATORIES_TAG], duringBuild: () => ({ checkpoint: { size: 0, rootHashBase64: "", signedNote: "" }, entries: [], pageCount: 1, verifierKey: "" }) },
);
