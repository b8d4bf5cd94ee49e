/**
 * True while `next build` prerenders pages. There is no database then: the public pages that Next
 * keeps in its page cache render the shipped text instead, and that output is never served
 * (lib/page-cache-handler.mjs renders each page again from the database on its first request).
 */
export function isBuildPrerender(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}
