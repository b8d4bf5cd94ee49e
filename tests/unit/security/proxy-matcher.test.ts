import { describe, expect, it } from "vitest";
import { SIGNED_IN_AREAS } from "@/lib/security/csp.mjs";
import { config } from "@/proxy";

/** A Next matcher entry as a regular expression: "/x" exactly, "/x/:path*" the prefix and below. */
const compile = (entry: string) => new RegExp(`^${entry.replace(/\/:path\*$/, "(?:/.*)?")}$`);
const runsOn = (pathname: string) => config.matcher.some((entry) => compile(entry).test(pathname));

describe("the proxy's matcher", () => {
  it("names exactly the signed-in areas, each with its subpaths", () => {
    expect([...config.matcher].sort()).toEqual(SIGNED_IN_AREAS.flatMap((area) => [area, `${area}/:path*`]).sort());
  });

  it("runs in the signed-in areas and never on public pages, assets or tiles", () => {
    for (const path of ["/dashboard", "/dashboard/organisations/x", "/sign", "/sign/x", "/sign-in", "/sign-out", "/studio/accord", "/admin"]) {
      expect(runsOn(path), path).toBe(true);
    }
    for (const path of [
      "/",
      "/signatories",
      "/signatories/northwind-cloud",
      "/signatures",
      "/about",
      "/badge/x.svg",
      "/feed.xml",
      "/ledger",
      "/ledger/tile/0/000",
      "/_next/static/x.js",
      "/dashboards",
    ]) {
      expect(runsOn(path), path).toBe(false);
    }
  });
});
