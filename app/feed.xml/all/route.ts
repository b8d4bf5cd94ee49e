import { buildFeed, feedResponse } from "@/lib/feed/response";

/**
 * The whole registry's feed: /feed.xml without a query, rewritten here by next.config.mjs when the
 * front door marks the request (scripts/lib/front-door.mjs DEFAULT_VIEWS). Built once and kept in
 * the page cache under the tags of the data it read (signatories, accord versions), so the next
 * change purges it like the pages; the front door answers a reader's If-None-Match from its copy.
 * Errors are thrown, not answered: a response returned here is cached, a thrown error is not.
 */
export const dynamic = "force-static";

export async function GET() {
  return feedResponse(await buildFeed({}));
}
