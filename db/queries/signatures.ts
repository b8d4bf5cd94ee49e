import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { type Signature, signatures } from "../schema";

/** Active signatures of one organisation, newest version first. */
export async function getActiveSignatures(tx: DbOrTx, organisationId: string) {
  return tx
    .select()
    .from(signatures)
    .where(and(eq(signatures.organisationId, organisationId), isNull(signatures.withdrawnAt)))
    .orderBy(desc(signatures.accordVersion));
}

/** Every signature an organisation ever made, withdrawn ones included, oldest first. */
export async function getSignatureHistory(tx: DbOrTx, organisationId: string) {
  return tx.select().from(signatures).where(eq(signatures.organisationId, organisationId)).orderBy(asc(signatures.signedAt));
}

export async function getSignatureById(tx: DbOrTx, id: string) {
  const [row] = await tx.select().from(signatures).where(eq(signatures.id, id)).limit(1);
  return row ?? null;
}

export async function insertSignature(tx: DbOrTx, values: typeof signatures.$inferInsert) {
  const [row] = await tx.insert(signatures).values(values).returning();
  return row!;
}

export async function updateSignature(
  tx: DbOrTx,
  id: string,
  values: Partial<Pick<Signature, "ledgerIndex" | "withdrawnAt" | "withdrawalReason" | "withdrawnBy" | "withdrawalLedgerIndex">>,
) {
  const [row] = await tx.update(signatures).set(values).where(eq(signatures.id, id)).returning();
  return row!;
}
