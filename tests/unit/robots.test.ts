import robotsParser from "robots-parser";
import { describe, expect, it } from "vitest";
import robots from "@/app/robots";
// The serialiser Next itself uses for app/robots.ts, so the test reads the text crawlers get.
import { resolveRobots } from "next/dist/build/webpack/loaders/metadata/resolve-route-data";

const site = "https://registry.example";
const text = resolveRobots(robots());
const parsed = robotsParser(`${site}/robots.txt`, text);
const crawlers = ["Googlebot", "Bingbot", "SomeOtherBot/1.0"];

describe("robots.txt", () => {
  it("lets crawlers read the directory, the profiles and the public pages", () => {
    for (const path of [
      "/",
      "/accord",
      "/accord/principles/no-attacks-on-civilians",
      "/about",
      "/signatories",
      "/signatories?q=north",
      "/signatories/northwind-cloud",
      "/signatories/stats",
      "/signatories.csv",
      "/ledger",
      "/feed.xml",
      "/badge/northwind-cloud.svg",
    ]) {
      for (const ua of crawlers) expect(parsed.isAllowed(`${site}${path}`, ua), `${path} for ${ua}`).toBe(true);
    }
  });

  it("keeps crawlers out of the signed-in areas, the API and the bench floors", () => {
    for (const path of [
      "/sign",
      "/sign?accord=2",
      "/sign/confirm",
      "/sign-in",
      "/sign-in?callbackUrl=%2Fdashboard",
      "/sign-out",
      "/dashboard",
      "/dashboard/organisations/x",
      "/studio/accord",
      "/admin",
      "/api/v1/signatories",
      "/bench/l1",
    ]) {
      for (const ua of crawlers) expect(parsed.isDisallowed(`${site}${path}`, ua), `${path} for ${ua}`).toBe(true);
    }
  });

  it("names the sitemap", () => {
    expect(parsed.getSitemaps()).toHaveLength(1);
    expect(parsed.getSitemaps()[0]).toMatch(/\/sitemap\.xml$/);
  });
});
