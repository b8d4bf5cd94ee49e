"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createElement, type ReactNode } from "react";
import { MdxContent } from "@/components/mdx/mdx-content";
import { getUserLabels } from "@/db/queries/studio";
import { createAction, createJsonAction } from "@/lib/actions/create-action";
import { type DiffSegment, diffText } from "@/lib/accord/diff";
import { publishedContentChanged } from "@/lib/studio/cache";
import { splitSource, type StudioProblem } from "@/lib/studio/document";
import { createPrinciple, discardDraft, proposeRemoval, saveDraft } from "@/lib/studio/drafts";
import { kindOfKey, principleKey } from "@/lib/studio/keys";
import { previewDocument } from "@/lib/studio/preview";
import { publishDocument } from "@/lib/studio/publish";
import { approveReview, requestReview, returnReview } from "@/lib/studio/review";
import { composeSource } from "@/lib/studio/source";
import { RELEASE_AUTHOR } from "@/lib/studio/view";
import {
  approveSchema,
  draftActionSchema,
  type DraftFields,
  newPrincipleSchema,
  previewSchema,
  publishSchema,
  returnReviewSchema,
  saveDraftSchema,
} from "@/lib/validation/studio";
import { studioDocumentPath, studioPath } from "@/lib/paths";

/*
 * The autosave and the preview are called by the editor directly (not as form posts), so they
 * answer with their own small result types; the rest are form actions of the usual shape.
 */

export type SaveDraftResult =
  | { status: "saved"; revision: number; state: "published" | "draft" | "review" }
  | {
      status: "conflict";
      revision: number;
      saved: { fields: DraftFields; body: string; removal: boolean };
      savedBy: string;
      savedAt: string | null;
      /** From the saved text to the text in this editor: what keeping it would change. */
      diff: DiffSegment[];
    }
  | { status: "error"; message: string };

const STUDIO_FAILURE = "Something went wrong on our side; your text is still here. Please try again.";

export const saveDraftAction = createJsonAction({
  schema: saveDraftSchema,
  messages: {
    signedOut: "Your session has ended: sign in again (your text is kept in this browser).",
    invalid: (error) => `The draft could not be saved: ${error.issues[0]?.path.join(".")} ${error.issues[0]?.message}.`,
    failed: STUDIO_FAILURE,
  },
  async run(input, { actor, db }): Promise<SaveDraftResult> {
    const result = await saveDraft(db, actor, input);
    // No revalidation here: it would re-render the page under the editor on every keystroke's save.
    if (result.status === "saved") return result;
    const kind = kindOfKey(input.key);
    const savedSource = result.current.source ?? "";
    const labels = await getUserLabels(db, [result.current.updatedBy]);
    const savedBy =
      result.current.origin === "release"
        ? RELEASE_AUTHOR
        : result.current.updatedBy
          ? (labels.get(result.current.updatedBy) ?? "another editor")
          : "another editor";
    return {
      status: "conflict",
      revision: result.current.revision,
      saved: { ...splitSource(kind, savedSource), removal: result.current.removal },
      savedBy,
      savedAt: result.current.updatedAt?.toISOString() ?? null,
      diff: diffText(savedSource, composeSource(kind, input.fields, input.body)),
    };
  },
});

export type PreviewActionResult =
  { status: "ok"; preview: ReactNode } | { status: "problems"; problems: StudioProblem[] } | { status: "error"; message: string };

/** Rendered on the server by the public site's own MDX component, after the safety check and a compile. */
export const previewAction = createJsonAction({
  schema: previewSchema,
  messages: { signedOut: "Your session has ended: sign in again to preview.", invalid: () => "This text cannot be previewed.", failed: STUDIO_FAILURE },
  async run(input, { actor, db }): Promise<PreviewActionResult> {
    const result = await previewDocument(db, actor, input);
    if (!result.ok) return { status: "problems", problems: result.problems };
    return { status: "ok", preview: createElement(MdxContent, { code: result.code }) };
  },
});

/** Back to the document with a notice; `r` (the new lock value) makes the editor start afresh from the stored text. */
function reopen(key: string, notice: string, draftRevision: number, extra = ""): never {
  revalidatePath(studioPath);
  redirect(`${studioDocumentPath(key)}?notice=${notice}&r=${draftRevision}${extra}`);
}

function afterPublish(key: string, outcome: { version: { number: number } | null; draftRevision: number }): never {
  publishedContentChanged({ newVersion: outcome.version !== null });
  reopen(key, "published", outcome.draftRevision, outcome.version ? `&version=${outcome.version.number}` : "");
}

export const publishAction = createAction({
  schema: publishSchema,
  async run(input, { actor, db }) {
    const outcome = await publishDocument(db, actor, input);
    afterPublish(input.key, outcome);
  },
});

export const requestReviewAction = createAction({
  schema: publishSchema,
  async run(input, { actor, db }) {
    const doc = await requestReview(db, actor, input);
    reopen(input.key, "review-requested", doc.draftRevision);
  },
});

export const approveAction = createAction({
  schema: approveSchema,
  async run(input, { actor, db }) {
    const outcome = await approveReview(db, actor, input);
    afterPublish(input.key, outcome);
  },
});

export const returnReviewAction = createAction({
  schema: returnReviewSchema,
  async run(input, { actor, db }) {
    const doc = await returnReview(db, actor, input);
    reopen(input.key, "returned", doc.draftRevision);
  },
});

export const discardDraftAction = createAction({
  schema: draftActionSchema,
  async run(input, { actor, db }) {
    const doc = await discardDraft(db, actor, input);
    // A principle that was never published has nothing left to show.
    if (doc.publishedSource === null) {
      revalidatePath(studioPath);
      redirect(`${studioPath}?notice=discarded`);
    }
    reopen(input.key, "discarded", doc.draftRevision);
  },
});

export const proposeRemovalAction = createAction({
  schema: draftActionSchema,
  async run(input, { actor, db }) {
    const doc = await proposeRemoval(db, actor, input);
    reopen(input.key, "removal-proposed", doc.draftRevision);
  },
});

export const createPrincipleAction = createAction({
  schema: newPrincipleSchema,
  async run(input, { actor, db }) {
    const doc = await createPrinciple(db, actor, input);
    reopen(principleKey(input.slug), "created", doc.draftRevision);
  },
});
