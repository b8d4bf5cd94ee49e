import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontDoor } from "@/scripts/lib/front-door.mjs";
import { etagFor, isFresh } from "@/scripts/lib/page-etag.mjs";

// Next's own copy of the compression middleware, which it installs after the front door has run.
const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as () => (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  next: () => void,
) => void;

const PAGE = `<!DOCTYPE html><html><body>${"The accord. ".repeat(2000)}</body></html>`;

/** What each path answers, as Next does: a whole body handed to end, a stream, a route's own tag. */
const routes: Record<string, (res: http.ServerResponse) => void> = {
  "/page": (res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Content-Length", Buffer.byteLength(PAGE));
    res.end(PAGE);
  },
  "/streamed": (res) => {
    res.write("<html>");
    res.end("</html>");
  },
  "/own-tag": (res) => {
    res.setHeader("ETag", '"feed-1"');
    res.end("<feed/>");
  },
  "/own-tag-streamed": (res) => {
    res.setHeader("ETag", '"feed-2"');
    res.setHeader("Content-Type", "application/atom+xml");
    res.write("<feed>");
    res.end("</feed>");
  },
  "/missing": (res) => {
    res.statusCode = 404;
    res.end("not here");
  },
};

let server: http.Server;
let port: number;

beforeAll(async () => {
  const next = (req: http.IncomingMessage, res: http.ServerResponse) => {
    compression()(req, res, () => {});
    routes[req.url ?? ""]!(res);
  };
  server = http.createServer(createFrontDoor(next));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

// node:http rather than fetch: fetch adds `Cache-Control: no-cache` to conditional requests.
function request(path: string, headers: http.OutgoingHttpHeaders = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject)
      .end();
  });
}

describe("page ETags from the front door", () => {
  it("tags a whole page by its uncompressed body, whether or not the client takes gzip", async () => {
    const plain = await request("/page");
    const gzipped = await request("/page", { "Accept-Encoding": "gzip" });
    expect(plain.status).toBe(200);
    expect(plain.body.toString()).toBe(PAGE);
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.body).toString()).toBe(PAGE);
    expect(plain.headers.etag).toMatch(/^"[\w-]{27}"$/);
    expect(gzipped.headers.etag).toBe(plain.headers.etag);
    expect(plain.headers.etag).toBe(etagFor(PAGE));
  });

  it("answers a client that holds the current copy with a 304 and no body, compressed or not", async () => {
    const etag = (await request("/page")).headers.etag!;
    for (const headers of [
      { "If-None-Match": etag },
      { "If-None-Match": etag, "Accept-Encoding": "gzip" },
      { "If-None-Match": `"old", W/${etag}` },
      { "If-None-Match": "*" },
    ]) {
      const answer = await request("/page", headers);
      expect(answer.status, JSON.stringify(headers)).toBe(304);
      expect(answer.body.length).toBe(0);
      expect(answer.headers.etag).toBe(etag);
    }
  });

  it("sends the whole page to a client whose copy is stale or who asks for no cached copy", async () => {
    const etag = (await request("/page")).headers.etag!;
    expect((await request("/page", { "If-None-Match": '"stale"' })).status).toBe(200);
    const reload = await request("/page", { "If-None-Match": etag, "Cache-Control": "no-cache" });
    expect(reload.status).toBe(200);
    expect(reload.body.toString()).toBe(PAGE);
  });

  it("keeps a route's own tag, and leaves streamed bodies, errors and HEAD requests alone", async () => {
    const own = await request("/own-tag", { "If-None-Match": '"something-else"' });
    expect(own.headers.etag).toBe('"feed-1"');
    expect(own.status).toBe(200);
    // A static route cannot see the request: a client naming the route's own tag gets the 304 here.
    const known = await request("/own-tag", { "If-None-Match": '"feed-1"' });
    expect(known.status).toBe(304);
    expect(known.body.length).toBe(0);
    expect(known.headers.etag).toBe('"feed-1"');
    // The same for a route that streams its body (route handlers do).
    const streamedOwn = await request("/own-tag-streamed", { "If-None-Match": '"feed-2"' });
    expect(streamedOwn.status).toBe(304);
    expect(streamedOwn.body.length).toBe(0);
    expect(streamedOwn.headers.etag).toBe('"feed-2"');
    expect((await request("/own-tag-streamed", { "If-None-Match": '"other"' })).body.toString()).toBe("<feed></feed>");
    const streamed = await request("/streamed");
    expect(streamed.body.toString()).toBe("<html></html>");
    expect(streamed.headers.etag).toBeUndefined();
    const missing = await request("/missing");
    expect(missing.status).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    expect((await request("/page", {}, "HEAD")).headers.etag).toBeUndefined();
  });
});

describe("etagFor and isFresh", () => {
  it("gives equal bodies one tag and different bodies different tags, remembered or not", () => {
    const copy = [...PAGE].join("");
    expect(etagFor(copy)).toBe(etagFor(PAGE));
    expect(etagFor(`${PAGE} `)).not.toBe(etagFor(PAGE));
    expect(etagFor(Buffer.from(PAGE))).toBe(etagFor(PAGE));
    const huge = "x".repeat(3 * 1024 * 1024);
    expect(etagFor(huge)).toBe(etagFor(`${huge}`));
  });

  it("decides freshness as RFC 9110 does, weak comparison included", () => {
    expect(isFresh({ "if-none-match": '"a"' }, '"a"')).toBe(true);
    expect(isFresh({ "if-none-match": 'W/"a"' }, '"a"')).toBe(true);
    expect(isFresh({ "if-none-match": ' "b" , "a" ' }, '"a"')).toBe(true);
    expect(isFresh({ "if-none-match": "*" }, '"a"')).toBe(true);
    expect(isFresh({ "if-none-match": '"b"' }, '"a"')).toBe(false);
    expect(isFresh({}, '"a"')).toBe(false);
    expect(isFresh({ "if-none-match": '"a"', "cache-control": "max-age=0" }, '"a"')).toBe(true);
    expect(isFresh({ "if-none-match": '"a"', "cache-control": "no-cache" }, '"a"')).toBe(false);
  });
});
