import { createHash } from "node:crypto";
import { getFeedEntries } from "@/db/queries/feed";
import { describeView } from "@/app/signatories/_components/describe";
import { getEnv } from "@/lib/env";
import { buildAtomFeed, type FeedEntry } from "@/lib/feed/atom";
import { handleRoute, textResponse } from "@/lib/http";
import { feedParams, filterQueryString, parseFilterQuery } from "@/lib/open-data/query";

const CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=600";

type Built = { key: string; xml: string; etag: string };
let lastBuilt: Built | null = null;

/**
 * The document for these entries. The entries come from the data cache (purged with the
 * signatories tag); the unfiltered feed's XML and its hash are built once per set of entries, not
 * per request: the ledger is append-only, so the newest entry's index (with the site and the entry
 * count) names the feed's content. An empty feed, and any filtered feed, is built per request
 * (from cached entries), so a filtered feed is never served another filter's document.
 */
function feedDocument(siteUrl: string, entries: FeedEntry[], query: string, filterTitle?: string): Built {
  const key = entries.length > 0 && query === "" ? `${siteUrl} ${entries.length} ${Math.max(...entries.map((e) => e.index))}` : "";
  if (key && lastBuilt?.key === key) return lastBuilt;
  const xml = buildAtomFeed({ siteUrl, entries, generatedAt: new Date(), query, filterTitle });
  const built = { key, xml, etag: `"${createHash("sha256").update(xml).digest("base64url").slice(0, 27)}"` };
  if (key) lastBuilt = built;
  return built;
}

/**
 * Atom feed of signatures, withdrawals, moderation decisions, progress reports and accord versions
 * (RFC 4287). Takes the directory's filters (`?country=DE&sector=software`): the events of the
 * matching signatories, and every accord version. A bad or unknown parameter is a 400.
 */
export function GET(request: Request) {
  return handleRoute(async () => {
    const filters = parseFilterQuery(new URL(request.url).searchParams, feedParams);
    const query = filterQueryString(filters);
    const { xml, etag } = feedDocument(getEnv().siteUrl, await getFeedEntries(filters), query, query ? describeView(filters) : undefined);
    // Readers poll every few minutes: an unchanged feed answers a conditional request with no body.
    const known =
      request.headers
        .get("if-none-match")
        ?.split(",")
        .map((tag) => tag.trim().replace(/^W\//, "")) ?? [];
    if (known.includes(etag) || known.includes("*")) {
      return new Response(null, { status: 304, headers: { ETag: etag, "Cache-Control": CACHE_CONTROL, "Access-Control-Allow-Origin": "*" } });
    }
    return textResponse(xml, { contentType: "application/atom+xml; charset=utf-8", cacheControl: CACHE_CONTROL, headers: { ETag: etag } });
  });
}
