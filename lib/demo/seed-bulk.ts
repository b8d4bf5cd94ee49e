import "server-only";
import type { DbOrTx } from "@/db/client";
import { analyzeTables, insertRowsInBulk } from "@/db/queries/demo";
import { getLedgerSize, lockLedger } from "@/db/queries/ledger";
import { rebuildSignatoryListings } from "@/db/queries/listings";
import {
  auditLog,
  commitmentRevisions,
  commitments,
  domainProofs,
  ledgerEntries,
  ledgerHashes,
  memberships,
  organisations,
  progressReportItems,
  progressReports,
  signatoryListings,
  signatures,
  users,
} from "@/db/schema";
import { getCurrentSigningText } from "@/lib/accord/sign";
import { bulkLoadLedger } from "@/lib/ledger/io/bulk-load";
import { BULK_SEED_THRESHOLD, planDemoHistory } from "./plan";
import { seedDemoData } from "./seed";
import { seedDemoTransparency } from "./transparency";
import { seedDemoConcerns } from "./concerns";

export { BULK_SEED_THRESHOLD };

/*
 * Above BULK_SEED_THRESHOLD organisations the demo is built in memory (plan.ts) and written in
 * batches rather than through the domain functions one step at a time. Those run at about 150
 * ledger appends a second (each append is its own signed checkpoint and a few round trips), about
 * six appends per organisation: 200 organisations take some eight seconds that way, 10,000 would
 * take seven minutes. Small sets keep the slow path, which exercises every rule a representative meets.
 */

/** The demo seed for `count` organisations: through the domain functions, or in bulk when large. Says which. */
export async function seedDemoOrganisations(db: DbOrTx, options: { count: number; now?: Date }): Promise<"bulk" | "domain functions"> {
  const path = options.count > BULK_SEED_THRESHOLD ? "bulk" : "domain functions";
  if (path === "bulk") await seedBulkDemoData(db, options);
  else await seedDemoData(db, options);
  // Through the domain functions on both paths: under two hundred publications (see transparency.ts).
  await seedDemoTransparency(db, options);
  // Public concerns in every state, through lib/concerns (nine concerns whatever the count).
  await seedDemoConcerns(db, options);
  return path;
}

/**
 * The demo seed for thousands of organisations, in the caller's transaction: the same history as
 * seedDemoData (every organisation `is_demo`), planned in memory, written with multi-row inserts,
 * logged with bulkLoadLedger (the very rows appendEvent would write, continuing after the entries
 * already there), then the directory rebuilt once. 10,000 organisations take seconds, not minutes.
 */
export async function seedBulkDemoData(db: DbOrTx, options: { count: number; now?: Date }): Promise<{ organisations: number; entries: number }> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const current = await getCurrentSigningText(tx);
    if (!current) throw new Error("the accord must be imported before the demo data");
    // Held to the end of the transaction: the indexes planned below stay the ones written.
    await lockLedger(tx);
    const start = await getLedgerSize(tx);
    const plan = planDemoHistory({ now, count: options.count, version: current.version, principles: current.snapshot.principles.map((p) => p.slug) });
    plan.events.forEach(({ bind }, n) => bind(start + n));

    await insertRowsInBulk(tx, users, plan.users);
    await insertRowsInBulk(tx, organisations, plan.organisations);
    await insertRowsInBulk(tx, memberships, plan.memberships);
    await insertRowsInBulk(tx, domainProofs, plan.domainProofs);
    await insertRowsInBulk(tx, signatures, plan.signatures);
    await insertRowsInBulk(tx, commitments, plan.commitments);
    await insertRowsInBulk(tx, commitmentRevisions, plan.commitmentRevisions);
    await insertRowsInBulk(tx, progressReports, plan.progressReports);
    await insertRowsInBulk(tx, progressReportItems, plan.progressReportItems);
    await insertRowsInBulk(tx, auditLog, plan.auditLog);

    const loaded = await bulkLoadLedger(
      tx,
      plan.events.map((e) => e.event),
      { append: true },
    );
    if (loaded.start !== start) throw new Error(`the ledger moved during the seed (expected entry ${start}, got ${loaded.start})`);
    await rebuildSignatoryListings(tx);
    // PGlite never analyses by itself: without statistics the planner would guess at the
    // directory's filters and searches over thousands of rows.
    await analyzeTables(tx, [
      users,
      organisations,
      memberships,
      domainProofs,
      signatures,
      commitments,
      commitmentRevisions,
      progressReports,
      progressReportItems,
      signatoryListings,
      ledgerEntries,
      ledgerHashes,
    ]);
    return { organisations: plan.organisations.length, entries: plan.events.length };
  });
}
