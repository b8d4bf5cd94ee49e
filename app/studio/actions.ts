"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createElement, type ReactNode } from "react";
import { MdxContent } from "@/components/mdx/mdx-content";
import { getDb } from "@/db/client";
import { getUserLabels } from "@/db/queries/studio";
import { createAction } from "@/lib/actions/create-action";
import { type DiffSegment, diffText } from "@/lib/accord/diff";
import { getCurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
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

function failure(error: unknown): { status: "error"; message: string } {
  if (error instanceof AppError) return { status: "error", message: error.message };
  console.error("[registry] studio action failed:", error);
  return { status: "error", message: "Something went wrong on our side; your text is still here. Please try again." };
}

export async function saveDraftAction(input: unknown): Promise<SaveDraftResult> {
  try {
    const user = await getCurrentUser();
    if (!user) return { status: "error", message: "Your session has ended: sign in again (your text is kept in this browser)." };
    const parsed = saveDraftSchema.safeParse(input);
    if (!parsed.success) return { status: "error", message: `The draft could not be saved: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}.` };
    const db = await getDb();
    const result = await saveDraft(db, { userId: user.id }, parsed.data);
    // No revalidation here: it would re-render the page under the editor on every keystroke's save.
    if (result.status === "saved") return result;
    const kind = kindOfKey(parsed.data.key);
    const savedSource = result.current.source ?? "";
    const labels = await getUserLabels(db, [result.current.updatedBy]);
    const savedBy = result.current.origin === "release" ? RELEASE_AUTHOR : result.current.updatedBy ? (labels.get(result.current.updatedBy) ?? "another editor") : "another editor";
    return {
      status: "conflict",
      revision: result.current.revision,
      saved: { ...splitSource(kind, savedSource), removal: result.current.removal },
      savedBy,
      savedAt: result.current.updatedAt?.toISOString() ?? null,
      diff: diffText(savedSource, composeSource(kind, parsed.data.fields, parsed.data.body)),
    };
  } catch (error) {
    return failure(error);
  }
}

export type PreviewActionResult = { status: "ok"; preview: ReactNode } | { status: "problems"; problems: StudioProblem[] } | { status: "error"; message: string };

/** Rendered on the server by the public site's own MDX component, after the safety check and a compile. */
export async function previewAction(input: unknown): Promise<PreviewActionResult> {
  try {
    const user = await getCurrentUser();
    if (!user) return { status: "error", message: "Your session has ended: sign in again to preview." };
    const parsed = previewSchema.safeParse(input);
    if (!parsed.success) return { status: "error", message: "This text cannot be previewed." };
    const result = await previewDocument(await getDb(), { userId: user.id }, parsed.data);
    if (!result.ok) return { status: "problems", problems: result.problems };
    return { status: "ok", preview: createElement(MdxContent, { code: result.code }) };
  } catch (error) {
    return failure(error);
  }
}

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
  async run(input, { user }) {
    const outcome = await publishDocument(await getDb(), { userId: user.id }, input);
    afterPublish(input.key, outcome);
  },
});

export const requestReviewAction = createAction({
  schema: publishSchema,
  async run(input, { user }) {
    const doc = await requestReview(await getDb(), { userId: user.id }, input);
    reopen(input.key, "review-requested", doc.draftRevision);
  },
});

export const approveAction = createAction({
  schema: approveSchema,
  async run(input, { user }) {
    const outcome = await approveReview(await getDb(), { userId: user.id }, input);
    afterPublish(input.key, outcome);
  },
});

export const returnReviewAction = createAction({
  schema: returnReviewSchema,
  async run(input, { user }) {
    const doc = await returnReview(await getDb(), { userId: user.id }, input);
    reopen(input.key, "returned", doc.draftRevision);
  },
});

export const discardDraftAction = createAction({
  schema: draftActionSchema,
  async run(input, { user }) {
    const doc = await discardDraft(await getDb(), { userId: user.id }, input);
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
  async run(input, { user }) {
    const doc = await proposeRemoval(await getDb(), { userId: user.id }, input);
    reopen(input.key, "removal-proposed", doc.draftRevision);
  },
});

export const createPrincipleAction = createAction({
  schema: newPrincipleSchema,
  async run(input, { user }) {
    const doc = await createPrinciple(await getDb(), { userId: user.id }, input);
    reopen(principleKey(input.slug), "created", doc.draftRevision);
  },
});
