import { describe, expect, it } from "vitest";
import { freeMailDomains, isFreeMailDomain } from "@/lib/orgs/free-mail";

describe("isFreeMailDomain (maintained list plus our additions)", () => {
  it("holds thousands of domains, not a hand-kept handful", () => {
    expect(freeMailDomains().size).toBeGreaterThan(10_000);
  });

  it.each(["hotmail.fr", "outlook.de", "yahoo.de", "gmx.at", "protonmail.ch", "gmail.com", "mailinator.com", "example.org"])(
    "refuses the public or disposable provider %s",
    (domain) => expect(isFreeMailDomain(domain)).toBe(true),
  );

  it("compares case-insensitively, ignoring a trailing dot and surrounding spaces", () => {
    expect(isFreeMailDomain("HotMail.FR")).toBe(true);
    expect(isFreeMailDomain(" gmx.at. ")).toBe(true);
  });

  it("recognises an upstream Unicode entry by its ASCII form and the other way round", () => {
    expect(isFreeMailDomain("müllmail.com")).toBe(true);
    expect(isFreeMailDomain("xn--mllmail-n2a.com")).toBe(true);
  });

  it.each(["siemens.com", "acme.test", "bbc.co.uk", "mozilla.org", "charlie.test", "xn--bcher-kva.de"])("accepts the company domain %s", (domain) =>
    expect(isFreeMailDomain(domain)).toBe(false),
  );

  it("matches exact domains only, so a shared suffix in the list never refuses a whole country", () => {
    expect(isFreeMailDomain("com.ar")).toBe(true);
    expect(isFreeMailDomain("acme.com.ar")).toBe(false);
  });
});
