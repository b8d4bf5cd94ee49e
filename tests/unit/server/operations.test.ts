import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { installJsonConsole, isBenchPath, requestContext, requestIdFor, type RequestLogEntry, withOperations } from "@/scripts/lib/operations.mjs";

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A real node:http server: the wrapper around a stand-in for Next that echoes what it saw. */
async function serve(options: Parameters<typeof withOperations>[1]) {
  const handled: { id?: string; context?: string }[] = [];
  const next = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handled.push({ id: req.headers["x-request-id"] as string, context: requestContext.getStore()?.id });
    res.writeHead(req.url?.startsWith("/missing") ? 404 : 200, { "content-type": "text/plain" });
    res.end("from next");
  };
  const server = http.createServer(withOperations(next, options));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, handled };
}

describe("request ids", () => {
  it("keeps a sane X-Request-Id, replaces a missing or unsafe one with a UUID", () => {
    expect(requestIdFor("req-0123456789abcdef")).toBe("req-0123456789abcdef");
    expect(requestIdFor(undefined)).toMatch(/^[0-9a-f-]{36}$/);
    for (const bad of ["", "short", "has space in it", 'quote"injection', "a".repeat(129), "line\nbreak-break"]) {
      expect(requestIdFor(bad)).not.toBe(bad);
      expect(requestIdFor(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("never passes on an id that could break a log line (any header value)", () => {
    fc.assert(fc.property(fc.string(), (value) => /^[A-Za-z0-9._:@+=/-]{8,128}$/.test(requestIdFor(value))));
  });

  it("gives Next the id and the response carries it back; a sane one from the proxy is kept", async () => {
    const { url, handled } = await serve({ log: null });
    const fresh = await fetch(`${url}/about`);
    const id = fresh.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(handled[0]!.id).toBe(id);
    const kept = await fetch(`${url}/about`, { headers: { "X-Request-Id": "proxy-id-12345678" } });
    expect(kept.headers.get("x-request-id")).toBe("proxy-id-12345678");
    expect(handled[1]!.id).toBe("proxy-id-12345678");
    const replaced = await fetch(`${url}/about`, { headers: { "X-Request-Id": "bad id" } });
    expect(replaced.headers.get("x-request-id")).not.toBe("bad id");
  });
});

describe("request log", () => {
  it("writes one entry per request: time, id, method, path without the query, status, duration", async () => {
    const entries: RequestLogEntry[] = [];
    const { url, handled } = await serve({ log: (entry) => entries.push(entry) });
    const response = await fetch(`${url}/api/auth/callback/nodemailer?token=secret-token&email=a%40b.example`);
    await response.text();
    await (await fetch(`${url}/missing`, { method: "POST", body: "x" })).text();
    await expect.poll(() => entries.length).toBe(2);
    const first = entries[0]!;
    const second = entries[1]!;
    expect(first).toMatchObject({
      level: "info",
      msg: "request",
      method: "GET",
      path: "/api/auth/callback/nodemailer",
      status: 200,
      id: response.headers.get("x-request-id"),
    });
    expect(new Date(first.time).toISOString()).toBe(first.time);
    expect(first.durationMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(first)).not.toContain("secret-token");
    expect(second).toMatchObject({ method: "POST", path: "/missing", status: 404 });
    expect(first.aborted).toBeUndefined();
    // Code running for the request sees its id (the JSON console adds it to every line).
    expect(handled[0]!.context).toBe(first.id);
  });

  it("logs nothing and keeps no request context when logging is off (demo mode)", async () => {
    const { url, handled } = await serve({ log: null });
    await (await fetch(`${url}/about`)).text();
    expect(handled[0]!.context).toBeUndefined();
  });
});

describe("JSON console", () => {
  it("turns every console line into one JSON object, with the request's id while serving one", () => {
    const out: string[] = [];
    const err: string[] = [];
    const target = {} as Pick<Console, "debug" | "info" | "log" | "warn" | "error">;
    installJsonConsole(target, { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) } });
    target.log("[registry] ready on %s", "http://localhost:3000");
    requestContext.run({ id: "req-abcdefgh" }, () => target.error(new Error("boom\nsecond line")));
    target.warn("\u001b[31m[auth][error]\u001b[0m MissingCSRF");
    const ready = JSON.parse(out[0]!);
    expect(out[0]!.endsWith("\n")).toBe(true);
    expect(out[0]!.trimEnd()).not.toContain("\n");
    expect(ready).toMatchObject({ level: "info", msg: "[registry] ready on http://localhost:3000" });
    expect(ready.id).toBeUndefined();
    const failed = JSON.parse(err[0]!);
    expect(failed).toMatchObject({ level: "error", id: "req-abcdefgh" });
    expect(failed.msg).toContain("boom\nsecond line");
    expect(JSON.parse(err[1]!)).toMatchObject({ level: "warn", msg: "[auth][error] MissingCSRF" });
  });
});

describe("bench floors", () => {
  it("recognises /bench/* however it is spelled", () => {
    for (const path of ["/bench", "/bench/l1", "/bench/l2?x=1", "//bench/l1", "/%62ench/l1", "/about/../bench/l1", "/bench/l1/"])
      expect(isBenchPath(path), path).toBe(true);
    for (const path of ["/", "/benchmarks", "/about", "/signatories/bench", "/api/health"]) expect(isBenchPath(path), path).toBe(false);
  });

  it("answer 404 without reaching Next unless the bench started the server", async () => {
    const deployed = await serve({ log: null });
    for (const path of ["/bench/l1", "/bench/l2", "/%62ench/l1"]) {
      const response = await fetch(`${deployed.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text()).toBe("Not found.\n");
    }
    expect(deployed.handled).toHaveLength(0);
    expect((await fetch(`${deployed.url}/about`)).status).toBe(200);
    const bench = await serve({ log: null, bench: true });
    const floor = await fetch(`${bench.url}/bench/l1`);
    expect(floor.status).toBe(200);
    expect(await floor.text()).toBe("from next");
  });
});
