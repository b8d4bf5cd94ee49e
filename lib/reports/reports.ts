import "server-only";
import type { DbOrTx } from "@/db/client";
import { getCommitmentsForOrganisation } from "@/db/queries/commitments";
import { getReport, insertReport, insertReportItems, setReportLedgerIndex } from "@/db/queries/reports";
import { getActiveSignatures } from "@/db/queries/signatures";
import { reviseCommitment } from "@/lib/commitments/commitments";
import { isUniqueViolation } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { appendEvent } from "@/lib/ledger/io/log";
import { loadForActor } from "@/lib/orgs/access";
import { publicOrganisation } from "@/lib/orgs/public";
import type { PublishReportInput } from "@/lib/validation/report";
import { reportContentHash } from "./content-hash";
import { deleteReportDraft } from "@/db/queries/report-revisions";
import { refreshSignatoryListing } from "@/db/queries/listings";

/**
 * Publishes the organisation's report for a year: a narrative and a status for every one of its
 * commitments. Commitments whose status changed get a new revision. The report, its lines, the
 * revisions and their log entries commit together or not at all.
 */
export async function publishReport(db: DbOrTx, actor: { userId: string }, input: PublishReportInput, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const { org } = await loadForActor(tx, actor, input.organisationId, "publishReport");
      if (org.status !== "verified") throw new AppError("forbidden", `${org.displayName} is ${org.status}, so it cannot publish a report.`);
      const signatures = await getActiveSignatures(tx, org.id);
      if (signatures.length === 0) throw new AppError("forbidden", `${org.displayName} has not signed the accord, so it has nothing to report on.`);
      const firstSigned = signatures.map((s) => s.signedAt).reduce((a, b) => (a < b ? a : b));
      if (input.year > now.getUTCFullYear() || input.year < firstSigned.getUTCFullYear()) {
        throw new AppError("invalid", "Please correct the highlighted fields.", {
          year: `must be between ${firstSigned.getUTCFullYear()} and ${now.getUTCFullYear()}`,
        });
      }
      if (await getReport(tx, org.id, input.year)) {
        throw new AppError("invalid", "Please correct the highlighted fields.", { year: `${org.displayName} already published its report for ${input.year}` });
      }
      const commitments = await getCommitmentsForOrganisation(tx, org.id);
      const own = new Map(commitments.map((c) => [c.id, c]));
      const foreign = input.items.filter((i) => !own.has(i.commitmentId));
      if (foreign.length > 0) throw new AppError("forbidden", "The report names commitments that are not this organisation's.");
      const given = new Set(input.items.map((i) => i.commitmentId));
      const missing = commitments.filter((c) => !given.has(c.id));
      if (missing.length > 0) {
        throw new AppError("invalid", "Give a status for every commitment.", Object.fromEntries(missing.map((c) => [`status-${c.id}`, "needs a status"])));
      }
      const contentHash = reportContentHash(input);
      const report = await insertReport(tx, {
        organisationId: org.id,
        year: input.year,
        narrative: input.narrative,
        contentHash,
        publishedBy: actor.userId,
        publishedAt: now,
      });
      await insertReportItems(
        tx,
        input.items.map((i) => ({ reportId: report.id, commitmentId: i.commitmentId, status: i.status, note: i.note })),
      );
      for (const item of input.items) {
        const current = own.get(item.commitmentId)!;
        if (current.status === item.status) continue;
        const { title, description, targetDate, evidenceLinks } = current;
        await reviseCommitment(tx, org, current, { title, description, status: item.status, targetDate, evidenceLinks }, actor.userId, current.revision, now);
      }
      // The draft it was written from has served its purpose.
      await deleteReportDraft(tx, org.id, input.year);
      const entry = await appendEvent(tx, {
        kind: "progress.reported",
        at: now.toISOString(),
        organisation: publicOrganisation(org),
        year: input.year,
        contentHash,
      });
      await setReportLedgerIndex(tx, report.id, entry.index);
      await refreshSignatoryListing(tx, org.id);
      return { report: { ...report, ledgerIndex: entry.index }, organisation: org };
    });
  } catch (error) {
    if (isUniqueViolation(error, "progress_reports_org_year")) {
      throw new AppError("invalid", "Please correct the highlighted fields.", { year: `a report for ${input.year} was just published` }, { cause: error });
    }
    throw error;
  }
}
