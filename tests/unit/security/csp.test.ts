import { describe, expect, it } from "vitest";
import { getScriptNonceFromHeader } from "next/dist/server/app-render/get-script-nonce-from-header";
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match";
import type { NextConfig } from "next";
// @ts-expect-error: plain JavaScript that Next loads itself; its shape is NextConfig.
import loadedConfig from "@/next.config.mjs";
import { createNonce, isSignedInArea, oauthFormTargets, PUBLIC_PATHS_SOURCE, publicPolicy, SIGNED_IN_AREAS, strictPolicy } from "@/lib/security/csp.mjs";

const nextConfig = loadedConfig as NextConfig;

/** A policy as directive name → sources. */
function parse(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

/** What both classes of page must forbid: plugins, framing, <base> rewriting, foreign form targets. */
function expectBaseline(policy: Map<string, string[]>) {
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'none'"]);
  expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  expect(policy.get("form-action")).toEqual(["'self'"]);
  expect(policy.get("default-src")).toEqual(["'self'"]);
}

const signedIn = [
  "/dashboard",
  "/dashboard/",
  "/dashboard/organisations/acme",
  "/sign",
  "/sign/done",
  "/sign-in",
  "/sign-in/check-email",
  "/sign-in/error",
  "/sign-out",
  "/studio",
  "/studio/about",
  "/admin",
];
const publicPaths = [
  "/",
  "/accord",
  "/accord/principles/x",
  "/signatories",
  "/signatories/acme",
  "/signatories.csv",
  "/signing",
  "/administer",
  "/dashboards",
  "/studios/x",
  "/join",
  "/dev/outbox",
  "/api/auth/session",
  "/ledger",
];

describe("the strict policy of pages that act with a session", () => {
  const nonce = createNonce();
  const policy = parse(strictPolicy(nonce));

  it("runs only scripts with this request's nonce and what they load, and Next reads the same nonce from it", () => {
    expect(policy.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(getScriptNonceFromHeader(strictPolicy(nonce))).toBe(nonce);
    expectBaseline(policy);
  });

  it("never allows inline or eval'd script in production, and inline styles only with the nonce", () => {
    expect(policy.get("script-src")).not.toContain("'unsafe-inline'");
    expect(policy.get("script-src")).not.toContain("'unsafe-eval'");
    expect(policy.get("style-src")).toEqual(["'self'", `'nonce-${nonce}'`]);
    const dev = parse(strictPolicy(nonce, { dev: true }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("names configured OAuth providers as form targets, nothing else", () => {
    const withOAuth = parse(
      strictPolicy(nonce, {
        formTargets: oauthFormTargets({
          AUTH_GITHUB_ID: "x",
          AUTH_MICROSOFT_ENTRA_ID_ID: "y",
          AUTH_MICROSOFT_ENTRA_ID_ISSUER: "https://login.microsoftonline.com/tenant/v2.0",
        }),
      }),
    );
    expect(withOAuth.get("form-action")).toEqual(["'self'", "https://github.com", "https://login.microsoftonline.com"]);
    expect(oauthFormTargets({})).toEqual([]);
    expect(oauthFormTargets({ AUTH_GOOGLE_ID: "g" })).toEqual(["https://accounts.google.com"]);
  });

  it("refuses a nonce that could smuggle directives into the policy", () => {
    expect(() => strictPolicy("abc'; script-src *")).toThrow(/base64/);
    expect(() => strictPolicy("")).toThrow(/base64/);
  });

  it("makes a new 128-bit nonce every time", () => {
    const nonces = new Set(Array.from({ length: 200 }, createNonce));
    expect(nonces.size).toBe(200);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});

describe("the fixed policy of public (cached) pages", () => {
  it("forbids plugins, framing, <base>, foreign scripts and foreign form targets", () => {
    const policy = parse(publicPolicy());
    expectBaseline(policy);
    expect(policy.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(publicPolicy()).not.toMatch(/nonce-|https?:|\*/);
  });

  it("is what next.config.mjs sends for every path outside the signed-in areas", async () => {
    const rules = await nextConfig.headers!();
    const rule = rules.find((r) => r.headers.some((h) => h.key === "Content-Security-Policy"))!;
    expect(rule.source).toBe(PUBLIC_PATHS_SOURCE);
    expect(rule.headers).toEqual([{ key: "Content-Security-Policy", value: publicPolicy() }]);
  });
});

describe("which paths are signed-in areas", () => {
  // The same matcher Next compiles next.config.mjs `headers()` sources with.
  const publicMatch = getPathMatch(PUBLIC_PATHS_SOURCE, { strict: true, removeUnnamedParams: true });

  it.each(signedIn)("%s gets the strict policy from the proxy and not the public one", (path) => {
    expect(isSignedInArea(path)).toBe(true);
    expect(publicMatch(path)).toBe(false);
  });

  it.each(publicPaths)("%s gets the public policy and no nonce work", (path) => {
    expect(isSignedInArea(path)).toBe(false);
    expect(publicMatch(path)).not.toBe(false);
  });

  it("lists the six areas", () => {
    expect([...SIGNED_IN_AREAS].sort()).toEqual(["/admin", "/dashboard", "/sign", "/sign-in", "/sign-out", "/studio"]);
  });
});
