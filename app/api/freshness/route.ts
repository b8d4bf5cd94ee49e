import { lastPurgeAt } from "@/lib/page-cache-handler.mjs";

// Asked on every navigation by components/freshness-watch.tsx: rendered per request, never cached.
export const dynamic = "force-dynamic";

/**
 * The change signal for browsers: when this instance last purged a cached page (ms since the
 * epoch). A browser whose router kept pages from before that time refreshes them.
 */
export function GET() {
  return Response.json({ purgedAt: lastPurgeAt() }, { headers: { "Cache-Control": "no-store" } });
}
