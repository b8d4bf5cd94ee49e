import "server-only";
import type { DbOrTx } from "@/db/client";
import { getReport, getReportItems } from "@/db/queries/reports";
import { getReportCorrections, insertReportCorrection, lockReport, setReportCorrectionLedgerIndex } from "@/db/queries/report-revisions";
import type { ProgressReport, ProgressReportCorrection, ReportLine } from "@/db/schema";
import { isUniqueViolation } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { appendEvent } from "@/lib/ledger/io/log";
import { loadForActor } from "@/lib/orgs/access";
import { publicOrganisation } from "@/lib/orgs/public";
import type { CorrectReportInput } from "@/lib/validation/report-revision";
import { reportContentHash } from "./content-hash";

/** One revision of a report as people read it: 1 is the original, 2 and up are corrections. */
export type ReportRevision = {
  revision: number;
  narrative: string;
  items: ReportLine[];
  contentHash: string;
  at: Date;
  reason: string | null;
  ledgerIndex: number | null;
};

/** Every revision of a published report, oldest first; the last is what the report now says. */
export function reportRevisions(
  report: ProgressReport,
  originalItems: { item: { commitmentId: string; status: ReportLine["status"]; note: string } }[],
  corrections: ProgressReportCorrection[],
): ReportRevision[] {
  return [
    {
      revision: 1,
      narrative: report.narrative,
      items: originalItems.map(({ item }) => ({ commitmentId: item.commitmentId, status: item.status, note: item.note })),
      contentHash: report.contentHash,
      at: report.publishedAt,
      reason: null,
      ledgerIndex: report.ledgerIndex,
    },
    ...corrections.map((c) => ({
      revision: c.revision,
      narrative: c.narrative,
      items: c.items,
      contentHash: c.contentHash,
      at: c.correctedAt,
      reason: c.reason,
      ledgerIndex: c.ledgerIndex,
    })),
  ];
}

/**
 * Corrects a published report: a new revision with its public reason, logged as
 * progress.corrected with the SHA-256 of its content. Nothing already published is changed: the
 * original and earlier corrections keep the text their logged hashes were computed from, and the
 * profile shows the whole history. Owners only, like publishing. Commitments keep their own
 * history: a corrected status here does not revise the commitment.
 */
export async function correctReport(db: DbOrTx, actor: { userId: string }, input: CorrectReportInput, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const { org } = await loadForActor(tx, actor, input.organisationId, "correctReport");
      if (org.status !== "verified") throw new AppError("forbidden", `${org.displayName} is ${org.status}, so it cannot correct a report.`);
      const report = await getReport(tx, org.id, input.year);
      if (!report) throw new AppError("not_found", `${org.displayName} has no published report for ${input.year} to correct.`);
      await lockReport(tx, report.id);
      const [originalItems, corrections] = await Promise.all([getReportItems(tx, report.id), getReportCorrections(tx, report.id)]);
      const covered = new Set(originalItems.map(({ item }) => item.commitmentId));
      if (input.items.some((i) => !covered.has(i.commitmentId))) {
        throw new AppError("forbidden", "A correction can only speak of the commitments the report covered.");
      }
      const given = new Set(input.items.map((i) => i.commitmentId));
      const missing = [...covered].filter((id) => !given.has(id));
      if (missing.length > 0)
        throw new AppError("invalid", "Give a status for every commitment.", Object.fromEntries(missing.map((id) => [`status-${id}`, "needs a status"])));
      const revisions = reportRevisions(report, originalItems, corrections);
      const contentHash = reportContentHash(input);
      if (contentHash === revisions.at(-1)!.contentHash) {
        throw new AppError("invalid", "Please correct the highlighted fields.", {
          narrative: "is exactly what the report already says: change the text or a status to correct it",
        });
      }
      const revision = revisions.length + 1;
      const correction = await insertReportCorrection(tx, {
        reportId: report.id,
        revision,
        reason: input.reason,
        narrative: input.narrative,
        items: input.items.map(({ commitmentId, status, note }) => ({ commitmentId, status, note })),
        contentHash,
        correctedBy: actor.userId,
        correctedAt: now,
      });
      const entry = await appendEvent(tx, {
        kind: "progress.corrected",
        at: now.toISOString(),
        organisation: publicOrganisation(org),
        year: report.year,
        revision,
        reason: input.reason,
        contentHash,
      });
      await setReportCorrectionLedgerIndex(tx, correction.id, entry.index);
      return { correction: { ...correction, ledgerIndex: entry.index }, report, organisation: org };
    });
  } catch (error) {
    if (isUniqueViolation(error, "progress_report_corrections_report_revision")) {
      throw new AppError("conflict", "Another correction of this report was just published; reload to see it.", undefined, { cause: error });
    }
    throw error;
  }
}
