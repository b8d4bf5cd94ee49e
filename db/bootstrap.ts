import "server-only";
import { publishShippedAccord } from "@/lib/accord/publish";
import { getEnv } from "@/lib/env";
import { importShippedContent } from "@/lib/studio/shipped";
import type { Db } from "./client";
import { lockLedger } from "./queries/ledger";
import { listingsNeedBuilding, rebuildSignatoryListings } from "./queries/listings";
import { countOrganisations } from "./queries/organisations";

const DEMO_HISTORY_DAYS = 541;

/**
 * Runs once per process after migrations, in one transaction under the ledger's lock so that
 * several instances starting together do it exactly once: the shipped accord becomes version 1,
 * and an empty demo registry is seeded. The demo's history is backdated (the accord "published"
 * a year and a half ago, signatures spread since) so lists and charts have a past to show.
 */
export async function bootstrapDatabase(db: Db): Promise<void> {
  const env = getEnv();
  await db.transaction(async (tx) => {
    await lockLedger(tx);
    const seedDemo = env.mode === "demo" && (await countOrganisations(tx)) === 0;
    const now = new Date();
    await publishShippedAccord(tx, { now: seedDemo ? new Date(now.getTime() - DEMO_HISTORY_DAYS * 86_400_000) : now });
    // content/ becomes the studio's published documents on a first start; a release's changes become drafts.
    const shipped = await importShippedContent(tx, { now });
    if (shipped.drafts.length > 0) console.log(`[registry] the shipped content changed: ${shipped.drafts.length} draft(s) for editors in /studio`);
    if (seedDemo) {
      const { seedDemoOrganisations } = await import("./seed-bulk");
      await seedDemoOrganisations(tx, { now, count: env.demoOrganisations });
      console.log("[registry] seeded demo data (fictional organisations on .example domains)");
    }
    // Databases from before the directory table existed get their rows once.
    if (await listingsNeedBuilding(tx)) await rebuildSignatoryListings(tx);
  });
}
