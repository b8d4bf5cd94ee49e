import { z } from "zod";
import { pageSlugs } from "./content";
import { limitedText } from "./limited-text";
import { textLimits } from "./text-limit";

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A studio document's key, as stored and as it appears in /studio/<key>: "preamble", a page slug,
 * or "principle-<slug>".
 */
export const documentKeySchema = z
  .string()
  .max(100, "is not a studio document")
  .refine(
    (key) =>
      key === "preamble" || (pageSlugs as readonly string[]).includes(key) || (key.startsWith("principle-") && kebab.test(key.slice("principle-".length))),
    "is not a studio document",
  );

const revision = z.coerce.number({ message: "must be a revision number" }).int("must be a revision number").min(0).max(2_147_483_647);

export const changelogSchema = limitedText(textLimits.changelog, { tooShort: "must be at least 10 characters: say what changed and why" });

/** 200,000 characters is far more than any page needs and keeps one save well under a request's limits. */
export const MAX_BODY_LENGTH = 200_000;

/**
 * The editor's form fields as typed (strings, possibly incomplete or invalid): a draft may be
 * unfinished, so they are only length-checked here and validated against the frontmatter schema
 * when the draft is previewed, sent for review or published.
 */
export const draftFieldsSchema = z.strictObject({
  number: z.string().max(20).optional(),
  slug: z.string().max(200).optional(),
  title: z.string().max(1000).optional(),
  summary: z.string().max(1000).optional(),
  description: z.string().max(1000).optional(),
});

export type DraftFields = z.infer<typeof draftFieldsSchema>;

const draftContent = {
  key: documentKeySchema,
  fields: draftFieldsSchema,
  body: z.string().max(MAX_BODY_LENGTH, `must be at most ${MAX_BODY_LENGTH.toLocaleString("en-GB")} characters`),
};

/** An autosave: the text and the draft revision the editor started from (the optimistic lock). */
export const saveDraftSchema = z.strictObject({ ...draftContent, baseRevision: revision });
export type SaveDraftInput = z.infer<typeof saveDraftSchema>;

export const previewSchema = z.strictObject(draftContent);
export type PreviewInput = z.infer<typeof previewSchema>;

/** Publish, request review: the draft revision the editor saw, so a newer save is never published unseen. */
export const publishSchema = z.object({ key: documentKeySchema, draftRevision: revision, changelog: changelogSchema });
export type PublishInput = z.infer<typeof publishSchema>;

export const approveSchema = z.object({ key: documentKeySchema, draftRevision: revision });
export type ApproveInput = z.infer<typeof approveSchema>;

export const returnReviewSchema = z.object({
  key: documentKeySchema,
  draftRevision: revision,
  comment: limitedText(textLimits.reviewComment, { tooShort: "must be at least 5 characters: tell the author what to change" }),
});
export type ReturnReviewInput = z.infer<typeof returnReviewSchema>;

export const draftActionSchema = z.object({ key: documentKeySchema, draftRevision: revision });
export type DraftActionInput = z.infer<typeof draftActionSchema>;

/** A new principle starts as a draft with its frontmatter filled in; the body is written in the editor. */
export const newPrincipleSchema = z.object({
  slug: z
    .string({ message: "is required" })
    .trim()
    .toLowerCase()
    .min(1, "is required")
    .max(80, "must be at most 80 characters")
    .regex(kebab, "must be kebab-case: lower-case letters, digits and single hyphens (e.g. protect-elections)"),
  title: limitedText({ min: 1, ...textLimits.principleTitle }),
  summary: limitedText({ min: 1, ...textLimits.principleSummary }),
  number: z.coerce.number({ message: "must be a whole number" }).int("must be a whole number").min(1, "must be 1 or more").max(99, "must be at most 99"),
});
export type NewPrincipleInput = z.infer<typeof newPrincipleSchema>;
