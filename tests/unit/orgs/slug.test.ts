import { describe, expect, it } from "vitest";
import { RESERVED_SLUGS, slugify, uniqueSlug } from "@/lib/orgs/slug";

describe("organisation slugs", () => {
  it("never hands out a slug that a static /signatories/ route shadows", () => {
    expect(RESERVED_SLUGS.has("stats")).toBe(true);
    // The directory's static default view (app/signatories/(directory)/all).
    expect(RESERVED_SLUGS.has("all")).toBe(true);
    expect(uniqueSlug("all", [])).toBe("all-2");
    expect(slugify("Stats")).toBe("stats");
    expect(uniqueSlug(slugify("Stats"), [])).toBe("stats-2");
    expect(uniqueSlug("stats", ["stats-2"])).toBe("stats-3");
  });

  it("keeps names that merely start with a reserved word", () => {
    expect(uniqueSlug(slugify("Stats Works"), [])).toBe("stats-works");
    expect(uniqueSlug("statsig", [])).toBe("statsig");
  });

  it("counts up past slugs already taken", () => {
    expect(uniqueSlug("acme", [])).toBe("acme");
    expect(uniqueSlug("acme", ["acme", "acme-2"])).toBe("acme-3");
  });
});
