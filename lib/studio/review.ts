import "server-only";
import type { DbOrTx } from "@/db/client";
import { lockLedger } from "@/db/queries/ledger";
import { insertStudioEvent, lockStudioDocument, updateStudioDocument } from "@/db/queries/studio";
import { AppError } from "@/lib/errors";
import type { ApproveInput, PublishInput, ReturnReviewInput } from "@/lib/validation/studio";
import { type StudioActor, requireEditor } from "./access";
import { applyPublish, loadDraftForPublishing, type PublishOutcome, requireRevision, type StudioOptions } from "./publish";

/**
 * The two-person rule: an editor asks for review with the changelog, and a different editor
 * approves (which publishes) or sends it back with a comment. Without REQUIRE_REVIEW an editor may
 * still ask for a second pair of eyes; with it, this is the only way anything goes live.
 */
export async function requestReview(db: DbOrTx, actor: StudioActor, input: PublishInput, options: StudioOptions = {}) {
  await requireEditor(db, actor);
  // The reviewer should only ever see a draft that could be published as it is.
  await loadDraftForPublishing(db, input.key, input.draftRevision, "draft");
  return db.transaction(async (tx) => {
    const editor = await requireEditor(tx, actor);
    const doc = await lockStudioDocument(tx, input.key);
    if (!doc || doc.state !== "draft") throw new AppError("conflict", "This document changed since you opened it. Reload it to see the current text.");
    requireRevision(doc, input.draftRevision);
    const now = options.now ?? new Date();
    await insertStudioEvent(tx, { documentKey: doc.key, action: "review.requested", actorId: editor.id, comment: input.changelog, createdAt: now });
    return updateStudioDocument(tx, doc.key, {
      state: "review",
      reviewRequestedBy: editor.id,
      reviewRequestedAt: now,
      reviewChangelog: input.changelog,
      returnComment: null,
      returnedBy: null,
      returnedAt: null,
      draftRevision: doc.draftRevision + 1,
    });
  });
}

/**
 * Why this editor may not approve this change, or null when they may. Every editor who changed the
 * draft since it was last published or discarded is one of its authors, not only the last writer:
 * otherwise an editor could approve their own text after a colleague's one-character edit.
 */
export function approvalRefusal(
  doc: { reviewRequestedBy: string | null; draftUpdatedBy: string | null; draftOrigin: string | null; draftAuthors: readonly string[] },
  userId: string,
): string | null {
  if (doc.reviewRequestedBy === userId) return "You asked for this review: a different editor must approve it (two-person rule).";
  const wrote = doc.draftAuthors.includes(userId) || (doc.draftOrigin === "editor" && doc.draftUpdatedBy === userId);
  if (wrote)
    return "You changed this draft since it was last published, so you are one of its authors: an editor who did not edit it must approve it (two-person rule).";
  return null;
}

export async function approveReview(db: DbOrTx, actor: StudioActor, input: ApproveInput, options: StudioOptions = {}): Promise<PublishOutcome> {
  await requireEditor(db, actor);
  const { checked } = await loadDraftForPublishing(db, input.key, input.draftRevision, "review");
  return db.transaction(async (tx) => {
    const editor = await requireEditor(tx, actor);
    await lockLedger(tx);
    const doc = await lockStudioDocument(tx, input.key);
    if (!doc || doc.state !== "review") throw new AppError("conflict", "This change is not waiting for review any more. Reload to see where it is.");
    requireRevision(doc, input.draftRevision);
    const refusal = approvalRefusal(doc, editor.id);
    if (refusal) throw new AppError("forbidden", refusal);
    const now = options.now ?? new Date();
    await insertStudioEvent(tx, { documentKey: doc.key, action: "review.approved", actorId: editor.id, createdAt: now });
    return applyPublish(tx, doc, checked, { publisherId: editor.id, requestedBy: doc.reviewRequestedBy, changelog: doc.reviewChangelog!, now });
  });
}

/** Sends a change back to draft with a comment; any editor may, the requester included (to withdraw it). */
export async function returnReview(db: DbOrTx, actor: StudioActor, input: ReturnReviewInput, options: StudioOptions = {}) {
  return db.transaction(async (tx) => {
    const editor = await requireEditor(tx, actor);
    const doc = await lockStudioDocument(tx, input.key);
    if (!doc) throw new AppError("not_found", "There is no such document in the studio.");
    if (doc.state !== "review") throw new AppError("conflict", "This change is not waiting for review any more. Reload to see where it is.");
    requireRevision(doc, input.draftRevision);
    const now = options.now ?? new Date();
    await insertStudioEvent(tx, { documentKey: doc.key, action: "review.returned", actorId: editor.id, comment: input.comment, createdAt: now });
    return updateStudioDocument(tx, doc.key, {
      state: "draft",
      reviewRequestedBy: null,
      reviewRequestedAt: null,
      reviewChangelog: null,
      returnComment: input.comment,
      returnedBy: editor.id,
      returnedAt: now,
      draftRevision: doc.draftRevision + 1,
    });
  });
}
