import { createHash } from "node:crypto";
import { getFeedEntries } from "@/db/queries/feed";
import { getEnv } from "@/lib/env";
import { buildAtomFeed } from "@/lib/feed/atom";
import { handleRoute, textResponse } from "@/lib/http";

const CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=600";

/** Atom feed of signatures, withdrawals, moderation decisions and progress reports (RFC 4287). */
export function GET(request: Request) {
  return handleRoute(async () => {
    const xml = buildAtomFeed({ siteUrl: getEnv().siteUrl, entries: await getFeedEntries(), generatedAt: new Date() });
    const etag = `"${createHash("sha256").update(xml).digest("base64url").slice(0, 27)}"`;
    // Readers poll every few minutes: an unchanged feed answers a conditional request with no body.
    const known = request.headers.get("if-none-match")?.split(",").map((tag) => tag.trim().replace(/^W\//, "")) ?? [];
    if (known.includes(etag) || known.includes("*")) {
      return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": CACHE_CONTROL, "Access-Control-Allow-Origin": "*" } });
    }
    return textResponse(xml, { contentType: "application/atom+xml; charset=utf-8", cacheControl: CACHE_CONTROL, headers: { ETag: etag } });
  });
}
