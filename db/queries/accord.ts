import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { accordVersions } from "../schema";

export async function getLatestAccordVersion(tx: DbOrTx) {
  const [version] = await tx.select().from(accordVersions).orderBy(desc(accordVersions.number)).limit(1);
  return version ?? null;
}

export async function getAccordVersion(tx: DbOrTx, number: number) {
  const [version] = await tx.select().from(accordVersions).where(eq(accordVersions.number, number)).limit(1);
  return version ?? null;
}

export async function insertAccordVersion(tx: DbOrTx, values: typeof accordVersions.$inferInsert) {
  const [version] = await tx.insert(accordVersions).values(values).returning();
  return version!;
}
