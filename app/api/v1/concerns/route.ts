import { cachedPublicConcerns } from "@/db/queries/concerns";
import { AppError } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { handleRoute } from "@/lib/http";
import { conditionalJson, preflightResponse } from "@/lib/open-data/http";
import { concernPath, CONCERNS_API_PATH, ledgerEntryPath, profilePath } from "@/lib/paths";
import { concernListQuerySchema } from "@/lib/validation/concern";
import { organisationSlugSchema } from "@/lib/validation/organisation";
import { queryRecord, unknownParams } from "@/lib/validation/directory";

const PARAMS = ["status", "signatory", "page", "limit"] as const;

/**
 * Admitted public concerns as JSON, newest admission first: `status`, `signatory` (a slug),
 * `limit` (1..100, default 20) and `page`. Only what the public pages show: never who raised a
 * concern, never a declined or unadmitted one.
 */
export function GET(request: Request) {
  return handleRoute(async () => {
    const record = queryRecord(new URL(request.url).searchParams);
    const problems: Record<string, string> = {};
    for (const name of unknownParams(record, PARAMS)) problems[name.slice(0, 40)] = `unknown parameter; the parameters are ${PARAMS.join(", ")}`;
    for (const [name, value] of Object.entries(record)) if (Array.isArray(value)) problems[name] = `give ${name} once`;
    const { signatory, limit: rawLimit, ...rest } = record as Record<string, string | undefined>;
    const parsed = concernListQuerySchema.safeParse(rest);
    if (!parsed.success) for (const issue of parsed.error.issues) problems[String(issue.path[0])] ??= issue.message;
    if (signatory !== undefined && !organisationSlugSchema.safeParse(signatory).success) problems.signatory = "signatory must be a signatory's slug";
    const limit = rawLimit === undefined ? 20 : /^\d{1,3}$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= 100)) problems.limit = "limit must be a whole number from 1 to 100";
    if (Object.keys(problems).length > 0 || !parsed.success) {
      throw new AppError(
        "invalid",
        Object.entries(problems)
          .map(([n, m]) => `Invalid query parameter "${n}": ${m}.`)
          .join(" "),
        problems,
      );
    }
    const page = parsed.data.page ?? 1;
    const { rows, total } = await cachedPublicConcerns({ status: parsed.data.status, organisationSlug: signatory, limit, offset: (page - 1) * limit });
    const { siteUrl } = getEnv();
    const link = (p: number) => {
      const params = new URLSearchParams();
      if (parsed.data.status) params.set("status", parsed.data.status);
      if (signatory) params.set("signatory", signatory);
      if (limit !== 20) params.set("limit", String(limit));
      if (p > 1) params.set("page", String(p));
      const text = params.toString();
      return `${siteUrl}${CONCERNS_API_PATH}${text ? `?${text}` : ""}`;
    };
    const entry = (index: number | null) => (index === null ? null : `${siteUrl}${ledgerEntryPath(index)}`);
    return conditionalJson(request, {
      data: rows.map((c) => ({
        id: c.id,
        url: `${siteUrl}${concernPath(c.id)}`,
        signatory: { slug: c.organisation.slug, name: c.organisation.name, url: `${siteUrl}${profilePath(c.organisation.slug)}` },
        principle: c.principleSlug,
        status: c.status,
        statement: c.statement,
        evidenceLinks: c.evidenceLinks,
        contentHash: c.contentHash,
        admittedAt: c.admittedAt,
        admissionEntry: entry(c.admissionLedgerIndex),
        response: c.response ? { text: c.response.text, at: c.response.at, entry: entry(c.response.ledgerIndex) } : null,
        outcome: c.outcome ? { reason: c.outcome.reason, at: c.outcome.at, entry: entry(c.outcome.ledgerIndex) } : null,
      })),
      total,
      page,
      limit,
      links: { self: link(page), next: page * limit < total ? link(page + 1) : null },
    });
  });
}

export function OPTIONS() {
  return preflightResponse();
}
