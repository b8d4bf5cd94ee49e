import { getDirectorySlice } from "@/db/queries/directory";
import { getEnv } from "@/lib/env";
import { handleRoute } from "@/lib/http";
import { conditionalJson, preflightResponse } from "@/lib/open-data/http";
import { parseSignatoriesQuery, signatoriesQueryString } from "@/lib/open-data/query";
import { type SignatoriesPageBody, toApiSignatory } from "@/lib/open-data/signatories";
import { SIGNATORIES_API_PATH } from "@/lib/paths";
import { encodeCursor } from "@/lib/validation/directory";

/** The directory as JSON: the page's filters, keyset pagination by opaque cursor, ETag and open CORS. */
export function GET(request: Request) {
  return handleRoute(async () => {
    const query = parseSignatoriesQuery(new URL(request.url).searchParams);
    const slice = await getDirectorySlice(query.filters, { cursor: query.cursor, limit: query.limit });
    const { siteUrl } = getEnv();
    const base = `${siteUrl}${SIGNATORIES_API_PATH}`;
    const body: SignatoriesPageBody = {
      data: slice.items.map((entry) => toApiSignatory(entry, siteUrl)),
      total: slice.total,
      limit: query.limit,
      nextCursor: slice.nextCursor,
      links: {
        self: `${base}${signatoriesQueryString(query, query.cursor && encodeCursor(query.cursor))}`,
        next: slice.nextCursor ? `${base}${signatoriesQueryString(query, slice.nextCursor)}` : null,
      },
    };
    return conditionalJson(request, body);
  });
}

export function OPTIONS() {
  return preflightResponse();
}
