import { describe, expect, it } from "vitest";
import { canonicalLink, sameSitePath } from "@/lib/auth/urls";
import { callbackPathSchema, signInSchema } from "@/lib/validation/auth";

describe("canonicalLink", () => {
  it("moves an emailed link onto the configured site, whatever host the request used", () => {
    const link = canonicalLink("http://evil.example:8080/api/auth/callback/nodemailer?token=t&email=a%40b.test", "https://registry.example.org");
    expect(link).toBe("https://registry.example.org/api/auth/callback/nodemailer?token=t&email=a%40b.test");
  });

  it("keeps a site path prefix once", () => {
    expect(canonicalLink("http://x/api/auth/callback/nodemailer?t=1", "https://example.org/registry")).toBe(
      "https://example.org/registry/api/auth/callback/nodemailer?t=1",
    );
    expect(canonicalLink("http://x/registry/api/auth/x", "https://example.org/registry")).toBe("https://example.org/registry/api/auth/x");
  });
});

describe("sameSitePath", () => {
  const origins = ["http://localhost:3000", "https://registry.example.org"];
  it.each([
    ["/dashboard", "/dashboard"],
    ["/dashboard?tab=members#x", "/dashboard?tab=members#x"],
    ["http://localhost:3000/admin?q=1", "/admin?q=1"],
    ["https://registry.example.org/sign", "/sign"],
    ["https://evil.example/dashboard", "/"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["not a url", "/"],
  ])("%s → %s", (input, expected) => {
    expect(sameSitePath(input, origins)).toBe(expected);
  });
});

describe("sign-in schema", () => {
  it("normalises the address and defaults the return path", () => {
    expect(signInSchema.parse({ email: "  Ada@Example.TEST " })).toEqual({ email: "ada@example.test", callbackUrl: "/dashboard" });
  });

  it.each(["not-an-email", "a@b", "two words@example.test", `${"x".repeat(250)}@example.test`, ""])("refuses %j with a message on the email field", (email) => {
    const result = signInSchema.safeParse({ email });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["email"]);
  });

  it.each(["//evil.example", "/\\evil.example", "https://evil.example", "relative", "/a b"])(
    "replaces the off-site return path %j with the dashboard",
    (path) => {
      expect(callbackPathSchema.parse(path)).toBe("/dashboard");
    },
  );
});
