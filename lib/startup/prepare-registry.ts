import "server-only";
import type { Db } from "@/db/client";
import { lockLedger } from "@/db/queries/ledger";
import { listingsNeedBuilding, rebuildSignatoryListings } from "@/db/queries/listings";
import { countOrganisations } from "@/db/queries/organisations";
import { publishShippedAccord } from "@/lib/accord/publish";
import { getEnv } from "@/lib/env";
import { prepareLedgerIdentity } from "@/lib/ledger/io/identity";
import { importShippedContent } from "@/lib/studio/shipped";

const DEMO_HISTORY_DAYS = 541;

/**
 * Start-up's step after opening (and migrating) the database, never done by opening it: in one
 * transaction under the ledger's lock, so that several instances starting together do it exactly
 * once, the shipped accord becomes version 1, content/ is imported into the studio, and an empty
 * demo registry is seeded. The demo's history is backdated (the accord "published"
 * a year and a half ago, signatures spread since) so lists and charts have a past to show.
 */
export async function prepareRegistry(db: Db): Promise<void> {
  const env = getEnv();
  // First: the log's origin and key are stored with it, or this start's settings are checked
  // against them (a mismatch stops start-up with a message naming the variable to fix).
  await prepareLedgerIdentity(db);
  await db.transaction(async (tx) => {
    await lockLedger(tx);
    const seedDemo = env.mode === "demo" && (await countOrganisations(tx)) === 0;
    const now = new Date();
    await publishShippedAccord(tx, { now: seedDemo ? new Date(now.getTime() - DEMO_HISTORY_DAYS * 86_400_000) : now });
    // content/ becomes the studio's published documents on a first start; a release's changes become drafts.
    const shipped = await importShippedContent(tx, { now });
    if (shipped.drafts.length > 0) console.log(`[registry] the shipped content changed: ${shipped.drafts.length} draft(s) for editors in /studio`);
    if (seedDemo) {
      // Loaded only when a demo is seeded: production never needs the demo's code.
      const { seedDemoOrganisations } = await import("@/lib/demo/seed-bulk");
      await seedDemoOrganisations(tx, { now, count: env.demoOrganisations });
      console.log("[registry] seeded demo data (fictional organisations on .example domains)");
    }
    // Databases from before the directory table existed get their rows once.
    if (await listingsNeedBuilding(tx)) await rebuildSignatoryListings(tx);
  });
}
