import { z } from "zod";
import { commitmentStatuses } from "@/db/schema";
import { organisationIdSchema } from "./organisation";

export const commitmentStatusLabels: Record<(typeof commitmentStatuses)[number], string> = {
  planned: "Planned",
  in_progress: "In progress",
  achieved: "Achieved",
  discontinued: "Discontinued",
};

export const commitmentStatusSchema = z.enum(commitmentStatuses, { message: "must be planned, in progress, achieved or discontinued" });

const MAX_LINKS = 5;

/** One https link per line, at most five; the message names the line that is wrong. */
export const evidenceLinksSchema = z
  .string()
  .max(MAX_LINKS * 500 + MAX_LINKS, "is too long")
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
      let url: URL;
      try {
        url = new URL(line);
      } catch {
        ctx.addIssue({ code: "custom", message: `line ${i + 1} is not a web address` });
        return z.NEVER;
      }
      if (url.protocol !== "https:" || !url.hostname.includes(".") || url.username || url.password || line.length > 500) {
        ctx.addIssue({ code: "custom", message: `line ${i + 1} must be an https:// address (at most 500 characters, no credentials)` });
        return z.NEVER;
      }
      if (!links.includes(url.href)) links.push(url.href);
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
  title: z.string().trim().min(3, "must be at least 3 characters").max(120, "must be at most 120 characters"),
  description: z
    .string()
    .default("")
    .transform((s) => s.replace(/\r\n/g, "\n").trim())
    .pipe(z.string().max(2000, "must be at most 2000 characters")),
  status: commitmentStatusSchema,
  targetDate: targetDateSchema,
  evidenceLinks: evidenceLinksSchema,
};

export const createCommitmentSchema = z.object({
  organisationId: organisationIdSchema,
  principle: z
    .string()
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
