import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontDoor } from "@/scripts/lib/front-door.mjs";
import { createImmutableCache } from "@/scripts/lib/immutable-cache.mjs";

const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as () => (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  next: () => void,
) => void;

const IMMUTABLE = "public, max-age=31536000, immutable";
const tile = (n: number) => Buffer.alloc(8192, n);

/** Next's side: how many times it was asked for each path, and what it answers (streamed, as route handlers are). */
const calls = new Map<string, number>();
const routes: Record<string, (res: http.ServerResponse) => void> = {
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
};

const cache = createImmutableCache({ maxBytes: 64 * 1024 });
let server: http.Server;
let port: number;

beforeAll(async () => {
  const next = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = (req.url ?? "").split("?")[0]!;
    calls.set(path, (calls.get(path) ?? 0) + 1);
    compression()(req, res, () => {});
    routes[path]!(res);
  };
  server = http.createServer(createFrontDoor(next, { immutableCache: cache }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(path: string, headers: http.OutgoingHttpHeaders = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
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
  });

  it("never keeps what may change, what failed, a query or a compressed body", async () => {
    for (let i = 0; i < 2; i++) {
      await get("/ledger/tile/0/002.p/5");
      await get("/ledger/tile/9/000");
      await get("/ledger/tile/0/001?x=1");
      await get("/text", { "Accept-Encoding": "gzip" });
    }
    expect(calls.get("/ledger/tile/0/002.p/5")).toBe(2);
    expect(calls.get("/ledger/tile/9/000")).toBe(2);
    expect(calls.get("/ledger/tile/0/001")).toBe(2);
    expect(calls.get("/text")).toBe(2);
    // The same text asked for without compression is kept, and later served to everyone unencoded.
    await get("/text");
    const plain = await get("/text", { "Accept-Encoding": "gzip" });
    expect(calls.get("/text")).toBe(3);
    expect(plain.headers["content-encoding"]).toBeUndefined();
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
