import { getEnv } from "@/lib/env";
import { handleRoute } from "@/lib/http";
import { conditionalJson, preflightResponse } from "@/lib/open-data/http";
import { buildOpenApiDocument, type OpenApiDocument } from "@/lib/open-data/openapi";
import { assertNoQuery } from "@/lib/open-data/query";

// Built once per process: it depends only on the code and SITE_URL.
let built: { siteUrl: string; document: OpenApiDocument } | undefined;

/** The OpenAPI 3.1 description of the open data and the ledger; changes only with a deploy. */
export function GET(request: Request) {
  return handleRoute(async () => {
    assertNoQuery(new URL(request.url).searchParams);
    const { siteUrl } = getEnv();
    if (built?.siteUrl !== siteUrl) built = { siteUrl, document: buildOpenApiDocument(siteUrl) };
    return conditionalJson(request, built.document, { cacheControl: "public, max-age=3600" });
  });
}

export function OPTIONS() {
  return preflightResponse();
}
