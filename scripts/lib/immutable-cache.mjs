// Responses that can never change, kept in memory by the front door (front-door.mjs) and served
// again without Next: the ledger's full tiles and entry bundles, which verifiers, witnesses and
// mirrors fetch over and over. Whatever says `Cache-Control: …immutable` with status 200 is the
// same bytes for as long as this process serves this log (a log's identity is fixed when it is
// created, lib/ledger/io/identity.ts), so this cache never needs a purge: it only forgets, oldest
// first, to stay within its budget.
//
// Only GET requests without a query string are kept (a query cannot make a new entry, so nobody
// can fill the memory with one tile under a million addresses), and only bodies sent without a
// Content-Encoding (the bytes are the same for every client).

/** Memory for the bodies kept, all together. A full hash tile is 8 KB; an entry bundle a few dozen. */
export const IMMUTABLE_CACHE_BYTES = 64 * 1024 * 1024;

const IMMUTABLE = /(^|,)\s*immutable\s*(,|$)/i;

/** Creates one cache: `serve` answers from it when it can, `keep` captures what Next sends. */
export function createImmutableCache({ maxBytes = IMMUTABLE_CACHE_BYTES } = {}) {
  const entries = new Map();
  let bytes = 0;

  const cacheable = (req) => req.method === "GET" && !req.url.includes("?") && req.headers.range === undefined;

  function remember(url, headers, body) {
    if (body.length > maxBytes / 4) return;
    const previous = entries.get(url);
    if (previous) bytes -= previous.body.length;
    entries.delete(url);
    entries.set(url, { headers, body });
    bytes += body.length;
    for (const [oldest, entry] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(oldest);
      bytes -= entry.body.length;
    }
  }

  return {
    /** Answers from memory and returns true, or returns false and leaves the request to Next. */
    serve(req, res) {
      if (!cacheable(req)) return false;
      const entry = entries.get(req.url);
      if (!entry) return false;
      res.writeHead(200, entry.headers);
      res.end(entry.body);
      return true;
    },

    /** Watches the response Next writes and keeps it if it is immutable, complete and unencoded. */
    keep(req, res) {
      if (!cacheable(req)) return;
      const url = req.url;
      const chunks = [];
      let keeping = true;
      const take = (chunk, encoding) => {
        if (!keeping || chunk === undefined || chunk === null || typeof chunk === "function") return;
        chunks.push(typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk));
      };
      const write = res.write;
      res.write = function writeKept(chunk, encoding) {
        if (keeping && (this.statusCode !== 200 || !IMMUTABLE.test(String(this.getHeader("cache-control") ?? "")))) keeping = false;
        take(chunk, encoding);
        return write.apply(this, arguments);
      };
      const end = res.end;
      res.end = function endKept(chunk, encoding) {
        const result = end.apply(this, arguments);
        if (
          keeping &&
          this.statusCode === 200 &&
          IMMUTABLE.test(String(this.getHeader("cache-control") ?? "")) &&
          this.getHeader("content-encoding") === undefined
        ) {
          take(chunk, encoding);
          remember(url, this.getHeaders(), Buffer.concat(chunks));
        }
        return result;
      };
    },

    /** What is kept (tests). */
    stats: () => ({ entries: entries.size, bytes }),
  };
}
