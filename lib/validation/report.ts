import { z } from "zod";
import { commitmentStatusSchema } from "./commitment";
import { organisationIdSchema } from "./organisation";

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
    narrative: z
      .string()
      .transform((s) => s.replace(/\r\n/g, "\n").trim())
      .pipe(z.string().min(50, "must be at least 50 characters: say what you did and what you learned").max(10000, "must be at most 10000 characters")),
  })
  .superRefine((value, ctx) => {
    for (const [key, raw] of Object.entries(value)) {
      const [kind, id] = key.split(/-(.*)/s);
      if (kind !== "status" && kind !== "note") continue;
      if (!id || !uuidPattern.test(id)) ctx.addIssue({ code: "custom", path: [key], message: "is not a commitment" });
      else if (kind === "status" && !commitmentStatusSchema.safeParse(raw).success)
        ctx.addIssue({ code: "custom", path: [key], message: "must be planned, in progress, achieved or discontinued" });
      else if (kind === "note" && (typeof raw !== "string" || raw.length > 1000))
        ctx.addIssue({ code: "custom", path: [key], message: "must be at most 1000 characters" });
    }
  })
  .transform(({ organisationId, year, narrative, ...rest }) => {
    const fields = rest as Record<string, string>;
    const items = Object.keys(fields)
      .filter((k) => k.startsWith("status-") && uuidPattern.test(k.slice("status-".length)))
      .map((k) => {
        const commitmentId = k.slice("status-".length);
        return { commitmentId, status: commitmentStatusSchema.parse(fields[k]), note: (fields[`note-${commitmentId}`] ?? "").trim() };
      });
    return { organisationId, year, narrative, items };
  });

export type PublishReportInput = z.output<typeof publishReportSchema>;
