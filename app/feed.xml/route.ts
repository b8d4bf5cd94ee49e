import { handleRoute } from "@/lib/http";
import { buildFeed, FEED_CACHE_CONTROL, feedResponse } from "@/lib/feed/response";
import { feedParams, parseFilterQuery } from "@/lib/open-data/query";

/**
 * Atom feed of signatures, withdrawals, moderation decisions, progress reports and accord versions
 * (RFC 4287). Takes the directory's filters (`?country=DE&sector=software`): the events of the
 * matching signatories, and every accord version. A bad or unknown parameter is a 400. The feed
 * without a query is the static route in ./all, kept in the page cache (the front door rewrites
 * /feed.xml there: scripts/lib/front-door.mjs DEFAULT_VIEWS); each filtered feed is built per
 * request from the cached entries.
 */
export function GET(request: Request) {
  return handleRoute(async () => {
    const feed = await buildFeed(parseFilterQuery(new URL(request.url).searchParams, feedParams));
    // Readers poll every few minutes: an unchanged feed answers a conditional request with no body.
    const known =
      request.headers
        .get("if-none-match")
        ?.split(",")
        .map((tag) => tag.trim().replace(/^W\//, "")) ?? [];
    if (known.includes(feed.etag) || known.includes("*")) {
      return new Response(null, { status: 304, headers: { ETag: feed.etag, "Cache-Control": FEED_CACHE_CONTROL, "Access-Control-Allow-Origin": "*" } });
    }
    return feedResponse(feed);
  });
}
