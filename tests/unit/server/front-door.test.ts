import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BODY_LIMITS,
  DEFAULT_BODY_LIMIT,
  DEFAULT_VIEW_HEADER,
  HSTS_VALUE,
  KB,
  MB,
  bodyDecision,
  bodyLimitFor,
  clientAddress,
  createFrontDoor,
  hasMalformedEncoding,
  isDefaultView,
} from "@/scripts/lib/front-door.mjs";

describe("the default views (the directory's, the ledger's and the feed's)", () => {
  it("are /signatories, /ledger and /feed.xml with no query string, the router's _rsc aside", () => {
    for (const url of ["/signatories", "/signatories?", "/signatories?_rsc=1x2y", "/signatories?_rsc", "/ledger", "/ledger?_rsc=abc", "/feed.xml"]) {
      expect(isDefaultView(url), url).toBe(true);
    }
  });

  it("is not any query, unknown or blank keys included, nor another path", () => {
    for (const url of [
      "/signatories?q=",
      "/signatories?contry=DE",
      "/signatories?page=2&_rsc=1",
      "/signatories/",
      "/signatories/stats",
      "/signatoriesx",
      "/",
      "/ledger?page=2",
      "/ledger?page=1",
      "/ledger/newest",
      "/ledger/checkpoint",
      "/feed.xml?country=DE",
      "/feed.xml/all",
      "/constructor",
      "/hasOwnProperty",
    ]) {
      expect(isDefaultView(url), url).toBe(false);
    }
  });

  it("marks only such requests, dropping a mark a client sent itself", async () => {
    const seen: (string | undefined)[] = [];
    const door = createFrontDoor((req: http.IncomingMessage, res: http.ServerResponse) => {
      seen.push(req.headers[DEFAULT_VIEW_HEADER] as string | undefined);
      res.end();
    });
    const server = http.createServer(door).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    for (const path of ["/signatories", "/signatories?contry=DE", "/ledger", "/ledger?page=2"]) {
      await fetch(`http://127.0.0.1:${port}${path}`, { headers: { [DEFAULT_VIEW_HEADER]: "1" } });
    }
    server.close();
    expect(seen).toEqual(["1", undefined, "1", undefined]);
  });
});

