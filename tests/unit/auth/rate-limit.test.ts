import { describe, expect, it } from "vitest";
import { clientBucketKey, clientIp, signInBuckets, signInLimits, signInLimitsFor } from "@/lib/auth/rate-limit";

describe("sign-in rate-limit buckets", () => {
  it("one bucket per inbox (tag dropped), per client, and per recipient domain with client: never per domain alone", () => {
    const buckets = signInBuckets("victim+7@acme.test", "203.0.113.9");
    expect(buckets.map((b) => b.scope)).toEqual(["address", "ip", "domain"]);
    expect(buckets.find((b) => b.scope === "address")?.bucket).toBe(signInBuckets("victim@acme.test", "198.51.100.1")[0]?.bucket);
    // The domain bucket differs for another client, so nobody can fill it for everyone at acme.test.
    const domainFor = (ip: string) => signInBuckets("a@acme.test", ip).find((b) => b.scope === "domain")?.bucket;
    expect(domainFor("203.0.113.9")).not.toBe(domainFor("203.0.113.10"));
    expect(domainFor("203.0.113.9")).toBe(signInBuckets("b@acme.test", "203.0.113.9").find((b) => b.scope === "domain")?.bucket);
    expect(buckets.map((b) => b.max)).toEqual([signInLimits.address.max, signInLimits.ip.max, signInLimits.domain.max]);
  });

  it("scales the per-client limits with SIGN_IN_CLIENT_LIMIT and never the per-inbox one", () => {
    expect(signInLimitsFor(30)).toEqual(signInLimits);
    const office = signInBuckets("a@acme.test", "203.0.113.9", signInLimitsFor(1001));
    expect(office.map((b) => [b.scope, b.max])).toEqual([
      ["address", signInLimits.address.max],
      ["ip", 1001],
      ["domain", 501],
    ]);
  });

  it("keeps addresses out of the table in clear", () => {
    for (const { bucket } of signInBuckets("victim@acme.test", "203.0.113.9")) expect(bucket).not.toContain("victim");
  });

  it("has only the inbox bucket when no client address is known", () => {
    expect(signInBuckets("a@acme.test", null).map((b) => b.scope)).toEqual(["address"]);
  });

  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff:0:0:1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
  ])("keys the client %s as %s (IPv6 by its /64)", (ip, key) => {
    expect(clientBucketKey(ip)).toBe(key);
  });

  it("reads the client address the front door wrote", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-real-ip": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp(new Headers())).toBeNull();
  });
});
