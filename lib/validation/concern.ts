import { z } from "zod";
import { concernStatuses } from "@/db/schema";
import { evidenceLinksSchema } from "./commitment";
import { limitedText } from "./limited-text";
import { organisationSlugSchema } from "./organisation";
import { concernLimits } from "@/lib/concerns/limits";
import type { TextLimit } from "./text-limit";

export { concernLimits };

/**
 * Text that will be public: besides the length rule, no control characters (line breaks and tabs
 * apart) and no bidirectional or invisible formatting characters, which can make a statement read
 * differently from what a moderator approved.
 */
const unsafeCharacters = /[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

const safeText = (limit: TextLimit, required: string) =>
  limitedText(limit, { required }).refine((text) => !unsafeCharacters.test(text), "cannot contain control or invisible formatting characters");

const concernIdSchema = z.uuid("is not a concern");
const principleSchema = z
  .string({ message: "Choose a principle" })
  .min(1, { message: "Choose a principle", abort: true })
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be one of the accord's principles");

/** The public form: which signatory, which principle, what happened, and the evidence. */
export const submitConcernSchema = z.object({
  organisation: z.string({ message: "Choose a signatory" }).min(1, "Choose a signatory").pipe(organisationSlugSchema),
  principle: principleSchema,
  statement: safeText(concernLimits.statement, "Say what the signatory did"),
  evidenceLinks: evidenceLinksSchema,
});

/** A moderator admits a concern, with the public text (edited or as submitted). */
export const admitConcernSchema = z.object({
  concernId: concernIdSchema,
  statement: safeText(concernLimits.statement, "Give the public text"),
  evidenceLinks: evidenceLinksSchema,
});

export const declineConcernSchema = z.object({
  concernId: concernIdSchema,
  reason: safeText(concernLimits.declineReason, "Give the submitter a reason"),
});

export const concernOutcomes = ["upheld", "not_upheld"] as const;

export const resolveConcernSchema = z.object({
  concernId: concernIdSchema,
  outcome: z.enum(concernOutcomes, { message: "must be upheld or not upheld" }),
  reason: safeText(concernLimits.outcomeReason, "Give the public reason for the outcome"),
});

export const respondToConcernSchema = z.object({
  concernId: concernIdSchema,
  response: safeText(concernLimits.response, "Write the response"),
});

export const withdrawConcernSchema = z.object({ concernId: concernIdSchema });

export type SubmitConcernInput = z.output<typeof submitConcernSchema>;
export type AdmitConcernInput = z.output<typeof admitConcernSchema>;
export type DeclineConcernInput = z.output<typeof declineConcernSchema>;
export type ResolveConcernInput = z.output<typeof resolveConcernSchema>;
export type RespondToConcernInput = z.output<typeof respondToConcernSchema>;

/** Statuses the public sees (an admitted concern), with their labels. */
export const publicConcernStatuses = ["under_review", "upheld", "not_upheld", "withdrawn"] as const;
export type PublicConcernStatus = (typeof publicConcernStatuses)[number];
export type ConcernStatus = (typeof concernStatuses)[number];

export const concernStatusLabels: Record<ConcernStatus, string> = {
  submitted: "Awaiting moderation",
  declined: "Declined",
  under_review: "Under review",
  upheld: "Upheld",
  not_upheld: "Not upheld",
  withdrawn: "Withdrawn by the submitter",
};

/** `/concerns?status=…&page=…`: one value each, unknown parameters refused by the page. */
export const concernListQuerySchema = z.object({
  status: z.enum(publicConcernStatuses, { message: `status must be one of: ${publicConcernStatuses.join(", ")}` }).optional(),
  page: z
    .string()
    .regex(/^[1-9]\d{0,4}$/, "page must be a page number")
    .transform(Number)
    .pipe(z.number().max(10_000, "page must be at most 10000"))
    .optional(),
});
