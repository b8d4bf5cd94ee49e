import "server-only";
import type { DbOrTx } from "../client";
import { ledgerIdentity } from "../schema";

/** The log's stored origin and verifier key, or null for a log from before they were stored. */
export async function getLedgerIdentity(db: DbOrTx): Promise<{ origin: string; verifierKey: string } | null> {
  const [row] = await db.select({ origin: ledgerIdentity.origin, verifierKey: ledgerIdentity.verifierKey }).from(ledgerIdentity).limit(1);
  return row ?? null;
}

/** Stores the log's identity; the caller holds the ledger's lock, so two starts cannot both write it. */
export async function insertLedgerIdentity(tx: DbOrTx, values: { origin: string; verifierKey: string }): Promise<void> {
  await tx.insert(ledgerIdentity).values(values);
}
