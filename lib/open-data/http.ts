import { createHash } from "node:crypto";

/**
 * Open data is public and read-only, so any origin may read it: no credentials are involved, and
 * `*` needs no `Vary: Origin`. ETag is exposed so browser clients can make conditional requests.
 */
export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag",
} as const;

/** Directory data changes when someone signs, withdraws or is moderated: a minute fresh, five more stale while revalidating. */
export const OPEN_DATA_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

/** What the preflight allows: reads only, and the one request header conditional clients send. */
export function preflightResponse(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
      "Access-Control-Allow-Headers": "If-None-Match",
      "Access-Control-Max-Age": "86400",
      Allow: "GET, HEAD, OPTIONS",
      "Cache-Control": "public, max-age=86400",
    },
  });
}

/** A strong validator: the same bytes always give the same tag, and different bytes a different one. */
export function strongEtag(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url")}"`;
}

/**
 * If-None-Match uses the weak comparison (RFC 9110 §13.1.2): a `W/` prefix is ignored, `*`
 * matches any current representation, and the header may list several tags.
 */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

/**
 * A JSON body with a strong ETag, answering a matching If-None-Match with 304 and no body (the
 * client's copy is current), and always with CORS and public caching headers.
 */
export function conditionalJson(request: Request, body: unknown, { cacheControl = OPEN_DATA_CACHE_CONTROL }: { cacheControl?: string } = {}): Response {
  const text = JSON.stringify(body);
  const etag = strongEtag(text);
  const headers = { ...CORS_HEADERS, ETag: etag, "Cache-Control": cacheControl };
  if (etagMatches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(text, { status: 200, headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
}
