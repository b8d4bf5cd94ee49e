import { getLedgerEntryRange, getLatestLedgerCheckpoint, getLedgerHashRange } from "@/db/queries/ledger";
import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { ledgerCheckpoints, ledgerEntries, ledgerHashes } from "@/db/schema";
import { bytesEqual } from "@/lib/ledger/bytes";
import { parseCheckpoint } from "@/lib/ledger/checkpoint";
import { leafHash, rootFromLeafHashes } from "@/lib/ledger/merkle";
import { verifyNote } from "@/lib/ledger/note";

/** Reads the whole log back and checks it from first principles; returns what it found. */
export async function checkStoredLog(db: DbOrTx, verifierKey: string) {
  const entries = await getLedgerEntryRange(db, 0, Number.MAX_SAFE_INTEGER);
  const indexes = entries.map((e) => e.index);
  const contiguous = indexes.every((index, i) => index === i);
  const leaves = entries.map((e) => leafHash(e.data));
  const storedLeaves = await getLedgerHashRange(db, 0, 0, entries.length + 1);
  const leavesMatch = storedLeaves.length === leaves.length && leaves.every((h, i) => bytesEqual(h, storedLeaves[i]!));
  const checkpoint = await getLatestLedgerCheckpoint(db);
  const note = checkpoint ? verifyNote(checkpoint.signedNote, [verifierKey]) : null;
  const parsed = note?.ok ? parseCheckpoint(note.text) : null;
  const root = rootFromLeafHashes(leaves);
  return {
    size: entries.length,
    contiguous,
    leavesMatch,
    signatureValid: note?.ok === true,
    checkpointSize: parsed?.ok ? parsed.checkpoint.size : -1,
    rootMatches: parsed?.ok === true && bytesEqual(parsed.checkpoint.rootHash, root),
  };
}

/** Every ledger row except checkpoints' created_at, which is wall-clock time and not part of the log. */
export async function ledgerRows(db: DbOrTx) {
  return {
    entries: await db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.index)),
    hashes: await db.select().from(ledgerHashes).orderBy(asc(ledgerHashes.level), asc(ledgerHashes.index)),
    checkpoints: await db
      .select({ size: ledgerCheckpoints.size, rootHash: ledgerCheckpoints.rootHash, signedNote: ledgerCheckpoints.signedNote })
      .from(ledgerCheckpoints)
      .orderBy(asc(ledgerCheckpoints.size)),
  };
}
