import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { purgeGeneration, purgeTags } from "@/lib/page-cache-handler.mjs";
import { createFrontDoor } from "@/scripts/lib/front-door.mjs";
import { withOperations } from "@/scripts/lib/operations.mjs";
import { createResponseCache, PAGE_TTL_MS } from "@/scripts/lib/response-cache.mjs";

const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as () => (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  next: () => void,
) => void;

const IMMUTABLE = "public, max-age=31536000, immutable";
const NEXT_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding";
const tile = (n: number) => Buffer.alloc(8192, n);

/** Next's side: how many times it was asked for each path, and what it answers. */
const calls = new Map<string, number>();
/** The page text Next currently has in its page cache for /page (a change is a new text and a purge). */
let pageText = "version 1 ".repeat(300);
/** Runs while Next answers /slow, before it sends: a purge at the wrong moment. */
let duringSlow: () => void = () => {};

/** A page as Next serves one from its page cache: whole body at once, `x-nextjs-cache: HIT`, Next's own Cache-Control. */
function cachedPage(res: http.ServerResponse, body: string, extra: Record<string, string> = {}) {
  res.setHeader("Vary", NEXT_VARY);
  res.setHeader("x-nextjs-cache", "HIT");
  res.setHeader("Cache-Control", "s-maxage=31536000");
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  res.end(body);
}

const routes: Record<string, (res: http.ServerResponse, req: http.IncomingMessage) => void> = {
  "/ledger/tile/0/000": (res) => {
    res.setHeader("Content-Type", "application/octet-stream");
    res.setHeader("Cache-Control", IMMUTABLE);
    res.write(tile(1).subarray(0, 4096));
    res.end(tile(1).subarray(4096));
  },
  "/ledger/tile/0/001": (res) => {
    res.setHeader("Cache-Control", IMMUTABLE);
    res.end(tile(2));
  },
  "/ledger/tile/0/002.p/5": (res) => {
    res.setHeader("Cache-Control", "public, max-age=10");
    res.end(tile(3).subarray(0, 160));
  },
  "/ledger/tile/9/000": (res) => {
    res.statusCode = 404;
    res.setHeader("Cache-Control", IMMUTABLE);
    res.end("No such tile");
  },
  "/text": (res) => {
    res.setHeader("Content-Type", "text/plain");
    res.setHeader("Cache-Control", IMMUTABLE);
    res.end("compressible ".repeat(500));
  },
  "/page": (res) => cachedPage(res, pageText),
  "/rendered": (res) => {
    // Rendered for this request (a miss): Next keeps it, the front door waits for a hit.
    res.setHeader("x-nextjs-cache", "MISS");
    res.setHeader("Cache-Control", "s-maxage=31536000");
    res.end("fresh render");
  },
  "/dynamic": (res) => {
    res.setHeader("Cache-Control", "private, no-cache, no-store, max-age=0, must-revalidate");
    res.end("per request");
  },
  "/cookie": (res) => cachedPage(res, "with a cookie", { "Set-Cookie": "a=b" }),
  "/by-language": (res, req) => cachedPage(res, `language ${req.headers["accept-language"]}`, { Vary: "Accept-Language" }),
  "/private": (res) => cachedPage(res, "for one reader", { "Cache-Control": "private, no-cache" }),
  "/dashboard": (res) => cachedPage(res, "signed in"),
  "/slow": (res) => {
    duringSlow();
    cachedPage(res, "read before the purge");
  },
};

let generation = 0;
let clock = 1_000_000;
const cache = createResponseCache({ maxBytes: 64 * 1024, generation: () => generation, now: () => clock });
let server: http.Server;
let port: number;

beforeAll(async () => {
  const next = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = (req.url ?? "").split("?")[0]!;
    calls.set(path, (calls.get(path) ?? 0) + 1);
    compression()(req, res, () => {});
    routes[path]!(res, req);
  };
  server = http.createServer(withOperations(createFrontDoor(next, { responseCache: cache })));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  calls.clear();
});

type Got = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

