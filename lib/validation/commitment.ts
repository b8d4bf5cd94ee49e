import { z } from "zod";
import { commitmentStatuses } from "@/db/schema";
import { limitedText } from "./limited-text";
import { httpsAddressProblem, organisationIdSchema } from "./organisation";
import { textLimits } from "./text-limit";

export const commitmentStatusLabels: Record<(typeof commitmentStatuses)[number], string> = {
  planned: "Planned",
  in_progress: "In progress",
  achieved: "Achieved",
  discontinued: "Discontinued",
};

export const commitmentStatusSchema = z.enum(commitmentStatuses, { message: "must be planned, in progress, achieved or discontinued" });

const MAX_LINKS = 5;
const MAX_LINK_LENGTH = 500;

/** One https link per line, at most five; the message names the line that is wrong. */
export const evidenceLinksSchema = z
  .string()
  .max(MAX_LINKS * (MAX_LINK_LENGTH + 2), `is too long: at most ${MAX_LINKS} links of ${MAX_LINK_LENGTH} characters`)
  .default("")
  .transform((text, ctx) => {
    const lines = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length > MAX_LINKS) {
      ctx.addIssue({ code: "custom", message: `may hold at most ${MAX_LINKS} links (one per line)` });
      return z.NEVER;
    }
    const links: string[] = [];
    for (const [i, line] of lines.entries()) {
      // Length first: a long address is refused for its length, whatever else is wrong with it.
      if (line.length > MAX_LINK_LENGTH) {
        ctx.addIssue({ code: "custom", message: `line ${i + 1} is too long: ${line.length} characters, the limit is ${MAX_LINK_LENGTH} per link` });
        return z.NEVER;
      }
      const problem = httpsAddressProblem(line);
      if (problem) {
        ctx.addIssue({ code: "custom", message: `line ${i + 1} ${problem}` });
        return z.NEVER;
      }
      const { href } = new URL(line);
      if (!links.includes(href)) links.push(href);
    }
    return links;
  });

/** YYYY-MM-DD that is a real calendar date between 2000 and 2100, or empty. */
export const targetDateSchema = z.preprocess(
  (v) => (v === "" || v === undefined ? null : v),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)")
    .refine((d) => {
      const parsed = new Date(`${d}T00:00:00Z`);
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(d) && d >= "2000-01-01" && d <= "2100-12-31";
    }, "must be a real date between 2000 and 2100")
    .nullable(),
);

const commitmentFields = {
  title: limitedText(textLimits.commitmentTitle, { required: "Enter a title" }),
  description: limitedText(textLimits.commitmentDescription),
  status: commitmentStatusSchema,
  targetDate: targetDateSchema,
  evidenceLinks: evidenceLinksSchema,
};

export const createCommitmentSchema = z.object({
  organisationId: organisationIdSchema,
  principle: z
    .string({ message: "Choose a principle" })
    .min(1, "Choose a principle")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be one of the accord's principles")
    .max(80),
  ...commitmentFields,
});

export const updateCommitmentSchema = z.object({
  commitmentId: z.uuid("is not a valid commitment"),
  revision: z.coerce.number().int().positive(),
  ...commitmentFields,
});

export type CreateCommitmentInput = z.output<typeof createCommitmentSchema>;
export type UpdateCommitmentInput = z.output<typeof updateCommitmentSchema>;
