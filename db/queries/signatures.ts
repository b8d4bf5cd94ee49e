import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { signatures } from "../schema";

export async function getActiveSignature(tx: DbOrTx, organisationId: string, accordVersion: number) {
  const [row] = await tx
    .select()
    .from(signatures)
    .where(and(eq(signatures.organisationId, organisationId), eq(signatures.accordVersion, accordVersion), isNull(signatures.withdrawnAt)))
    .limit(1);
  return row ?? null;
}

export async function insertSignature(tx: DbOrTx, values: typeof signatures.$inferInsert) {
  const [row] = await tx.insert(signatures).values(values).returning();
  return row!;
}