function get(path: string, headers: http.OutgoingHttpHeaders = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

describe("the front door's cache of immutable responses", () => {
  it("asks Next once for a full tile, then serves the same bytes and headers from memory", async () => {
    const first = await get("/ledger/tile/0/000");
    const again = await get("/ledger/tile/0/000");
    expect(calls.get("/ledger/tile/0/000")).toBe(1);
    expect(again.status).toBe(200);
    expect(again.body.equals(tile(1))).toBe(true);
    expect(first.body.equals(tile(1))).toBe(true);
    expect(again.headers["cache-control"]).toBe(IMMUTABLE);
    expect(again.headers["content-type"]).toBe("application/octet-stream");
    expect(Number(again.headers["content-length"])).toBe(8192);
  });

  it("never replays the request id of the exchange it kept", async () => {
    const first = await get("/ledger/tile/0/001");
    const again = await get("/ledger/tile/0/001", { "X-Request-Id": "kept-copy-check-1" });
    expect(calls.get("/ledger/tile/0/001") ?? 0).toBeLessThanOrEqual(1);
    expect(again.headers["x-request-id"]).toBe("kept-copy-check-1");
    expect(again.headers["x-request-id"]).not.toBe(first.headers["x-request-id"]);
  });

  it("outlives purges: a tile never changes", async () => {
    await get("/ledger/tile/0/001");
    generation++;
    clock += PAGE_TTL_MS * 10;
    await get("/ledger/tile/0/001");
    expect(calls.get("/ledger/tile/0/001") ?? 0).toBe(0);
  });

  it("never keeps what may change, what failed, or an address with a query", async () => {
    for (let i = 0; i < 2; i++) {
      await get("/ledger/tile/0/002.p/5");
      await get("/ledger/tile/9/000");
      await get("/ledger/tile/0/001?x=1");
    }
    expect(calls.get("/ledger/tile/0/002.p/5")).toBe(2);
    expect(calls.get("/ledger/tile/9/000")).toBe(2);
    expect(calls.get("/ledger/tile/0/001")).toBe(2);
  });

  it("keeps a compressed body for clients that asked for that encoding only", async () => {
    const gzip = await get("/text", { "Accept-Encoding": "gzip" });
    const gzipAgain = await get("/text", { "Accept-Encoding": "gzip" });
    expect(calls.get("/text")).toBe(1);
    expect(gzipAgain.headers["content-encoding"]).toBe("gzip");
    expect(gzipAgain.body.equals(gzip.body)).toBe(true);
    const plain = await get("/text");
    const plainAgain = await get("/text");
    expect(calls.get("/text")).toBe(2);
    expect(plainAgain.headers["content-encoding"]).toBeUndefined();
    expect(plainAgain.body.toString()).toBe(plain.body.toString());
    expect(plain.body.toString()).toBe("compressible ".repeat(500));
  });

  it("stays within its memory budget, forgetting the oldest first", async () => {
    for (let n = 10; n < 30; n++) {
      routes[`/ledger/tile/1/0${n}`] = (res) => {
        res.setHeader("Cache-Control", IMMUTABLE);
        res.end(tile(n));
      };
      await get(`/ledger/tile/1/0${n}`);
    }
    expect(cache.stats().bytes).toBeLessThanOrEqual(64 * 1024);
    await get("/ledger/tile/1/029");
    expect(calls.get("/ledger/tile/1/029")).toBe(1);
    await get("/ledger/tile/1/010");
    expect(calls.get("/ledger/tile/1/010")).toBe(2);
  });
});

describe("the front door's cache of pages Next served from its page cache", () => {
  // Each test starts with nothing kept: a purge drops every page.
  beforeEach(() => {
    generation++;
  });

  it("serves a page again without Next, with the headers the browser got the first time", async () => {
    const first = await get("/page");
    const again = await get("/page");
    expect(calls.get("/page")).toBe(1);
    expect(again.body.toString()).toBe(pageText);
    expect(again.headers["cache-control"]).toBe("no-cache");
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers.vary).toBe(NEXT_VARY);
  });

  it("answers a client that has the page with a 304 and no body", async () => {
    const first = await get("/page");
    const revalidated = await get("/page", { "If-None-Match": first.headers.etag! });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers.etag).toBe(first.headers.etag);
  });

  it("drops every kept page at the page cache's next purge, so a change is served at once", async () => {
    await get("/page");
    await get("/page");
    expect(calls.get("/page")).toBe(1);
    pageText = "version 2 ".repeat(300);
    generation++;
    const changed = await get("/page");
    expect(changed.body.toString()).toBe(pageText);
    expect(calls.get("/page")).toBe(2);
  });

  it("counts the page cache's own purges: its generation moves with every purge, from this instance or another", () => {
    const before = purgeGeneration();
    purgeTags(["signatories"]);
    expect(purgeGeneration()).toBe(before + 1);
  });

  it("asks Next again once a page has been kept for PAGE_TTL_MS, purge or not", async () => {
    await get("/page");
    clock += PAGE_TTL_MS - 1;
    await get("/page");
    expect(calls.get("/page")).toBe(1);
    clock += 2;
    await get("/page");
    expect(calls.get("/page")).toBe(2);
  });

  it("does not keep what Next sent while a purge happened", async () => {
    duringSlow = () => {
      generation++;
    };
    await get("/slow");
    duringSlow = () => {};
    await get("/slow");
    expect(calls.get("/slow")).toBe(2);
    await get("/slow");
    expect(calls.get("/slow")).toBe(2);
  });

  it("keeps a navigation payload apart from the page, and one encoding apart from another", async () => {
    await get("/page");
    await get("/page?_rsc=abc", { RSC: "1" });
    await get("/page", { "Accept-Encoding": "gzip" });
    expect(calls.get("/page")).toBe(3);
    const payload = await get("/page?_rsc=abc", { RSC: "1" });
    const gzip = await get("/page", { "Accept-Encoding": "gzip" });
    expect(calls.get("/page")).toBe(3);
    expect(payload.headers["content-encoding"]).toBeUndefined();
    expect(gzip.headers["content-encoding"]).toBe("gzip");
  });

  it("never keeps a render, a dynamic page, a cookie, a foreign Vary or any other query", async () => {
    for (let i = 0; i < 2; i++) {
      await get("/rendered");
      await get("/dynamic");
      await get("/cookie");
      await get("/by-language", { "Accept-Language": i === 0 ? "en" : "de" });
      await get("/page?q=north");
      await get("/page?_rsc=abc&q=north");
    }
    expect(calls.get("/rendered")).toBe(2);
    expect(calls.get("/dynamic")).toBe(2);
    expect(calls.get("/cookie")).toBe(2);
    expect(calls.get("/by-language")).toBe(2);
    expect(calls.get("/page")).toBe(4);
  });

  it("counts the keys in its memory budget: made-up router headers cannot grow it past the budget", async () => {
    for (let n = 0; n < 40; n++) await get("/page?_rsc=x", { RSC: "1", "Next-Router-State-Tree": `${n}`.padEnd(4000, "x") });
    expect(calls.get("/page")).toBe(40);
    expect(cache.stats().bytes).toBeLessThanOrEqual(64 * 1024);
    // Each key alone is 4,000 bytes: no more of them than that fit in the budget.
    expect(cache.stats().entries).toBeLessThanOrEqual(Math.floor((64 * 1024) / 4000));
  });

  it("keys Accept-Encoding by the codings it names, in order: made-up tokens share an entry, weights are not kept", async () => {
    await get("/page", { "Accept-Encoding": "gzip, x-made-up-1" });
    await get("/page", { "Accept-Encoding": "gzip, x-made-up-2" });
    await get("/page", { "Accept-Encoding": "GZIP" });
    expect(calls.get("/page")).toBe(1);
    await get("/page", { "Accept-Encoding": "deflate, gzip" });
    expect(calls.get("/page")).toBe(2);
    await get("/page", { "Accept-Encoding": "gzip;q=0" });
    await get("/page", { "Accept-Encoding": "gzip;q=0" });
    await get("/page", { "Accept-Encoding": "*" });
    expect(calls.get("/page")).toBe(5);
  });

  it("keeps a router cache-buster only on the router's own requests (RSC: 1)", async () => {
    await get("/page?_rsc=made-up");
    await get("/page?_rsc=made-up");
    expect(calls.get("/page")).toBe(2);
  });

  it("never keeps a personal response or anything in a signed-in area", async () => {
    for (let i = 0; i < 2; i++) {
      await get("/private");
      await get("/dashboard");
    }
    expect(calls.get("/private")).toBe(2);
    expect(calls.get("/dashboard")).toBe(2);
  });

  it("forgets the least recently read entry first, so a flood of new ones leaves a page in use", async () => {
    await get("/page");
    for (let n = 0; n < 30; n++) {
      await get("/page");
      await get(`/page?_rsc=flood-${n}`, { RSC: "1" });
    }
    expect(calls.get("/page")).toBe(31);
    expect(cache.stats().bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it("never serves a kept page to a HEAD or a range request", async () => {
    await get("/page");
    await get("/page", { Range: "bytes=0-9" });
    await new Promise<void>((resolve, reject) => {
      http
        .request({ host: "127.0.0.1", port, path: "/page", method: "HEAD" }, (res) => {
          res.resume();
          res.on("end", resolve);
        })
        .on("error", reject)
        .end();
    });
    expect(calls.get("/page")).toBe(3);
  });
});
