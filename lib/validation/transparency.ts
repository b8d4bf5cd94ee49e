import { z } from "zod";
import { type Count, parseCount, PERIOD_PATTERN, type TransparencyLine, transparencyInstruments } from "@/lib/transparency/figures";
import { isBlankLine, type LineColumn, lineColumns, MAX_LINES, type RawLine, validateLines } from "@/lib/transparency/validate";
import { lineFieldName } from "@/lib/transparency/columns";
import { describeCsvProblem, parseTransparencyCsv } from "@/lib/transparency/csv-upload";
import { countryCodeSchema, organisationIdSchema, organisationSlugSchema } from "./organisation";

/**
 * The transparency report forms (lines typed in, or a CSV file) and the open-data query. Whether
 * the period has ended and whether a report for it exists are the data layer's checks: they depend
 * on the clock and the database.
 */

export { lineFieldName };
const lineFieldPattern = /^row-(\d{1,4})-([a-z_]+)$/;

const periodField = z
  .string({ message: "is required" })
  .trim()
  .toUpperCase()
  .regex(PERIOD_PATTERN, "must be a half-year such as 2026-H1 (January–June) or 2026-H2 (July–December)");

export const CORRECTION_REASON_MIN = 10;
export const CORRECTION_REASON_MAX = 1000;
const reasonField = z
  .string({ message: "is required" })
  .transform((s) => s.replace(/\r\n/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(CORRECTION_REASON_MIN, `must be at least ${CORRECTION_REASON_MIN} characters: say what was wrong, it is public`)
      .max(CORRECTION_REASON_MAX, `must be at most ${CORRECTION_REASON_MAX} characters`),
  );

function countField(ctx: z.RefinementCtx, name: string, raw: unknown): Count | null {
  const result = parseCount(typeof raw === "string" ? raw : "");
  if (result.ok) return result.count;
  ctx.addIssue({ code: "custom", path: [name], message: result.message });
  return null;
}

/** A correction names what it corrects; a first publication may not carry a reason. */
const modeShape = {
  organisationId: organisationIdSchema,
  period: z.string().optional(),
  notified: z.string().optional(),
  mode: z.enum(["publish", "correct"], { message: "must be publish or correct" }),
  reason: z.string().optional(),
};

type Parsed = { organisationId: string; period?: string; mode: "publish" | "correct"; reason?: string; notified?: string };

function commonChecks(value: Parsed, ctx: z.RefinementCtx): { period: string | null; customersNotified: Count | null; reason: string | null } {
  const periodResult = periodField.safeParse(value.period ?? "");
  if (!periodResult.success) ctx.addIssue({ code: "custom", path: ["period"], message: periodResult.error.issues[0]!.message });
  const period = periodResult.success ? periodResult.data : null;
  const customersNotified = countField(ctx, "notified", value.notified);
  let reason: string | null = null;
  if (value.mode === "correct") {
    const parsed = reasonField.safeParse(value.reason ?? "");
    if (parsed.success) reason = parsed.data;
    else ctx.addIssue({ code: "custom", path: ["reason"], message: parsed.error.issues[0]!.message });
  }
  return { period, customersNotified, reason };
}

export type TransparencyInput = {
  organisationId: string;
  period: string;
  customersNotified: Count;
  rows: TransparencyLine[];
  /** Present for a correction: why the earlier figures were wrong (public). */
  reason: string | null;
};

/**
 * The form: the period, customers notified of nation-state attacks, and lines as
 * `row-<n>-<column>` fields (blank lines skipped). Every problem is reported by its field.
 */
export const transparencyFormSchema = z.looseObject(modeShape).transform((value, ctx): TransparencyInput => {
  const { period, customersNotified, reason } = commonChecks(value, ctx);
  const byIndex = new Map<number, RawLine>();
  for (const [key, raw] of Object.entries(value)) {
    const match = key.match(lineFieldPattern);
    if (!match || typeof raw !== "string") continue;
    const column = match[2] as LineColumn;
    if (!(lineColumns as readonly string[]).includes(column)) continue;
    const index = Number(match[1]);
    if (!byIndex.has(index)) byIndex.set(index, {});
    byIndex.get(index)![column] = raw;
  }
  const indices = [...byIndex.keys()].filter((i) => !isBlankLine(byIndex.get(i)!)).sort((a, b) => a - b);
  if (indices.length > MAX_LINES) {
    ctx.addIssue({ code: "custom", path: ["form"], message: `A report has at most ${MAX_LINES} lines.` });
    return z.NEVER;
  }
  const checked = validateLines(
    indices.map((i) => byIndex.get(i)!),
    indices,
  );
  if (!checked.ok) {
    for (const p of checked.problems) ctx.addIssue({ code: "custom", path: [lineFieldName(p.line, p.column)], message: p.message });
    return z.NEVER;
  }
  if (!period || !customersNotified || (value.mode === "correct" && reason === null)) return z.NEVER;
  return { organisationId: value.organisationId, period, customersNotified, rows: checked.rows, reason };
});

/** The upload: the same period and customers-notified fields, and the CSV text (a file read by the browser, or pasted). */
export const transparencyCsvSchema = z
  .looseObject({ ...modeShape, csv: z.string({ message: "choose a CSV file or paste its text" }) })
  .transform((value, ctx): TransparencyInput => {
    const { period, customersNotified, reason } = commonChecks(value, ctx);
    if (value.csv.trim() === "") {
      ctx.addIssue({ code: "custom", path: ["csv"], message: "choose a CSV file or paste its text" });
      return z.NEVER;
    }
    const parsed = parseTransparencyCsv(value.csv);
    if (!parsed.ok) {
      // One field, one message: the problems one per line, so the form can list them.
      ctx.addIssue({ code: "custom", path: ["csv"], message: parsed.problems.map(describeCsvProblem).join("\n") });
      return z.NEVER;
    }
    if (!period || !customersNotified || (value.mode === "correct" && reason === null)) return z.NEVER;
    return { organisationId: value.organisationId, period, customersNotified, rows: parsed.rows, reason };
  });

/* ---------- Open data ---------- */

export const TRANSPARENCY_API_LIMIT_DEFAULT = 50;
export const TRANSPARENCY_API_LIMIT_MAX = 200;
export const transparencyApiParams = ["signatory", "country", "period", "instrument", "limit", "cursor"] as const;
export const transparencyCsvParams = ["signatory", "country", "period", "instrument"] as const;

const one = <T extends z.ZodType>(schema: T) => schema.optional();

/** A page position: the last report's period and signatory slug, base64url JSON (opaque to clients). */
export const transparencyCursorSchema = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    try {
      const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
      const parsed = z.tuple([z.string().regex(PERIOD_PATTERN), organisationSlugSchema]).safeParse(value);
      if (parsed.success) return { period: parsed.data[0], slug: parsed.data[1] };
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({ code: "custom", message: "is not a cursor this API returned" });
    return z.NEVER;
  });

export const encodeTransparencyCursor = (cursor: { period: string; slug: string }) =>
  Buffer.from(JSON.stringify([cursor.period, cursor.slug])).toString("base64url");

export const transparencyQuerySchema = z.object({
  signatory: one(organisationSlugSchema),
  country: one(countryCodeSchema),
  period: one(periodField),
  instrument: one(z.enum(transparencyInstruments, { message: `must be one of ${transparencyInstruments.join(", ")}` })),
  limit: one(
    z.coerce
      .number({ message: "must be a whole number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(TRANSPARENCY_API_LIMIT_MAX, `must be at most ${TRANSPARENCY_API_LIMIT_MAX}`),
  ),
  cursor: one(transparencyCursorSchema),
});

export type TransparencyQuery = {
  signatory?: string;
  country?: string;
  period?: string;
  instrument?: (typeof transparencyInstruments)[number];
  limit: number;
  cursor?: { period: string; slug: string };
};
