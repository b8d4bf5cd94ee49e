import { z } from "zod";
import { commitmentStatusSchema } from "./commitment";
import { limitedText } from "./limited-text";
import { organisationIdSchema } from "./organisation";
import { countCharacters, normaliseLineBreaks, textLimits, tooLongMessage } from "./text-limit";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The yearly report: a narrative, and for each commitment a status (`status-<commitment id>`) and
 * an optional note (`note-<commitment id>`). Which commitments belong to the organisation is
 * checked by the data layer, which refuses forged or missing ones.
 */
export const publishReportSchema = z
  .looseObject({
    organisationId: organisationIdSchema,
    year: z.coerce.number({ message: "must be a year" }).int("must be a year").min(2000, "must be a year from 2000").max(2200, "must be a year before 2200"),
    narrative: limitedText(textLimits.reportNarrative, { tooShort: "must be at least 50 characters: say what you did and what you learned" }),
  })
  .superRefine((value, ctx) => {
    for (const [key, raw] of Object.entries(value)) {
      const [kind, id] = key.split(/-(.*)/s);
      if (kind !== "status" && kind !== "note") continue;
      if (!id || !uuidPattern.test(id)) ctx.addIssue({ code: "custom", path: [key], message: "is not a commitment" });
      else if (kind === "status" && !commitmentStatusSchema.safeParse(raw).success)
        ctx.addIssue({ code: "custom", path: [key], message: "must be planned, in progress, achieved or discontinued" });
      else if (kind === "note" && typeof raw !== "string") ctx.addIssue({ code: "custom", path: [key], message: "is not text" });
      else if (kind === "note" && countCharacters(raw as string) > textLimits.reportNote.max)
        ctx.addIssue({ code: "custom", path: [key], message: tooLongMessage(countCharacters(raw as string), textLimits.reportNote.max) });
    }
  })
  .transform(({ organisationId, year, narrative, ...rest }) => {
    const fields = rest as Record<string, string>;
    const items = Object.keys(fields)
      .filter((k) => k.startsWith("status-") && uuidPattern.test(k.slice("status-".length)))
      .map((k) => {
        const commitmentId = k.slice("status-".length);
        return { commitmentId, status: commitmentStatusSchema.parse(fields[k]), note: normaliseLineBreaks(fields[`note-${commitmentId}`] ?? "").trim() };
      });
    return { organisationId, year, narrative, items };
  });

export type PublishReportInput = z.output<typeof publishReportSchema>;
