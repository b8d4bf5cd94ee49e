import { getDb } from "@/db/client";
import { MATCH_END, MATCH_START, searchCommitments } from "@/db/queries/commitment-search";
import { AppError } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { handleRoute } from "@/lib/http";
import { conditionalJson, preflightResponse } from "@/lib/open-data/http";
import { COMMITMENTS_API_PATH, principlePath, profilePath } from "@/lib/paths";
import { parseCommitmentSearch } from "@/lib/validation/commitment-search";

/**
 * Full-text search over public commitments (PostgreSQL text search): `q` (required), `principle`,
 * `limit` (1..100, default 20) and `page`. Matches in the excerpt are wrapped in `[` … `]`
 * (documented in OpenAPI). Bad or unknown parameters are a 400 naming each one.
 */
export function GET(request: Request) {
  return handleRoute(async () => {
    const parsed = parseCommitmentSearch(new URL(request.url).searchParams, { api: true });
    if (!parsed.ok) {
      const sentences = Object.entries(parsed.problems).map(([name, message]) => `Invalid query parameter "${name}": ${message}.`);
      throw new AppError("invalid", sentences.join(" "), parsed.problems);
    }
    const { q, principle, page, limit } = parsed.search;
    const { hits, total } = await searchCommitments(await getDb(), { q, principle, limit, offset: (page - 1) * limit });
    const { siteUrl } = getEnv();
    const link = (p: number) => {
      const params = new URLSearchParams({ q });
      if (principle) params.set("principle", principle);
      if (limit !== 20) params.set("limit", String(limit));
      if (p > 1) params.set("page", String(p));
      return `${siteUrl}${COMMITMENTS_API_PATH}?${params}`;
    };
    const pageCount = Math.ceil(total / limit);
    return conditionalJson(request, {
      data: hits.map((h) => ({
        id: h.id,
        organisation: { slug: h.organisation.slug, name: h.organisation.name, url: `${siteUrl}${profilePath(h.organisation.slug)}` },
        principle: { slug: h.principleSlug, url: `${siteUrl}${principlePath(h.principleSlug)}` },
        title: h.title,
        status: h.status,
        excerpt: h.excerpt.replaceAll(MATCH_START, "[").replaceAll(MATCH_END, "]"),
        updatedAt: h.updatedAt,
        rank: h.rank,
      })),
      total,
      page,
      limit,
      links: { self: link(page), next: page < pageCount ? link(page + 1) : null },
    });
  });
}

export function OPTIONS() {
  return preflightResponse();
}
