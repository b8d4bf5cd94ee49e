import { describe, expect, it } from "vitest";
import { activeFilters, describeResults, describeView } from "@/app/signatories/_components/describe";

describe("the results heading", () => {
  it("counts the whole directory without filters, in the singular for one", () => {
    expect(describeResults(40, {})).toBe("40 signatories");
    expect(describeResults(1, {})).toBe("1 signatory");
    expect(describeResults(10_000, {})).toBe("10,000 signatories");
    expect(describeResults(0, {})).toBe("No signatories");
  });

  it("states the search and the country in words", () => {
    expect(describeResults(3, { q: "zur", country: "DE" })).toBe("3 signatories match “zur” in Germany");
    expect(describeResults(1, { q: "zur" })).toBe("1 signatory matches “zur”");
    expect(describeResults(0, { q: "' or 1=1 --" })).toBe("No signatories match “' or 1=1 --”");
  });

  it("reads active, withdrawn and suspended as adjectives and overdue as a qualifier", () => {
    expect(describeResults(37, { status: "active" })).toBe("37 active signatories");
    expect(describeResults(2, { status: "withdrawn", country: "NO" })).toBe("2 withdrawn signatories in Norway");
    expect(describeResults(0, { status: "suspended" })).toBe("No suspended signatories");
    expect(describeResults(3, { status: "overdue" })).toBe("3 signatories with a report overdue");
  });

  it("lists every other filter, the sort never", () => {
    expect(describeResults(4, { sector: "cybersecurity", version: 1, method: "dns_txt", sort: "newest" })).toBe(
      "4 signatories in the cybersecurity sector, that signed version 1, verified by a DNS TXT record",
    );
    expect(describeResults(2, { sector: "other" })).toBe("2 signatories in other sectors");
    expect(describeResults(2, { method: "moderator" })).toBe("2 signatories verified by a moderator");
  });
});

describe("the view's title", () => {
  it("starts with a capital and leaves the count out", () => {
    expect(describeView({})).toBe("Signatories");
    expect(describeView({ q: "zur", country: "DE" })).toBe("Signatories matching “zur” in Germany");
    expect(describeView({ status: "active", sector: "software" })).toBe("Active signatories in the software sector");
  });
});

describe("the active filters", () => {
  it("names each filter in force in the order of the form, without the sort", () => {
    expect(activeFilters({ q: "zur", country: "KE", sector: "non-profit", status: "overdue", version: 2, method: "email_domain", sort: "oldest" })).toEqual([
      { key: "q", text: "search “zur”" },
      { key: "country", text: "country: Kenya" },
      { key: "sector", text: "sector: Non-profit" },
      { key: "status", text: "status: report overdue" },
      { key: "version", text: "accord version 2" },
      { key: "method", text: "verification: Work email at the domain" },
    ]);
    expect(activeFilters({ sort: "newest" })).toEqual([]);
  });
});
