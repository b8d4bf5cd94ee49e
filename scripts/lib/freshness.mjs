// What browsers and shared caches may keep of a page. Applied by the front door (front-door.mjs) to
// every response, in place of the header Next sets.
//
// Next answers every page it keeps in its page cache (lib/page-cache-handler.mjs), and that page's
// navigation payload (RSC), with `Cache-Control: s-maxage=…, stale-while-revalidate=…` and no
// setting changes that (`expireTime` only moves the second number). Chromium honours
// stale-while-revalidate in its own cache: it showed a payload fetched before a change for up to
// a year, while revalidating in the background. Our purges reach our own memory only, never a
// browser or a CDN, so for a registry of who signed and who was suspended a copy kept anywhere
// else is a wrong answer waiting to happen.
//
// So those responses go out as `Cache-Control: no-cache`: any cache (a browser, a CDN) may store
// the copy but must ask us before every use. For HTML the ETag Next sends turns that question into
// a 304 when nothing changed. No `CDN-Cache-Control` is sent: a CDN could keep a page longer only
// if our purges reached it, and they do not. Responses whose header Next did not write this way
// are left alone: the immutable ledger tiles and /_next/static assets (`public, max-age=31536000,
// immutable`), the signed-in pages (`private, no-cache, no-store`), and route handlers that set
// their own header (badges, feed, open data).

/** What a browser or a CDN may do with a page or navigation payload: keep it, but ask before every use. */
export const PAGE_CACHE_CONTROL = "no-cache";

/** Next's header for a page served from its cache (`s-maxage=N`, optionally with stale-while-revalidate). */
const NEXT_CACHED = /^\s*s-maxage=\d+\s*(,|$)/i;

/** The Cache-Control to send in place of `value`: ours for Next's cached pages and payloads, anything else unchanged. */
export function freshCacheControl(value) {
  if (typeof value === "string" && NEXT_CACHED.test(value)) return PAGE_CACHE_CONTROL;
  if (Array.isArray(value) && value.some((v) => typeof v === "string" && NEXT_CACHED.test(v))) return PAGE_CACHE_CONTROL;
  return value;
}

const isCacheControl = (name) => typeof name === "string" && name.length === 13 && name.toLowerCase() === "cache-control";

/**
 * Rewrites the response's Cache-Control as it goes out: headers set with setHeader and those
 * passed to writeHead alike (Node's implicit header for write/end goes through writeHead too).
 */
export function keepPagesFresh(res) {
  const writeHead = res.writeHead;
  res.writeHead = function writeFreshHead(status, reason, headers) {
    const current = this.getHeader("cache-control");
    if (current !== undefined) {
      const fresh = freshCacheControl(current);
      if (fresh !== current) this.setHeader("Cache-Control", fresh);
    }
    const given = typeof reason === "object" && reason !== null ? reason : headers;
    if (given && !Array.isArray(given)) {
      for (const name of Object.keys(given)) if (isCacheControl(name)) given[name] = freshCacheControl(given[name]);
    }
    return writeHead.apply(this, arguments);
  };
  return res;
}
