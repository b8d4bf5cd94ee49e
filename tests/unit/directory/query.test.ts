import { describe, expect, it } from "vitest";
import { formSearchString } from "@/app/signatories/_components/form-query";
import { hasFilters, parseDirectoryQuery, searchStringOf } from "@/app/signatories/_components/query";
import { DEFAULT_SORT, directorySearchString } from "@/lib/validation/directory";

const parse = (search: string) => parseDirectoryQuery(new URLSearchParams(search));

describe("reading the directory's query string", () => {
  it("reads filters and the page, and gives the canonical form", () => {
    expect(parse("")).toEqual({ ok: true, filters: {}, page: 1, canonical: "" });
    const query = parse("sort=newest&country=de&q=+zur+&page=2");
    expect(query).toMatchObject({ ok: true, filters: { q: "zur", country: "DE", sort: "newest" }, page: 2 });
    expect(query.ok && query.canonical).toBe("?q=zur&country=DE&sort=newest&page=2");
  });

  it("treats the blank fields a GET form sends as unset, and drops the default sort", () => {
    const query = parse("q=&country=&sector=&status=active&version=&method=&sort=name");
    expect(query).toMatchObject({ ok: true, page: 1, canonical: "?status=active" });
  });

  it.each([
    ["contry=DE", /“contry” is not a setting/],
    ["country=ZZ", /country must be an ISO 3166-1 code/],
    ["status=bogus", /status must be one of: active, withdrawn, suspended, overdue/],
    ["sector=spyware", /sector must be one of/],
    ["method=fax", /method must be one of/],
    ["sort=random", /sort must be one of: name, newest, oldest/],
    ["version=0", /version must be an accord version number/],
    ["page=0", /page must be a page number/],
    ["page=-1", /page must be a page number/],
    ["page=abc", /page must be a page number/],
    ["page=99999999999999999999", /page must be a page number/],
    ["page=10001", /page must be at most 10000/],
    [`q=${"a".repeat(101)}`, /the search must be at most 100 characters/],
    ["q=a%00b", /control characters/],
    ["country=DE&country=FR", /give country once/],
    ["page=1&page=2x", /give page once/],
  ])("refuses %s, naming the problem", (search, message) => {
    const query = parse(search);
    expect(query.ok).toBe(false);
    expect(query.ok ? [] : query.problems).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it("names every problem at once", () => {
    const query = parse("contry=DE&status=bogus&page=0");
    expect(query.ok ? [] : query.problems).toHaveLength(3);
  });

  it("keeps SQL-looking searches as plain text", () => {
    expect(parse("q=' or 1=1 --")).toMatchObject({ ok: true, filters: { q: "' or 1=1 --" } });
  });
});

describe("the query string as a page receives it", () => {
  it("re-encodes repeated keys and skips absent ones", () => {
    expect(searchStringOf({})).toBe("");
    expect(searchStringOf({ q: "a b", country: ["DE", "FR"], sector: undefined })).toBe("?q=a+b&country=DE&country=FR");
  });
});

describe("filters", () => {
  it("the sort alone does not count as a filter", () => {
    expect(hasFilters({ sort: "newest" })).toBe(false);
    expect(hasFilters({ version: 1 })).toBe(true);
  });
});

describe("the URL the enhanced form navigates to", () => {
  it("is the server's canonical query string for the same values", () => {
    const cases = [
      { values: {}, filters: {} },
      { values: { q: "  zur ", country: "DE", sort: "name" }, filters: { q: "zur", country: "DE" } },
      {
        values: { sort: "oldest", method: "dns_txt", version: "2", status: "overdue", sector: "software", country: "", q: "" },
        filters: { sector: "software", status: "overdue", version: 2, method: "dns_txt", sort: "oldest" },
      },
      { values: { q: "a&b=c ü" }, filters: { q: "a&b=c ü" } },
    ] as const;
    for (const { values, filters } of cases) expect(formSearchString(values, DEFAULT_SORT)).toBe(directorySearchString(filters));
  });
});
