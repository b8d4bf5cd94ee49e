import "server-only";
import { getEnv } from "@/lib/env";
import { getShippedAccordSnapshot, hashAccordSnapshot } from "@/lib/accord/version";
import type { Db } from "./client";
import { getLatestAccordVersion, insertAccordVersion } from "./queries/accord";
import { countOrganisations } from "./queries/organisations";

/**
 * Runs once per process after migrations: the shipped accord becomes version 1 on first start,
 * and an empty demo registry is seeded. Both are idempotent, so restarts and several instances are safe.
 */
export async function bootstrapDatabase(db: Db): Promise<void> {
  const env = getEnv();
  await db.transaction(async (tx) => {
    if (await getLatestAccordVersion(tx)) return;
    const snapshot = await getShippedAccordSnapshot();
    await insertAccordVersion(tx, {
      number: 1,
      contentHash: hashAccordSnapshot(snapshot),
      changelog: "First version, imported from the shipped text.",
      content: snapshot,
    });
  });
  if (env.mode === "demo" && (await countOrganisations(db)) === 0) {
    const { seedDemoData } = await import("./seed");
    await seedDemoData(db);
    console.log("[registry] seeded demo data (fictional organisations on .example domains)");
  }
}