describe("clientAddress", () => {
  it("is the socket's address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("10.0.0.7", "203.0.113.9", 0)).toBe("10.0.0.7");
    expect(clientAddress("10.0.0.7", "203.0.113.9, 198.51.100.1", 0)).toBe("10.0.0.7");
    expect(clientAddress("10.0.0.7", undefined, 0)).toBe("10.0.0.7");
  });

  it("never takes a forged header with no trusted proxy (any header value)", () => {
    fc.assert(fc.property(fc.string(), (forged) => clientAddress("192.0.2.1", forged, 0) === "192.0.2.1"));
  });

  it("takes the address the trusted proxy saw: that many hops from the right", () => {
    // The client forged 6.6.6.6; our one proxy appended the real client, 203.0.113.9.
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    // Two proxies: the outer one appended the client, the inner one the outer proxy.
    expect(clientAddress("10.0.0.3", "6.6.6.6, 203.0.113.9, 10.0.0.2", 2)).toBe("203.0.113.9");
  });

  it("with trusted hops, whatever a client prepends never moves the address", () => {
    fc.assert(
      fc.property(fc.array(fc.ipV4(), { maxLength: 5 }), (forged) => clientAddress("10.0.0.2", [...forged, "203.0.113.9"].join(", "), 1) === "203.0.113.9"),
    );
  });

  it("gives the leftmost entry when the chain is shorter than the hops, and the socket when there is none", () => {
    expect(clientAddress("10.0.0.2", "203.0.113.9", 3)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", " , ", 1)).toBe("10.0.0.2");
  });

  it("falls back to the socket when the trusted entry is not an address", () => {
    expect(clientAddress("10.0.0.2", "hello, not-an-ip", 1)).toBe("10.0.0.2");
  });

  it("drops ports, brackets and the IPv4-mapped prefix", () => {
    expect(clientAddress("::ffff:127.0.0.1", undefined, 0)).toBe("127.0.0.1");
    expect(clientAddress("10.0.0.2", "203.0.113.9:4711", 1)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", "[2001:db8::1]:4711", 1)).toBe("2001:db8::1");
    expect(clientAddress("10.0.0.2", "2001:db8::1", 1)).toBe("2001:db8::1");
    expect(clientAddress("10.0.0.2", "::ffff:203.0.113.9", 1)).toBe("203.0.113.9");
  });
});

describe("body limits by route", () => {
  it("names every route it widens or narrows, with the default for the rest", () => {
    expect(BODY_LIMITS.map((r) => r.name)).toEqual(["Auth.js routes", "studio saves", "transparency reports"]);
    expect(DEFAULT_BODY_LIMIT).toBe(64 * KB);
    expect(bodyLimitFor("/dashboard/organisations/new")).toEqual({ name: "default", bytes: 64 * KB });
    expect(bodyLimitFor("/studio/principles?x=1")).toEqual({ name: "studio saves", bytes: 1 * MB });
    expect(bodyLimitFor("/api/auth/signin/nodemailer")).toEqual({ name: "Auth.js routes", bytes: 16 * KB });
    // A CSV upload of 256 KB, or the figures form, posts to the report's page or its correction's.
    expect(bodyLimitFor("/dashboard/organisations/acme/transparency")).toEqual({ name: "transparency reports", bytes: 1 * MB });
    expect(bodyLimitFor("/dashboard/organisations/acme/transparency/2026-H1/correct")).toEqual({ name: "transparency reports", bytes: 1 * MB });
    expect(bodyLimitFor("/dashboard/organisations/acme/transparencyx").name).toBe("default");
  });

  it("resolves dot segments and escapes before matching, so /studio/.. never widens another route", () => {
    expect(bodyLimitFor("/studio/../dashboard").name).toBe("default");
    expect(bodyLimitFor("/%73tudio/x").name).toBe("default");
    expect(bodyLimitFor("/studios").name).toBe("default");
  });

  it("decides from the declared length, or counts a streamed body", () => {
    expect(bodyDecision({}, "/").action).toBe("none");
    expect(bodyDecision({ "content-length": String(64 * KB) }, "/sign-in").action).toBe("ok");
    expect(bodyDecision({ "content-length": String(64 * KB + 1) }, "/sign-in").action).toBe("too-large");
    expect(bodyDecision({ "content-length": String(900 * KB) }, "/studio/accord").action).toBe("ok");
    expect(bodyDecision({ "content-length": String(17 * KB) }, "/api/auth/signin/nodemailer").action).toBe("too-large");
    expect(bodyDecision({ "transfer-encoding": "chunked" }, "/sign-in")).toEqual({ action: "count", limit: { name: "default", bytes: 64 * KB } });
  });
});

describe("malformed percent-encoding", () => {
  it("finds a percent sign that starts no valid UTF-8 escape, in the path only", () => {
    for (const bad of ["/studio/%E0%A4%A", "/badge/%E0%A4%A.svg", "/%", "/a%zz", "/accord/principles/%C3"]) expect(hasMalformedEncoding(bad), bad).toBe(true);
    for (const good of ["/", "/signatories?q=%", "/signatories?q=%E0", "/a%20b", "/accord/principles/..%2F..%2Fetc%2Fpasswd", "/%C3%A9"])
      expect(hasMalformedEncoding(good), good).toBe(false);
  });
});

// Real HTTP through the front door, with a stand-in for Next that reads the whole body and answers
// with what it saw: no Next and no build needed.
type Seen = { forwardedFor?: string; realIp?: string; bytes: number };

function startServer(options: Parameters<typeof createFrontDoor>[1]) {
  const seen: Seen[] = [];
  const server = http.createServer(
    createFrontDoor((req, res) => {
      let bytes = 0;
      req.on("data", (chunk: Buffer) => (bytes += chunk.length));
      req.on("end", () => {
        const entry = { forwardedFor: req.headers["x-forwarded-for"] as string, realIp: req.headers["x-real-ip"] as string, bytes };
        seen.push(entry);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(entry));
      });
      req.on("error", () => undefined);
    }, options),
  );
  return new Promise<{ url: string; port: number; seen: Seen[]; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, port, seen, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

/** One request with node:http; body chunks are written one by one (chunked unless a length is given). */
function request(port: number, { method = "GET", path = "/", headers = {}, chunks = [] as Buffer[] }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    // The server may hang up mid-upload after answering 413; the answer is what counts.
    req.on("error", (error) => (req.writableEnded ? undefined : reject(error)));
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("the front door over HTTP", () => {
  let plain: Awaited<ReturnType<typeof startServer>>;
  let proxied: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    plain = await startServer({ hsts: false });
    proxied = await startServer({ trustedHops: 1, hsts: true });
  });
  afterAll(async () => {
    await plain.close();
    await proxied.close();
  });

  it("answers malformed percent-encoding with a plain 400 on any path, without handing the request on", async () => {
    for (const path of ["/studio/%E0%A4%A", "/signatories/%E0%A4%A", "/badge/%E0%A4%A.svg"]) {
      const before = plain.seen.length;
      const res = await request(plain.port, { path });
      expect(res.status, path).toBe(400);
      expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(res.body).toContain("malformed percent-encoding");
      expect(plain.seen.length).toBe(before);
    }
    expect((await request(plain.port, { path: "/a%20b?q=%" })).status).toBe(200);
  });

  it("overwrites a forged X-Forwarded-For and X-Real-IP with the socket address", async () => {
    const res = await request(plain.port, { headers: { "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" } });
    expect(JSON.parse(res.body)).toMatchObject({ forwardedFor: "127.0.0.1", realIp: "127.0.0.1" });
  });

  it("behind one trusted proxy, takes the entry that proxy appended", async () => {
    const res = await request(proxied.port, { headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.9" } });
    expect(JSON.parse(res.body)).toMatchObject({ forwardedFor: "203.0.113.9", realIp: "203.0.113.9" });
  });

  it("sends HSTS only when the site is https", async () => {
    expect((await request(proxied.port, {})).headers["strict-transport-security"]).toBe(HSTS_VALUE);
    expect((await request(plain.port, {})).headers["strict-transport-security"]).toBeUndefined();
  });

  it("answers 413 to a declared length over the limit without handing the request on", async () => {
    const before = plain.seen.length;
    const res = await request(plain.port, {
      method: "POST",
      path: "/api/auth/signin/nodemailer",
      headers: { "content-length": String(30 * MB), "content-type": "application/x-www-form-urlencoded" },
      chunks: [Buffer.alloc(1024, 97)],
    });
    expect(res.status).toBe(413);
    expect(res.body).toBe("Request body too large: this address accepts at most 16 KB.\n");
    expect(res.headers.connection).toBe("close");
    expect(plain.seen.length).toBe(before);
  });

  it("answers 413 to an oversize server action post (Next itself would answer 500)", async () => {
    const res = await request(plain.port, {
      method: "POST",
      path: "/dashboard/organisations/new",
      headers: { "next-action": "abc123", "content-length": String(64 * KB + 1) },
      chunks: [],
    });
    expect(res.status).toBe(413);
    expect(res.body).toContain("at most 64 KB");
  });

  it("counts a streamed (chunked) body and stops it at the limit", async () => {
    const before = plain.seen.length;
    const res = await request(plain.port, { method: "POST", path: "/sign-in", chunks: Array.from({ length: 20 }, () => Buffer.alloc(8 * KB, 97)) });
    expect(res.status).toBe(413);
    expect(res.body).toContain("at most 64 KB");
    // The stand-in for Next never read a complete body.
    expect(plain.seen.length).toBe(before);
  });

  it("hands on bodies within the limit whole, declared or streamed", async () => {
    const declared = await request(plain.port, {
      method: "POST",
      path: "/sign-in",
      headers: { "content-length": String(64 * KB) },
      chunks: [Buffer.alloc(64 * KB, 97)],
    });
    expect(declared.status).toBe(200);
    expect(JSON.parse(declared.body).bytes).toBe(64 * KB);
    const streamed = await request(plain.port, { method: "POST", path: "/studio/accord", chunks: Array.from({ length: 10 }, () => Buffer.alloc(64 * KB, 97)) });
    expect(streamed.status).toBe(200);
    expect(JSON.parse(streamed.body).bytes).toBe(640 * KB);
  });
});
