import { getBadgeState } from "@/db/queries/badges";
import { badgeFileSchema } from "@/lib/badge/file";
import { notFoundBadge } from "@/lib/badge/status";
import { renderBadgeSvg } from "@/lib/badge/svg";

/**
 * /badge/<slug>.svg: the live status badge organisations embed on their own sites. Short cache
 * lifetimes, so a withdrawal or suspension shows within minutes. Anything that names no public
 * organisation (unknown, malformed, not .svg) is a 404 whose body is still a "not found" badge,
 * so the embedding page shows a truthful image rather than a broken one.
 *
 * Each file is rendered once and kept in the page cache (lib/page-cache-handler.mjs) under the
 * tags of the data it read (the signatories tag, from getBadgeState), so a change purges it like
 * the profiles. Errors are thrown rather than answered here: a response returned from this
 * handler is cached, a thrown error is a 500 that is not.
 */
export const dynamic = "force-static";

/** None at build time (no database then): each file on its first request. */
export function generateStaticParams(): { file: string }[] {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const parsed = badgeFileSchema.safeParse((await params).file);
  const state = parsed.success ? await getBadgeState(parsed.data) : notFoundBadge;
  const found = state.kind !== "not-found";
  return new Response(renderBadgeSvg(state), {
    status: found ? 200 : 404,
    headers: {
      "Content-Type": "image/svg+xml",
      "Cache-Control": found ? "public, max-age=300, stale-while-revalidate=60" : "public, max-age=60",
      "Access-Control-Allow-Origin": "*",
      // Embeddable from any origin, even pages that require CORP; inert when opened directly.
      "Cross-Origin-Resource-Policy": "cross-origin",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
