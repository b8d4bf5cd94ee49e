import dgram from "node:dgram";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDnsTxt, DNS_RECORD_PREFIX, expectedTxtValue, generateDnsToken, txtRecordName } from "@/lib/orgs/dns-check";
import { startDnsServer, startSilentDnsServer, type DnsTestServer, type SilentDnsServer } from "../support/dns-server";

const TOKEN = "tok_3x4mple-token";

/** A loopback UDP port with nothing bound to it: the kernel answers queries with "port unreachable". */
async function closedUdpServer(): Promise<string> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", () => resolve()));
  const { port } = socket.address() as AddressInfo;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

describe("DNS record naming and tokens", () => {
  it("names the record and its value", () => {
    expect(DNS_RECORD_PREFIX).toBe("_tech-accord");
    expect(txtRecordName("acme.test")).toBe("_tech-accord.acme.test");
    expect(expectedTxtValue("abc")).toBe("tech-accord-verification=abc");
  });

  it("generates 32 random bytes as base64url", () => {
    const tokens = new Set(Array.from({ length: 20 }, generateDnsToken));
    expect(tokens.size).toBe(20);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
  });
});

describe("checkDnsTxt against a real DNS server on loopback", () => {
  let dns: DnsTestServer;
  let silent: SilentDnsServer;

  beforeAll(async () => {
    dns = await startDnsServer({
      [txtRecordName("acme.test")]: [expectedTxtValue(TOKEN)],
      [txtRecordName("several.test")]: ["v=spf1 -all", "google-site-verification=abc", expectedTxtValue(TOKEN), "tech-accord-verification=stale"],
      [txtRecordName("split.test")]: [["tech-accord-", "verification=", TOKEN]],
      [txtRecordName("quoted.test")]: [` "${expectedTxtValue(TOKEN)}" `],
      [txtRecordName("wrong.test")]: ["tech-accord-verification=someone-elses-token", "v=spf1 -all"],
      [txtRecordName("no-txt.test")]: [],
    });
    dns.setServfail(txtRecordName("broken.test"));
    silent = await startSilentDnsServer();
  });

  afterAll(async () => {
    await Promise.all([dns?.close(), silent?.close()]);
  });

  const check = (domain: string, options: { token?: string; servers?: string[]; timeoutMs?: number } = {}) =>
    checkDnsTxt({ domain, token: options.token ?? TOKEN, servers: options.servers ?? [dns.server], timeoutMs: options.timeoutMs });

  it("finds the expected value", async () => {
    expect(await check("acme.test")).toEqual({
      outcome: "found",
      records: [expectedTxtValue(TOKEN)],
      message: "Found the verification record at _tech-accord.acme.test.",
    });
  });

  it("finds the expected value among several records", async () => {
    const result = await check("several.test");
    expect(result.outcome).toBe("found");
    expect(result.records).toHaveLength(4);
    expect(result.records).toContain("v=spf1 -all");
  });

  it("joins a record split into several character-strings", async () => {
    expect(await check("split.test")).toMatchObject({ outcome: "found", records: [`tech-accord-verification=${TOKEN}`] });
  });

  it("ignores whitespace and one pair of quotes a control panel stored with the value", async () => {
    expect((await check("quoted.test")).outcome).toBe("found");
  });

  it("reports records that exist but hold another token, without revealing the expected one", async () => {
    const result = await check("wrong.test");
    expect(result.outcome).toBe("wrong-token");
    expect(result.records).toEqual(["tech-accord-verification=someone-elses-token", "v=spf1 -all"]);
    expect(result.message).toContain("_tech-accord.wrong.test");
    expect(result.message).toContain('"tech-accord-verification=someone-elses-token"');
    expect(result.message).not.toContain(TOKEN);
  });

  it("treats a prefix of the token as the wrong token", async () => {
    expect((await check("acme.test", { token: `${TOKEN}-longer` })).outcome).toBe("wrong-token");
    expect((await check("acme.test", { token: TOKEN.slice(0, -1) })).outcome).toBe("wrong-token");
  });

  it("reports a missing name (NXDOMAIN) as no record, naming the record to add", async () => {
    expect(await check("nothing-here.test")).toEqual({
      outcome: "no-record",
      records: [],
      message: "No TXT record found at _tech-accord.nothing-here.test. Add it, wait for DNS to update, then check again.",
    });
  });

  it("reports a name without TXT records (NODATA) as no record", async () => {
    expect(await check("no-txt.test")).toMatchObject({ outcome: "no-record", records: [] });
  });

  it("follows changes to the records between checks", async () => {
    const name = txtRecordName("changing.test");
    expect((await check("changing.test")).outcome).toBe("no-record");
    dns.setTxt(name, ["tech-accord-verification=old"]);
    expect((await check("changing.test")).outcome).toBe("wrong-token");
    dns.setTxt(name, [expectedTxtValue(TOKEN)]);
    expect((await check("changing.test")).outcome).toBe("found");
    dns.remove(name);
    expect((await check("changing.test")).outcome).toBe("no-record");
  });

  it("reports SERVFAIL as an error", async () => {
    const result = await check("broken.test");
    expect(result).toMatchObject({ outcome: "error", records: [] });
    expect(result.message).toContain("_tech-accord.broken.test");
    expect(result.message).toContain("ESERVFAIL");
  });

  it("reports a server that never answers as a timeout", async () => {
    const before = silent.received();
    const result = await check("acme.test", { servers: [silent.server], timeoutMs: 300 });
    expect(result).toEqual({
      outcome: "timeout",
      records: [],
      message: "The DNS lookup for _tech-accord.acme.test timed out. Try again in a few minutes.",
    });
    expect(silent.received()).toBeGreaterThan(before);
  });

  it("reports a refused connection (nothing listening) as an error or a timeout, never a throw", async () => {
    const result = await check("acme.test", { servers: [await closedUdpServer()], timeoutMs: 300 });
    expect(["error", "timeout"]).toContain(result.outcome);
    expect(result.records).toEqual([]);
    expect(result.message).toContain("_tech-accord.acme.test");
  });

  it("reports a malformed resolver address as an error instead of throwing", async () => {
    const result = await check("acme.test", { servers: ["not-an-address"] });
    expect(result).toMatchObject({ outcome: "error", records: [] });
  });

  it("falls back to the next server when the first does not answer", async () => {
    expect((await check("acme.test", { servers: [silent.server, dns.server], timeoutMs: 300 })).outcome).toBe("found");
  });
});
