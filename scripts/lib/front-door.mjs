// The front door: what the production server (scripts/server.mjs) does to every request before
// Next sees it. Plain node, no Next, so it can be tested with real node:http requests and stays
// cheap: it sits in front of every page view.
//   1. The client address: X-Forwarded-For and X-Real-IP are rewritten from the socket (and the
//      trusted proxy hops), because Next only fills them when absent, so a forged header would
//      otherwise reach the sign-in rate limits.
//   2. Request body limits by route (BODY_LIMITS), answered 413 before Next reads the body.
//   3. Strict-Transport-Security when the site is served over https.
//   4. Malformed percent-encoding in the path answers a plain 400: Next's route parameter
//      decoding would otherwise throw deep inside the router (a 500). Here rather than in
//      proxy.ts so that the proxy need not run on public pages at all.
//   5. Cached pages and their navigation payloads go out as `Cache-Control: no-cache` instead of
//      Next's `s-maxage=…, stale-while-revalidate=…`, so browsers and CDNs ask before every use
//      (freshness.mjs says why).
//   6. Pages handed over whole get their ETag here, remembered per body (page-etag.mjs says why).
//   7. Immutable responses (the ledger's full tiles) and pages Next served from its page cache are
//      kept in memory and served again without Next until a purge (response-cache.mjs).
import net from "node:net";
import { keepPagesFresh } from "./freshness.mjs";
import { tagWholeBodies } from "./page-etag.mjs";
import { createResponseCache } from "./response-cache.mjs";

export const KB = 1024;
export const MB = 1024 * KB;

/** Every route not named in BODY_LIMITS: forms, sign-in, server actions. */
export const DEFAULT_BODY_LIMIT = 64 * KB;

/**
 * Per-route request body limits, first match wins (paths after dot segments are resolved).
 * Server actions post to the page they are on, so a page's line covers its actions too.
 */
export const BODY_LIMITS = [
  // Auth.js (sign-in, callbacks, sign-out) only ever receives a short form.
  { name: "Auth.js routes", pattern: /^\/api\/auth(\/|$)/, bytes: 16 * KB },
  // Studio saves: an accord document of up to 200,000 characters (MAX_BODY_LENGTH in
  // lib/validation/studio.ts), up to 4 bytes each in UTF-8, sent as a server action. Next's own
  // server action limit (serverActions.bodySizeLimit, 1 MB by default) must be at least this.
  { name: "studio saves", pattern: /^\/studio(\/|$)/, bytes: 1 * MB },
  // Transparency reports: a CSV upload of up to 256 KB (CSV_UPLOAD_MAX_BYTES in
  // lib/transparency/csv-upload.ts), or the form with its many lines of figures, posted as server
  // actions to the report and correction pages. Next's own server action limit is 1 MB.
  { name: "transparency reports", pattern: /^\/dashboard\/organisations\/[^/]+\/transparency(\/|$)/, bytes: 1 * MB },
];

export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

const unmapped = (address) => (address.startsWith("::ffff:") && net.isIPv4(address.slice(7)) ? address.slice(7) : address);

/** An X-Forwarded-For entry as an address: without brackets, port or IPv4-mapped prefix; null if not an IP. */
function forwardedEntry(entry) {
  let value = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = unmapped(value);
  return net.isIP(value) ? value : null;
}

/**
 * The client's address: the socket's, unless `trustedHops` proxies stand in front of us, in which
 * case the address the outermost trusted proxy saw (that many entries from the right of the
 * forwarded chain, counting the socket as the last). Entries further left are the client's own
 * word and never trusted. A chain shorter than the hops gives its leftmost entry.
 */
export function clientAddress(socketAddress, forwardedFor, trustedHops = 0) {
  const socket = unmapped(socketAddress ?? "");
  if (!trustedHops) return socket;
  const chain = typeof forwardedFor === "string" ? forwardedFor.split(",").filter((e) => e.trim() !== "") : [];
  if (chain.length === 0) return socket;
  // The socket is the last hop; index from the right of [...chain, socket].
  const index = Math.max(0, chain.length - trustedHops);
  return forwardedEntry(chain[index] ?? "") ?? socket;
}

function pathOf(url) {
  const path = (url ?? "/").split("?", 1)[0];
  // Only a path with dot segments or escapes needs the full parser (rare); the rest is taken as is.
  if (!/%|\/\.|\\/.test(path)) return path;
  try {
    return new URL(path, "http://front.invalid").pathname;
  } catch {
    return path;
  }
}

/** The limit for a path, and the name of the rule that set it. */
export function bodyLimitFor(url, limits = BODY_LIMITS, fallback = DEFAULT_BODY_LIMIT) {
  const path = pathOf(url);
  for (const rule of limits) if (rule.pattern.test(path)) return { name: rule.name, bytes: rule.bytes };
  return { name: "default", bytes: fallback };
}

/**
 * What to do with a request's body before Next reads it: "none" (no body), "ok" (declared length
 * within the limit), "too-large" (declared length over it) or "count" (streamed without a length:
 * count bytes as they arrive and stop at the limit).
 */
