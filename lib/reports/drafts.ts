import "server-only";
import type { DbOrTx } from "@/db/client";
import { getCommitmentsForOrganisation } from "@/db/queries/commitments";
import { getReport } from "@/db/queries/reports";
import { getReportDraft, saveReportDraftRow } from "@/db/queries/report-revisions";
import { AppError } from "@/lib/errors";
import { loadForActor } from "@/lib/orgs/access";
import type { SaveReportDraftInput } from "@/lib/validation/report-revision";

export type SaveDraftResult =
  { status: "saved"; revision: number; savedAt: string } | { status: "conflict"; revision: number; savedAt: string; message: string };

/**
 * Saves the report being written for a year, as the form's autosave sends it. Any member may
 * draft (the work is theirs); only owners publish. A draft is private: no public page, API or feed
 * reads the drafts table. A save based on an older revision than the stored one (another member,
 * another tab) is refused as a conflict rather than overwriting their text.
 */
export async function saveReportDraft(
  db: DbOrTx,
  actor: { userId: string },
  input: SaveReportDraftInput,
  options: { now?: Date } = {},
): Promise<SaveDraftResult> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const { org } = await loadForActor(tx, actor, input.organisationId, "draftReport");
    if (org.status !== "verified") throw new AppError("forbidden", `${org.displayName} is ${org.status}, so it cannot prepare a report.`);
    if (await getReport(tx, org.id, input.year)) {
      throw new AppError("conflict", `${org.displayName} already published its report for ${input.year}; correct the published report instead.`);
    }
    const own = new Set((await getCommitmentsForOrganisation(tx, org.id)).map((c) => c.id));
    if (input.items.some((i) => !own.has(i.commitmentId))) throw new AppError("forbidden", "The draft names commitments that are not this organisation's.");
    const items = input.items.map((i) => ({ commitmentId: i.commitmentId, status: i.status, note: i.note }));
    const saved = await saveReportDraftRow(
      tx,
      { organisationId: org.id, year: input.year, narrative: input.narrative, items, updatedBy: actor.userId, now },
      input.baseRevision,
    );
    if (saved) return { status: "saved", revision: saved.revision, savedAt: saved.updatedAt.toISOString() };
    const current = await getReportDraft(tx, org.id, input.year);
    if (!current) throw new AppError("conflict", "The draft was just published or discarded; reload the page.");
    return {
      status: "conflict",
      revision: current.revision,
      savedAt: current.updatedAt.toISOString(),
      message: "Someone else saved this draft meanwhile. Reload the page to see their text before you continue; your text was not saved.",
    };
  });
}

/** The draft for a year, for a member of the organisation only (anyone else is refused). */
export async function getReportDraftForActor(db: DbOrTx, actor: { userId: string }, organisationId: string, year: number) {
  await loadForActor(db, actor, organisationId, "draftReport");
  return getReportDraft(db, organisationId, year);
}
