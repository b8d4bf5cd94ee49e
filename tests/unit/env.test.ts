import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("environment", () => {
  it("defaults to demo mode with the embedded database", () => {
    const env = parseEnv({});
    expect(env.mode).toBe("demo");
    expect(env.siteUrl).toBe("http://localhost:3000");
    expect(env.dataDir).toBe(".data");
  });

  it("defaults to production with DATABASE_URL and then requires the production settings", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://u:p@127.0.0.1:5432/db" })).toThrow(
      /SITE_URL is required[\s\S]*AUTH_SECRET is required[\s\S]*SMTP_URL is required[\s\S]*LEDGER_SIGNING_KEY is required/,
    );
  });

  it("lets demo mode use PostgreSQL", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://127.0.0.1/db", REGISTRY_MODE: "demo" }).mode).toBe("demo");
  });

  it.each([
    ["REGISTRY_MODE", "staging"],
    ["DATABASE_URL", "mysql://localhost/db"],
    ["SITE_URL", "not a url"],
    ["SITE_URL", "ftp://example.org"],
    ["SMTP_URL", "http://mail.example.org"],
    ["PORT", "70000"],
    ["PORT", "abc"],
    ["ADMIN_EMAILS", "admin@example.org, not-an-email"],
    ["AUTH_SECRET", "short"],
    ["DNS_SERVERS", "dns.google"],
    ["DEMO_ORGANISATIONS", "0"],
    ["DEMO_ORGANISATIONS", "lots"],
  ])("names the variable when %s=%s is invalid", (name, value) => {
    let caught: unknown;
    try {
      parseEnv({ [name]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    expect((caught as EnvError).problems.join("\n")).toContain(name);
  });

  it("parses lists and strips a trailing slash from SITE_URL", () => {
    const env = parseEnv({ SITE_URL: "https://accord.example.org/", ADMIN_EMAILS: "A@Example.org, b@example.org", DNS_SERVERS: "127.0.0.1:5353,::1" });
    expect(env.siteUrl).toBe("https://accord.example.org");
    expect(env.adminEmails).toEqual(["a@example.org", "b@example.org"]);
    expect(env.dnsServers).toEqual(["127.0.0.1:5353", "::1"]);
  });
});
