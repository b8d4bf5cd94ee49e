// Whole responses kept in memory by the front door (front-door.mjs) and served again without Next,
// like a shared HTTP cache in front of it whose purges are ours. Two kinds are kept:
//
//   immutable  `Cache-Control: …immutable` (the ledger's full tiles and entry bundles): the same
//              bytes for as long as this process serves this log (a log's identity is fixed when
//              it is created, lib/ledger/io/identity.ts), kept until the memory budget needs room.
//   page       what Next served from its page cache (`x-nextjs-cache: HIT`): public pages, their
//              navigation payloads and the badges. Kept only until the page cache next purges
//              anything (lib/page-cache-handler.mjs counts purges, this instance's and those other
//              instances announce), and never longer than PAGE_TTL_MS, so a page Next revalidates
//              on a timer is not held past its time by more than that.
//
// Next spends about a millisecond on each cached page here (routing, its cache lookup, headers);
// answering from a Map is a tenth of that, and keeps the tail short while the server is busy.
//
// The key is the address and every request header the response may vary on (VARIED: Next's
// `Vary` list, plus the codings Accept-Encoding names, since a body may be compressed). Not kept: a
// response that varies on anything else, sets a cookie or is private, a query other than the
// router's `_rsc` cache-buster on the router's own requests, the signed-in areas. The memory is a
// fixed budget, least recently read first out, so made-up variants push out only rarely read
// entries. Headers that belong to one exchange (the request id, Date, the framing) are not
// replayed. A kept page that the client already has (If-None-Match) is answered 304, as Next would.
import { purgeGeneration } from "../../lib/page-cache-handler.mjs";
import { isSignedInArea } from "../../lib/security/csp.mjs";
import { isFresh } from "./page-etag.mjs";

/** Memory for the bodies kept, all together. A full hash tile is 8 KB; a page 25–100 KB. */
export const RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;
/** The longest a page is kept without a purge: a page revalidated on a timer is late by at most this. */
export const PAGE_TTL_MS = 5_000;
/** The request headers a kept response may vary on, all part of the key. */
export const VARIED = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url", "accept-encoding"];

const IMMUTABLE = /(^|,)\s*immutable\s*(,|$)/i;
const PERSONAL = /(^|,)\s*(private|no-store)\s*(,|=|$)/i;
/** What an entry costs besides its body and key: its two header objects and the Map's own. */
const ENTRY_OVERHEAD = 1024;
const NOT_REPLAYED = new Set(["x-request-id", "date", "connection", "keep-alive", "transfer-encoding", "content-length"]);
const variedNames = new Set(VARIED);

/**
 * A query the cache may key on: none, or only the router's `_rsc` cache-buster on a request that is
 * the router's (`RSC: 1`); any other request with `_rsc` would make a new key for the same page.
 */
function cacheableQuery(url, headers) {
  const mark = url.indexOf("?");
  if (mark === -1) return true;
  const query = url.slice(mark + 1);
  return headers.rsc === "1" && (query === "_rsc" || (query.startsWith("_rsc=") && !query.includes("&")));
}

/** The content codings a client may get, as the key holds them. */
const CODINGS = new Set(["br", "gzip", "deflate", "zstd", "identity"]);

/**
 * Accept-Encoding as the key holds it: the codings a server could choose, in the client's order
 * (which decides between equals), so `gzip, x-made-up-1` and `gzip, x-made-up-2` share one entry.
 * Null (not kept) when it carries weights or a wildcard, which this reduction would not respect.
 */
function codingsOf(value) {
  if (value === undefined || value === "") return "";
  if (value.includes(";") || value.includes("*")) return null;
  let codings = "";
  for (const token of value.split(",")) {
    const coding = token.trim().toLowerCase();
    if (CODINGS.has(coding)) codings += `${coding},`;
  }
  return codings;
}

function keyOf(req) {
  const codings = codingsOf(req.headers["accept-encoding"]);
  if (codings === null) return null;
  let key = `${req.url}\n${codings}`;
  for (const name of VARIED) if (name !== "accept-encoding") key += `\n${req.headers[name] ?? ""}`;
  return key;
}

/** The key of a request the cache may answer or keep, or null. */
function cacheKey(req) {
  if (req.method !== "GET" || req.headers.range !== undefined) return null;
  const url = req.url ?? "";
  if (!cacheableQuery(url, req.headers) || isSignedInArea(url.split("?", 1)[0])) return null;
  return keyOf(req);
}

