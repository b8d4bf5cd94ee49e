import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("TRUSTED_PROXY_HOPS, SIGN_IN_LINK_MINUTES and SIGN_IN_CLIENT_LIMIT", () => {
  it("default to no trusted proxy and one-hour sign-in links", () => {
    const env = parseEnv({});
    expect(env.trustedProxyHops).toBe(0);
    expect(env.signInLinkMinutes).toBe(60);
    expect(env.signInClientLimit).toBe(30);
  });

  it("take whole numbers in range", () => {
    const env = parseEnv({ TRUSTED_PROXY_HOPS: "2", SIGN_IN_LINK_MINUTES: "15", SIGN_IN_CLIENT_LIMIT: "500" });
    expect(env.signInClientLimit).toBe(500);
    expect(env.trustedProxyHops).toBe(2);
    expect(env.signInLinkMinutes).toBe(15);
  });

  it.each([
    [{ TRUSTED_PROXY_HOPS: "-1" }, "TRUSTED_PROXY_HOPS must be a whole number of proxies (0 to 99)"],
    [{ TRUSTED_PROXY_HOPS: "1.5" }, "TRUSTED_PROXY_HOPS must be a whole number of proxies"],
    [{ TRUSTED_PROXY_HOPS: "many" }, "TRUSTED_PROXY_HOPS must be a whole number of proxies (0 to 99)"],
    [{ SIGN_IN_LINK_MINUTES: "soon" }, "SIGN_IN_LINK_MINUTES must be a whole number of minutes"],
    [{ SIGN_IN_LINK_MINUTES: "2" }, "SIGN_IN_LINK_MINUTES must be at least 5"],
    [{ SIGN_IN_LINK_MINUTES: "10000" }, "SIGN_IN_LINK_MINUTES must be at most 1440 (a day)"],
    [{ SIGN_IN_CLIENT_LIMIT: "lots" }, "SIGN_IN_CLIENT_LIMIT must be a whole number of links"],
    [{ SIGN_IN_CLIENT_LIMIT: "1" }, "SIGN_IN_CLIENT_LIMIT must be at least 2"],
  ])("refuses %j with a message naming the variable", (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(message);
  });
});