export function bodyDecision(headers, url, limits = BODY_LIMITS, fallback = DEFAULT_BODY_LIMIT) {
  const length = headers["content-length"];
  const chunked = headers["transfer-encoding"] !== undefined;
  if (length === undefined && !chunked) return { action: "none" };
  const limit = bodyLimitFor(url, limits, fallback);
  if (chunked) return { action: "count", limit };
  return Number(length) > limit.bytes ? { action: "too-large", limit } : { action: "ok", limit };
}

/** Whether a request target's path holds a percent sign that does not start a valid UTF-8 escape. */
export function hasMalformedEncoding(url) {
  const path = (url ?? "/").split("?", 1)[0];
  // Almost every path has no escape at all: no decoding work for them.
  if (!path.includes("%")) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

const MALFORMED_BODY = "Bad request: the address contains malformed percent-encoding.\n";

function refuseMalformed(res) {
  res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(MALFORMED_BODY) });
  res.end(MALFORMED_BODY);
}

const describe = (bytes) => (bytes >= MB && bytes % MB === 0 ? `${bytes / MB} MB` : `${Math.round(bytes / KB)} KB`);

function refuseTooLarge(res, limit) {
  const body = `Request body too large: this address accepts at most ${describe(limit.bytes)}.\n`;
  res.writeHead(413, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body), connection: "close" });
  res.end(body);
}

/**
 * Counts a streamed body as the HTTP parser hands it over (IncomingMessage#push), so Next, which
 * reads the stream later, never receives more than the limit: past it the request answers 413 and
 * the connection closes.
 */
function countStreamedBody(req, res, limit) {
  let received = 0;
  const push = req.push;
  req.push = function pushCounted(chunk, encoding) {
    if (chunk !== null && chunk !== undefined) {
      received += chunk.length;
      if (received > limit.bytes) {
        req.push = () => false;
        if (res.headersSent) {
          req.destroy();
          return false;
        }
        refuseTooLarge(res, limit);
        // Whatever Next does next with this request is moot: its response is already ours.
        res.writeHead = () => res;
        res.write = () => true;
        res.end = () => res;
        // Closing the request stops the upload (and ends Next's read) once our answer is out.
        res.once("finish", () => req.destroy());
        return false;
      }
    }
    return push.call(req, chunk, encoding);
  };
}

/**
 * Pages whose view without a query is a static page of its own, kept in the page cache: the
 * directory's default view, the ledger's newest entries and the whole registry's feed.
 * next.config.mjs rewrites each marked request to its static page; a query (a search, a page
 * number, a filter) goes to the page that reads it.
 */
export const DEFAULT_VIEWS = { "/signatories": "/signatories/all", "/ledger": "/ledger/newest", "/feed.xml": "/feed.xml/all" };

/** Set by the front door alone (a client's own is dropped): the request is for a page's default view (DEFAULT_VIEWS). */
export const DEFAULT_VIEW_HEADER = "x-registry-default-view";

/**
 * Whether a request is for a page's default view: one of DEFAULT_VIEWS with no query string (the
 * router's own `_rsc` cache-buster aside). Any other query, unknown keys included, goes to the page
 * that reads it and says what it did not understand; Next's rewrite conditions cannot tell "no
 * query at all" from "none of the known keys", so the front door decides.
 */
export function isDefaultView(url) {
  const [path, query = ""] = (url ?? "/").split("?", 2);
  if (!Object.hasOwn(DEFAULT_VIEWS, path)) return false;
  return query.split("&").every((part) => part === "" || part === "_rsc" || part.startsWith("_rsc="));
}

/**
 * Wraps Next's request handler. Options: trustedHops (TRUSTED_PROXY_HOPS), hsts (SITE_URL is https),
 * limits, defaultLimit and responseCache (tests).
 */
export function createFrontDoor(
  handle,
  { trustedHops = 0, hsts = false, limits = BODY_LIMITS, defaultLimit = DEFAULT_BODY_LIMIT, responseCache = createResponseCache() } = {},
) {
  return function frontDoor(req, res) {
    const headers = req.headers;
    const address = clientAddress(req.socket.remoteAddress, headers["x-forwarded-for"], trustedHops);
    headers["x-forwarded-for"] = address;
    headers["x-real-ip"] = address;
    if (hsts) res.setHeader("Strict-Transport-Security", HSTS_VALUE);
    // A kept response went out through the steps below once; its headers are already final.
    if (responseCache.serve(req, res)) return;
    keepPagesFresh(res);
    responseCache.keep(req, res);
    tagWholeBodies(req, res);
    delete headers[DEFAULT_VIEW_HEADER];
    if (isDefaultView(req.url)) headers[DEFAULT_VIEW_HEADER] = "1";
    if (hasMalformedEncoding(req.url)) return refuseMalformed(res);
    const decision = bodyDecision(headers, req.url, limits, defaultLimit);
    if (decision.action === "too-large") return refuseTooLarge(res, decision.limit);
    if (decision.action === "count") countStreamedBody(req, res, decision.limit);
    return handle(req, res);
  };
}
