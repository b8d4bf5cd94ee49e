import { createHash } from "node:crypto";
import { getFeedEntries } from "@/db/queries/feed";
import { describeView } from "@/app/signatories/_components/describe";
import { getEnv } from "@/lib/env";
import { buildAtomFeed } from "@/lib/feed/atom";
import { textResponse } from "@/lib/http";
import { filterQueryString, type parseFilterQuery } from "@/lib/open-data/query";

/** Readers poll every few minutes: a CDN or reader may keep the feed five minutes. */
export const FEED_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=600";

/** The Atom document for the signatories matching `filters` (none: the whole registry), and its entity tag. */
export async function buildFeed(filters: ReturnType<typeof parseFilterQuery>): Promise<{ xml: string; etag: string }> {
  const query = filterQueryString(filters);
  const xml = buildAtomFeed({
    siteUrl: getEnv().siteUrl,
    entries: await getFeedEntries(filters),
    generatedAt: new Date(),
    query,
    filterTitle: query ? describeView(filters) : undefined,
  });
  return { xml, etag: `"${createHash("sha256").update(xml).digest("base64url").slice(0, 27)}"` };
}

/** The feed as a response, with its tag, open to any origin. */
export function feedResponse({ xml, etag }: { xml: string; etag: string }): Response {
  return textResponse(xml, { contentType: "application/atom+xml; charset=utf-8", cacheControl: FEED_CACHE_CONTROL, headers: { ETag: etag } });
}
