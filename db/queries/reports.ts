import "server-only";
import { and, asc, desc, eq, inArray, lte } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { commitmentRevisions, commitments, progressReportItems, progressReports } from "../schema";

export async function getReportsForOrganisation(tx: DbOrTx, organisationId: string) {
  return tx.select().from(progressReports).where(eq(progressReports.organisationId, organisationId)).orderBy(desc(progressReports.year));
}

export async function getReport(tx: DbOrTx, organisationId: string, year: number) {
  const [row] = await tx
    .select()
    .from(progressReports)
    .where(and(eq(progressReports.organisationId, organisationId), eq(progressReports.year, year)))
    .limit(1);
  return row ?? null;
}

/** A report's lines with the commitment each one is about, in the commitments' order. */
export async function getReportItems(tx: DbOrTx, reportId: string) {
  return tx
    .select({ item: progressReportItems, commitment: commitments })
    .from(progressReportItems)
    .innerJoin(commitments, eq(commitments.id, progressReportItems.commitmentId))
    .where(eq(progressReportItems.reportId, reportId))
    .orderBy(asc(commitments.createdAt), asc(commitments.id));
}

export async function insertReport(tx: DbOrTx, values: typeof progressReports.$inferInsert) {
  const [row] = await tx.insert(progressReports).values(values).returning();
  return row!;
}

export async function insertReportItems(tx: DbOrTx, rows: (typeof progressReportItems.$inferInsert)[]) {
  if (rows.length > 0) await tx.insert(progressReportItems).values(rows);
}

export async function setReportLedgerIndex(tx: DbOrTx, id: string, ledgerIndex: number) {
  await tx.update(progressReports).set({ ledgerIndex }).where(eq(progressReports.id, id));
}

/** Each commitment's title as it stood at `at` (its latest revision by then), in one query. */
export async function getCommitmentTitlesAt(tx: DbOrTx, commitmentIds: string[], at: Date): Promise<Map<string, string>> {
  if (commitmentIds.length === 0) return new Map();
  const rows = await tx
    .selectDistinctOn([commitmentRevisions.commitmentId], { commitmentId: commitmentRevisions.commitmentId, title: commitmentRevisions.title })
    .from(commitmentRevisions)
    .where(and(inArray(commitmentRevisions.commitmentId, commitmentIds), lte(commitmentRevisions.createdAt, at)))
    .orderBy(commitmentRevisions.commitmentId, desc(commitmentRevisions.revision));
  return new Map(rows.map((r) => [r.commitmentId, r.title]));
}