/** Whether every header named in a response's Vary is one the key holds. */
function variesOnKeyOnly(vary) {
  if (vary === undefined) return true;
  for (const name of String(vary).split(",")) {
    const trimmed = name.trim().toLowerCase();
    if (trimmed !== "" && !variedNames.has(trimmed)) return false;
  }
  return true;
}

/** "immutable", "page" or null: how a response whose headers are set may be kept. */
function kindOf(res) {
  if (res.statusCode !== 200 || res.getHeader("set-cookie") !== undefined || !variesOnKeyOnly(res.getHeader("vary"))) return null;
  const cacheControl = String(res.getHeader("cache-control") ?? "");
  if (PERSONAL.test(cacheControl)) return null;
  if (IMMUTABLE.test(cacheControl)) return "immutable";
  if (res.getHeader("x-nextjs-cache") === "HIT") return "page";
  return null;
}

/**
 * Creates one cache: `serve` answers from it when it can, `keep` captures what Next sends.
 * Options (tests): maxBytes, pageTtlMs, generation (the page cache's purge count) and now.
 */
export function createResponseCache({ maxBytes = RESPONSE_CACHE_BYTES, pageTtlMs = PAGE_TTL_MS, generation = purgeGeneration, now = Date.now } = {}) {
  const entries = new Map();
  let bytes = 0;

  function forget(key) {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.size;
  }

  function remember(key, entry) {
    // The key counts too: a router header in it may be several kilobytes.
    entry.size = entry.body.length + key.length + ENTRY_OVERHEAD;
    if (entry.size > maxBytes / 4) return;
    forget(key);
    entries.set(key, entry);
    bytes += entry.size;
    for (const oldest of entries.keys()) {
      if (bytes <= maxBytes) break;
      forget(oldest);
    }
  }

  const current = (entry) => entry.kind === "immutable" || (entry.generation === generation() && now() < entry.expires);

  return {
    /** Answers from memory and returns true, or returns false and leaves the request to Next. */
    serve(req, res) {
      const key = cacheKey(req);
      if (key === null) return false;
      const entry = entries.get(key);
      if (!entry) return false;
      if (!current(entry)) {
        forget(key);
        return false;
      }
      // Most recently used last: eviction takes from the front, so what is read stays.
      entries.delete(key);
      entries.set(key, entry);
      if (entry.etag !== undefined && isFresh(req.headers, entry.etag)) {
        res.writeHead(304, entry.notModifiedHeaders);
        res.end();
        return true;
      }
      res.writeHead(200, entry.headers);
      res.end(entry.body);
      return true;
    },

    /** Watches the response Next writes and keeps it if it may be served again, once it has gone out whole. */
    keep(req, res) {
      const key = cacheKey(req);
      if (key === null) return;
      const startedAt = generation();
      let chunks = [];
      let collected = 0;
      // Decided at the first write, when Next has set the status and headers; until then undecided.
      let kind;
      const take = (response, chunk, encoding) => {
        if (kind === undefined) kind = kindOf(response);
        if (kind === null || chunk === undefined || chunk === null || typeof chunk === "function") return;
        const copy = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk);
        collected += copy.length;
        // Too large to keep: stop copying it.
        if (collected > maxBytes / 4) {
          kind = null;
          chunks = [];
          return;
        }
        chunks.push(copy);
      };
      const write = res.write;
      res.write = function writeKept(chunk, encoding) {
        take(this, chunk, encoding);
        return write.apply(this, arguments);
      };
      const end = res.end;
      res.end = function endKept(chunk, encoding) {
        take(this, chunk, encoding);
        const result = end.apply(this, arguments);
        // Checked again as sent: a 304 from the ETag, or headers changed after the first write.
        if (kind !== null && kindOf(this) === kind) {
          const sent = this.getHeaders();
          this.once("finish", () => {
            // A purge while Next answered: what it sent may be from before the purge.
            if (kind === "page" && generation() !== startedAt) return;
            const notModifiedHeaders = {};
            for (const [name, value] of Object.entries(sent)) if (!NOT_REPLAYED.has(name)) notModifiedHeaders[name] = value;
            const body = Buffer.concat(chunks);
            const headers = { ...notModifiedHeaders, "content-length": body.length };
            const etag = typeof headers.etag === "string" ? headers.etag : undefined;
            remember(key, { kind, headers, notModifiedHeaders, etag, body, generation: startedAt, expires: now() + pageTtlMs });
          });
        }
        return result;
      };
    },

    /** What is kept (tests). */
    stats: () => ({ entries: entries.size, bytes }),
  };
}
