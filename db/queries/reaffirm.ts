import "server-only";
import { and, inArray, isNull, max } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { accordVersions, signatures } from "../schema";

/** The newest accord version each organisation's standing (not withdrawn) signatures cover, by organisation id. */
export async function getStandingVersions(tx: DbOrTx, organisationIds: string[]): Promise<Map<string, number>> {
  if (organisationIds.length === 0) return new Map();
  const rows = await tx
    .select({ organisationId: signatures.organisationId, version: max(signatures.accordVersion) })
    .from(signatures)
    .where(and(inArray(signatures.organisationId, organisationIds), isNull(signatures.withdrawnAt)))
    .groupBy(signatures.organisationId);
  return new Map(rows.filter((r) => r.version !== null).map((r) => [r.organisationId, Number(r.version)]));
}

/** The number of the newest published accord version, or null before the first. */
export async function getLatestAccordVersionNumber(tx: DbOrTx): Promise<number | null> {
  const [row] = await tx.select({ number: max(accordVersions.number) }).from(accordVersions);
  return row?.number ?? null;
}
