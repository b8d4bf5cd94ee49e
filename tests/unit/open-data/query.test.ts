import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertNoQuery, parseSignatoriesQuery, signatoriesQueryString } from "@/lib/open-data/query";
import { encodeCursor } from "@/lib/validation/directory";

const parse = (query: string) => parseSignatoriesQuery(new URLSearchParams(query));

function refusal(query: string): AppError {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected ${query} to be refused`);
}

const raw = (json: string) => Buffer.from(json, "utf8").toString("base64url");

describe("parseSignatoriesQuery", () => {
  it("defaults to 20 entries, no filters and no cursor", () => {
    expect(parse("")).toEqual({ filters: {}, limit: 20, cursor: undefined });
  });

  it("reads every filter, normalising the country and treating empty values as unset", () => {
    expect(parse("q=Cloud&country=de&sector=software&status=overdue&version=2&method=dns_txt&sort=newest&limit=100&cursor=")).toEqual({
      filters: { q: "Cloud", country: "DE", sector: "software", status: "overdue", version: 2, method: "dns_txt", sort: "newest" },
      limit: 100,
      cursor: undefined,
    });
  });

  it("decodes a cursor of the requested sort", () => {
    const cursor = { s: "newest" as const, k: "2025-03-14T09:30:00.000Z", id: "example-cloud" };
    expect(parse(`sort=newest&cursor=${encodeCursor(cursor)}`).cursor).toEqual(cursor);
    expect(parse(`cursor=${encodeCursor({ s: "name", k: "example cloud", id: "example-cloud" })}`).cursor?.k).toBe("example cloud");
  });

  it.each([
    ["limit=0", "limit", /at least 1/],
    ["limit=-1", "limit", /whole number from 1 to 100/],
    ["limit=101", "limit", /at most 100/],
    ["limit=abc", "limit", /whole number/],
    ["limit=1.5", "limit", /whole number/],
    ["limit=99999999", "limit", /whole number/],
    ["status=pending", "status", /status must be one of: active, withdrawn, suspended, overdue/],
    ["sector=weapons", "sector", /sector must be one of/],
    ["method=telepathy", "method", /method must be one of/],
    ["sort=random", "sort", /sort must be one of: name, newest, oldest/],
    ["country=XX", "country", /ISO 3166-1/],
    ["version=0", "version", /accord version number/],
    ["version=1%20OR%201=1", "version", /accord version number/],
    [`q=${"a".repeat(101)}`, "q", /at most 100 characters/],
    ["q=%00", "q", /control characters/],
    ["q=a&q=b", "q", /give q once/],
    ["limit=5&limit=6", "limit", /give limit once/],
    ["contry=DE", "contry", /unknown parameter/],
    ["page=2", "page", /unknown parameter/],
    ["cursor=%%%", "cursor", /malformed/],
    ["cursor=not-base64!", "cursor", /malformed/],
    [`cursor=${raw("[1,2,3]")}`, "cursor", /malformed/],
    [`cursor=${raw('{"s":"name","k":"x"}')}`, "cursor", /malformed/],
    [`cursor=${raw('{"s":"name","k":"x","id":"Not A Slug"}')}`, "cursor", /malformed/],
    [`cursor=${"A".repeat(401)}`, "cursor", /malformed/],
    [`sort=newest&cursor=${encodeCursor({ s: "newest", k: "yesterday", id: "a-b" })}`, "cursor", /malformed/],
    [`sort=oldest&cursor=${encodeCursor({ s: "oldest", k: "2025-03-14", id: "a-b" })}`, "cursor", /malformed/],
    [`cursor=${encodeCursor({ s: "name", k: "a\u0000b", id: "a-b" })}`, "cursor", /malformed/],
    [`cursor=${raw('{"s":"name","k":"\\ud800","id":"a-b"}')}`, "cursor", /malformed/],
    [`sort=newest&cursor=${encodeCursor({ s: "name", k: "example", id: "a-b" })}`, "cursor", /belongs to sort=name, not sort=newest/],
    [`cursor=${encodeCursor({ s: "oldest", k: "2025-03-14T09:30:00.000Z", id: "a-b" })}`, "cursor", /belongs to sort=oldest, not sort=name/],
  ])("refuses %s with a 400 naming %s", (query, name, message) => {
    const error = refusal(query);
    expect(error.code).toBe("invalid");
    expect(error.status).toBe(400);
    expect(Object.keys(error.fields ?? {})).toEqual([name]);
    expect(error.fields![name]).toMatch(message);
    expect(error.message).toContain(`"${name}"`);
    expect(error.message).toMatch(message);
  });

  it("names every bad parameter at once", () => {
    const error = refusal("limit=0&status=nope&sort=x");
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(["limit", "sort", "status"]);
  });
});

describe("signatoriesQueryString", () => {
  it("drops defaults and orders parameters stably, so equal requests give equal links", () => {
    expect(signatoriesQueryString({ filters: {}, limit: 20 })).toBe("");
    expect(signatoriesQueryString({ filters: { sort: "name" }, limit: 20 })).toBe("");
    expect(signatoriesQueryString({ filters: { sort: "newest", country: "DE", q: "a b&c" }, limit: 5 }, "abc")).toBe(
      "?q=a+b%26c&country=DE&sort=newest&limit=5&cursor=abc",
    );
  });

  it("round-trips through the parser", () => {
    const query = parse("status=active&method=moderator&version=3&limit=7&sort=oldest");
    expect(parse(signatoriesQueryString(query).slice(1))).toEqual(query);
  });
});

describe("assertNoQuery", () => {
  it("accepts an empty query and refuses any parameter by name", () => {
    expect(() => assertNoQuery(new URLSearchParams(""))).not.toThrow();
    expect(() => assertNoQuery(new URLSearchParams("format=json"))).toThrow(/"format": this endpoint takes no query parameters/);
  });
});
