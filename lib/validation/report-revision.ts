import { z } from "zod";
import { commitmentStatusSchema } from "./commitment";
import { organisationIdSchema } from "./organisation";
import { publishReportSchema } from "./report";

/** Line breaks count as one character, as the browser's maxlength counts them. */
const normalised = (max: number, what: string) =>
  z
    .string({ message: `${what} must be text` })
    .transform((s) => s.replace(/\r\n?/g, "\n"))
    .pipe(z.string().max(max, `${what} must be at most ${max} characters`));

const yearSchema = z.coerce
  .number({ message: "must be a year" })
  .int("must be a year")
  .min(2000, "must be a year from 2000")
  .max(2200, "must be a year before 2200");

/**
 * What the report form's autosave sends (a JSON value, not a form post): the text as it stands,
 * however unfinished (the publishing rules, such as the 50-character minimum, apply only when
 * publishing), and the draft revision it was based on (0 before the first save).
 */
export const saveReportDraftSchema = z.strictObject({
  organisationId: organisationIdSchema,
  year: yearSchema,
  narrative: normalised(10000, "the narrative"),
  items: z
    .array(
      z.strictObject({
        commitmentId: z.uuid({ message: "is not a commitment" }),
        status: commitmentStatusSchema,
        note: normalised(1000, "a note"),
      }),
    )
    .max(500, "too many commitments"),
  baseRevision: z.number().int().min(0).max(1_000_000),
});

export type SaveReportDraftInput = z.output<typeof saveReportDraftSchema>;

/** Why a published report is corrected: public, on the report and in the ledger. */
export const correctionReasonSchema = z
  .string()
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().min(10, "must be at least 10 characters: say what was wrong").max(1000, "must be at most 1000 characters"));

/**
 * A correction is the report form again (year, narrative, a status and note per commitment) with
 * the public reason; the year names the published report it corrects.
 */
export const correctReportSchema = z.looseObject({ reason: z.unknown() }).transform((value, ctx) => {
  const reason = correctionReasonSchema.safeParse(typeof value.reason === "string" ? value.reason : "");
  const report = publishReportSchema.safeParse(value);
  if (!reason.success) for (const issue of reason.error.issues) ctx.addIssue({ code: "custom", path: ["reason"], message: issue.message });
  if (!report.success) for (const issue of report.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  if (!reason.success || !report.success) return z.NEVER;
  return { ...report.data, reason: reason.data };
});

export type CorrectReportInput = z.output<typeof correctReportSchema>;

/** `?revision=` on a public report: a revision number, or absent for the latest. */
export const reportRevisionParamSchema = z
  .string()
  .regex(/^[1-9]\d{0,3}$/)
  .transform(Number)
  .optional();

export { yearSchema as reportYearSchema };
