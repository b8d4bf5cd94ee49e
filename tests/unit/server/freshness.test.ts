import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontDoor } from "@/scripts/lib/front-door.mjs";
import { PAGE_CACHE_CONTROL, freshCacheControl } from "@/scripts/lib/freshness.mjs";

const IMMUTABLE = "public, max-age=31536000, immutable";
const NEXT_ISR = "s-maxage=300, stale-while-revalidate=31535700";

describe("freshCacheControl", () => {
  it("turns Next's header for cached pages and payloads into no-cache, whatever the numbers", () => {
    expect(PAGE_CACHE_CONTROL).toBe("no-cache");
    expect(freshCacheControl(NEXT_ISR)).toBe("no-cache");
    expect(freshCacheControl("s-maxage=31536000")).toBe("no-cache");
    expect(freshCacheControl("S-MAXAGE=1, stale-while-revalidate=5")).toBe("no-cache");
    expect(freshCacheControl([NEXT_ISR])).toBe("no-cache");
  });

  it("leaves every header Next did not write for its page cache as it is", () => {
    for (const value of [
      IMMUTABLE,
      "private, no-cache, no-store, max-age=0, must-revalidate",
      "no-store",
      "public, max-age=300, stale-while-revalidate=60",
      "public, max-age=60, s-maxage=600",
      "s-maxage-ish",
    ]) {
      expect(freshCacheControl(value)).toBe(value);
    }
    expect(freshCacheControl(undefined)).toBeUndefined();
    expect(freshCacheControl(42)).toBe(42);
  });
});

/** What each path answers, as Next would: through setHeader, writeHead's headers, or both. */
const routes: Record<string, (res: http.ServerResponse) => void> = {
  "/accord": (res) => {
    res.setHeader("Cache-Control", NEXT_ISR);
    res.setHeader("ETag", '"abc"');
    res.end("<html>page</html>");
  },
  "/accord?_rsc=x": (res) => {
    res.statusCode = 200;
    res.setHeader("cache-control", NEXT_ISR);
    res.setHeader("Content-Type", "text/x-component");
    res.write("0:payload");
    res.end();
  },
  "/in-write-head": (res) => {
    res.writeHead(200, { "Cache-Control": NEXT_ISR, "Content-Type": "text/html" });
    res.end("<html>page</html>");
  },
  "/with-reason": (res) => {
    res.writeHead(200, "OK", { "cache-control": NEXT_ISR });
    res.end("x");
  },
  "/ledger/tile/0/000": (res) => {
    res.setHeader("Cache-Control", IMMUTABLE);
    res.end("tile");
  },
  "/_next/static/chunks/app.js": (res) => {
    res.writeHead(200, { "Cache-Control": IMMUTABLE });
    res.end("js");
  },
  "/dashboard": (res) => {
    res.setHeader("Cache-Control", "private, no-cache, no-store, max-age=0, must-revalidate");
    res.end("mine");
  },
  "/none": (res) => res.end("no header"),
};

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer(createFrontDoor((req, res) => (routes[req.url ?? ""] ?? routes["/none"]!)(res)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const cacheControlOf = async (path: string, method = "GET") => (await fetch(`${base}${path}`, { method })).headers.get("cache-control");

describe("the front door's Cache-Control", () => {
  it("sends cached pages and their navigation payloads as no-cache, so browsers ask before every use", async () => {
    expect(await cacheControlOf("/accord")).toBe("no-cache");
    expect(await cacheControlOf("/accord", "HEAD")).toBe("no-cache");
    expect(await cacheControlOf("/accord?_rsc=x")).toBe("no-cache");
  });

  it("keeps the ETag, so a browser's question is answered cheaply", async () => {
    expect((await fetch(`${base}/accord`)).headers.get("etag")).toBe('"abc"');
  });

  it("rewrites the header when it is given to writeHead, with or without a reason phrase", async () => {
    expect(await cacheControlOf("/in-write-head")).toBe("no-cache");
    expect(await cacheControlOf("/with-reason")).toBe("no-cache");
  });

  it("leaves immutable tiles and static assets, signed-in pages and header-less answers alone", async () => {
    expect(await cacheControlOf("/ledger/tile/0/000")).toBe(IMMUTABLE);
    expect(await cacheControlOf("/_next/static/chunks/app.js")).toBe(IMMUTABLE);
    expect(await cacheControlOf("/dashboard")).toBe("private, no-cache, no-store, max-age=0, must-revalidate");
    expect(await cacheControlOf("/none")).toBeNull();
  });

  it("never sends a CDN-Cache-Control: no CDN may keep a page our purges cannot reach", async () => {
    for (const path of ["/accord", "/accord?_rsc=x", "/in-write-head"]) {
      expect((await fetch(`${base}${path}`)).headers.get("cdn-cache-control")).toBeNull();
    }
  });
});
