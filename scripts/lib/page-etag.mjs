// Entity tags for pages, set by the front door (front-door.mjs) instead of by Next.
//
// Next tags every page it serves from its cache by running a JavaScript FNV hash over the whole
// body on every request: for a 60–100 KB page that was a quarter to a third of the server's CPU
// per request here, on pages that change a few times a day. So `generateEtags` is off in
// next.config.mjs and the front door tags the body as it goes out, remembering the tag of each
// body it has seen: a cached page is hashed once per change, and a repeat is a Map lookup (V8
// compares the strings natively). Cached pages go out as `no-cache` (freshness.mjs), so browsers
// ask before every use and an unchanged page costs a 304 with no body.
import { createHash } from "node:crypto";

/** Bodies remembered at once; the oldest is forgotten first. Enough for every public page. */
const MAX_REMEMBERED = 512;
/** Longer bodies are hashed each time rather than kept in memory twice. */
const MAX_REMEMBERED_LENGTH = 2 * 1024 * 1024;

const remembered = new Map();

const digest = (body) => `"${createHash("sha1").update(body).digest("base64url")}"`;

/** A strong ETag for a response body (a string or a Buffer). */
export function etagFor(body) {
  if (typeof body !== "string" || body.length > MAX_REMEMBERED_LENGTH) return digest(body);
  let tag = remembered.get(body);
  if (tag === undefined) {
    tag = digest(body);
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value);
    remembered.set(body, tag);
  }
  return tag;
}

const opaque = (tag) => tag.trim().replace(/^W\//, "");

/**
 * Whether the client's copy is current (RFC 9110 §13.1.2, as Next and Express decide it): an
 * If-None-Match naming this tag or `*`, unless the request itself says `Cache-Control: no-cache`.
 */
export function isFresh(headers, etag) {
  const ifNoneMatch = headers["if-none-match"];
  if (typeof ifNoneMatch !== "string" || ifNoneMatch === "") return false;
  if (/(?:^|,)\s*no-cache\s*(?:,|$)/i.test(headers["cache-control"] ?? "")) return false;
  const wanted = opaque(etag);
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === wanted);
}

/**
 * Tags a GET response whose whole body is handed to `end` at once, with status 200 and headers not
 * yet sent: Next's cached pages and navigation payloads. Route handlers that tag their own body
 * (the feed, the open data) keep their tag; either way a request that names the tag gets a 304. A
 * streamed body is left alone (its first write sent the headers).
 *
 * Next's compression replaces `res.end` after the front door has run and compresses what it is
 * given, so the tagging wraps whatever `end` is in place: each assigned function is wrapped as
 * it is assigned, and the tag is always of the body Next handed over, before any compression.
 */
export function tagWholeBodies(req, res) {
  if (req.method !== "GET") return res;
  const tagging = (end) =>
    function endTagged(chunk, encoding, callback) {
      if (this.statusCode === 200 && !this.headersSent && (typeof chunk === "string" || Buffer.isBuffer(chunk)) && chunk.length > 0) {
        // A route's own tag is kept; a static route cannot see the request, so the 304 is answered here.
        const own = this.getHeader("etag");
        const etag = typeof own === "string" ? own : etagFor(chunk);
        if (own === undefined) this.setHeader("ETag", etag);
        if (isFresh(req.headers, etag)) {
          this.statusCode = 304;
          this.removeHeader("Content-Length");
          return end.call(this, undefined, undefined, typeof encoding === "function" ? encoding : callback);
        }
      }
      return end.apply(this, arguments);
    };
  let current = tagging(res.end);
  Object.defineProperty(res, "end", {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (end) => {
      current = tagging(end);
    },
  });
  if (typeof req.headers["if-none-match"] === "string") answerStreamedConditionals(req, res);
  return res;
}

/**
 * A conditional request for a streamed body with its own tag (route handlers stream, and a static
 * one cannot see the request to answer it itself, like the whole-registry feed) becomes a 304 as
 * its headers go out: Node then drops whatever body follows.
 */
function answerStreamedConditionals(req, res) {
  const writeHead = res.writeHead;
  res.writeHead = function writeHeadConditional(status, reason, headers) {
    const given = typeof reason === "object" && reason !== null ? reason : headers;
    const etag = this.getHeader("etag") ?? (given && !Array.isArray(given) ? (given.etag ?? given.ETag) : undefined);
    if (status === 200 && typeof etag === "string" && isFresh(req.headers, etag)) {
      this.removeHeader("Content-Length");
      if (given && !Array.isArray(given)) for (const name of Object.keys(given)) if (name.toLowerCase() === "content-length") delete given[name];
      arguments[0] = 304;
    }
    return writeHead.apply(this, arguments);
  };
}
