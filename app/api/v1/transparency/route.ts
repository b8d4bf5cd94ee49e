import { getEnv } from "@/lib/env";
import { handleRoute } from "@/lib/http";
import { conditionalJson, preflightResponse } from "@/lib/open-data/http";
import { TRANSPARENCY_API_PATH } from "@/lib/paths";
import { nextTransparencyCursor, parseTransparencyQuery, toApiTransparencyReport, transparencyQueryString } from "@/lib/transparency/open-data";
import { getTransparencyRecords } from "@/lib/transparency/public";
import { encodeTransparencyCursor } from "@/lib/validation/transparency";

/**
 * Government-request transparency reports as JSON: the current revision of each signatory's
 * half-year, newest period first, filtered by signatory, country, period and instrument, a page
 * at a time by cursor. Each record carries its correction history and content hash.
 */
export function GET(request: Request) {
  return handleRoute(async () => {
    const query = parseTransparencyQuery(new URL(request.url).searchParams);
    const { limit, cursor, ...filters } = query;
    const records = await getTransparencyRecords(filters, limit, cursor ?? null);
    const page = records.slice(0, limit);
    const nextCursor = records.length > limit ? nextTransparencyCursor(page.at(-1)!) : null;
    const { siteUrl } = getEnv();
    const base = `${siteUrl}${TRANSPARENCY_API_PATH}`;
    return conditionalJson(request, {
      data: page.map((record) => toApiTransparencyReport(record, siteUrl)),
      limit,
      nextCursor,
      links: {
        self: `${base}${transparencyQueryString(query, cursor && encodeTransparencyCursor(cursor))}`,
        next: nextCursor ? `${base}${transparencyQueryString(query, nextCursor)}` : null,
      },
    });
  });
}

export function OPTIONS() {
  return preflightResponse();
}
