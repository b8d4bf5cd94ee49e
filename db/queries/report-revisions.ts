import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { type ReportLine, progressReportCorrections, progressReportDrafts, progressReports } from "../schema";

/* Report drafts (private) and corrections (public revisions 2, 3, … of a published report). */

export async function getReportDraft(tx: DbOrTx, organisationId: string, year: number) {
  const [row] = await tx
    .select()
    .from(progressReportDrafts)
    .where(and(eq(progressReportDrafts.organisationId, organisationId), eq(progressReportDrafts.year, year)))
    .limit(1);
  return row ?? null;
}

/** The organisation's drafts, newest year first (the dashboard lists them to its members). */
export async function getReportDrafts(tx: DbOrTx, organisationId: string) {
  return tx.select().from(progressReportDrafts).where(eq(progressReportDrafts.organisationId, organisationId)).orderBy(desc(progressReportDrafts.year));
}

/**
 * Saves a draft if it is still at `baseRevision` (0: there is none yet), in one statement. Returns
 * the saved row, or null when someone saved in between (the caller reports a conflict).
 */
export async function saveReportDraftRow(
  tx: DbOrTx,
  values: { organisationId: string; year: number; narrative: string; items: ReportLine[]; updatedBy: string; now: Date },
  baseRevision: number,
) {
  if (baseRevision === 0) {
    const [row] = await tx
      .insert(progressReportDrafts)
      .values({ ...values, revision: 1, createdAt: values.now, updatedAt: values.now })
      .onConflictDoNothing({ target: [progressReportDrafts.organisationId, progressReportDrafts.year] })
      .returning();
    return row ?? null;
  }
  const [row] = await tx
    .update(progressReportDrafts)
    .set({
      narrative: values.narrative,
      items: values.items,
      updatedBy: values.updatedBy,
      updatedAt: values.now,
      revision: sql`${progressReportDrafts.revision} + 1`,
    })
    .where(
      and(
        eq(progressReportDrafts.organisationId, values.organisationId),
        eq(progressReportDrafts.year, values.year),
        eq(progressReportDrafts.revision, baseRevision),
      ),
    )
    .returning();
  return row ?? null;
}

export async function deleteReportDraft(tx: DbOrTx, organisationId: string, year: number) {
  await tx.delete(progressReportDrafts).where(and(eq(progressReportDrafts.organisationId, organisationId), eq(progressReportDrafts.year, year)));
}

/** A report's corrections, oldest first (revision 2, 3, …). */
export async function getReportCorrections(tx: DbOrTx, reportId: string) {
  return tx.select().from(progressReportCorrections).where(eq(progressReportCorrections.reportId, reportId)).orderBy(asc(progressReportCorrections.revision));
}

export async function insertReportCorrection(tx: DbOrTx, values: typeof progressReportCorrections.$inferInsert) {
  const [row] = await tx.insert(progressReportCorrections).values(values).returning();
  return row!;
}

export async function setReportCorrectionLedgerIndex(tx: DbOrTx, id: string, ledgerIndex: number) {
  await tx.update(progressReportCorrections).set({ ledgerIndex }).where(eq(progressReportCorrections.id, id));
}

/** Locks the report row so two corrections at once get revisions one after the other. */
export async function lockReport(tx: DbOrTx, reportId: string) {
  await tx.select({ id: progressReports.id }).from(progressReports).where(eq(progressReports.id, reportId)).for("update");
}

/** How many revisions each of the organisation's reports has (1 + its corrections), by report id. */
export async function getReportRevisionCounts(tx: DbOrTx, organisationId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ reportId: progressReportCorrections.reportId, n: sql<number>`count(*)::int` })
    .from(progressReportCorrections)
    .innerJoin(progressReports, eq(progressReports.id, progressReportCorrections.reportId))
    .where(eq(progressReports.organisationId, organisationId))
    .groupBy(progressReportCorrections.reportId);
  return new Map(rows.map((r) => [r.reportId, r.n + 1]));
}
