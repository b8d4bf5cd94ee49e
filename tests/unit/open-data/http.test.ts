import { describe, expect, it } from "vitest";
import { conditionalJson, etagMatches, preflightResponse, strongEtag } from "@/lib/open-data/http";

const get = (headers: Record<string, string> = {}) => new Request("https://registry.example.org/api/v1/signatories", { headers });

describe("strongEtag", () => {
  it("is a quoted, strong tag that changes with the body and only with it", () => {
    const tag = strongEtag('{"a":1}');
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(strongEtag('{"a":1}')).toBe(tag);
    expect(strongEtag('{"a":2}')).not.toBe(tag);
  });
});

describe("etagMatches", () => {
  const tag = '"abc"';
  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ["*", true],
    ['"abd"', false],
    ["abc", false],
    ["", false],
  ])("If-None-Match %s → %s", (header, expected) => {
    expect(etagMatches(header, tag)).toBe(expected);
  });

  it("is false without the header", () => {
    expect(etagMatches(null, tag)).toBe(false);
  });
});

describe("conditionalJson", () => {
  it("serves JSON with an ETag, public caching and open CORS", async () => {
    const response = conditionalJson(get(), { hello: "world" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-expose-headers")).toContain("ETag");
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    expect(response.headers.get("etag")).toBe(strongEtag('{"hello":"world"}'));
    expect(await response.json()).toEqual({ hello: "world" });
  });

  it("answers a matching If-None-Match with 304, no body and the same validators", async () => {
    const etag = conditionalJson(get(), { n: 1 }).headers.get("etag")!;
    const response = conditionalJson(get({ "If-None-Match": etag }), { n: 1 });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe("");
    expect(response.headers.get("etag")).toBe(etag);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(conditionalJson(get({ "If-None-Match": etag }), { n: 2 }).status).toBe(200);
  });
});

describe("preflightResponse", () => {
  it("allows reads and the If-None-Match header from any origin, and lets browsers remember it", () => {
    const response = preflightResponse();
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS");
    expect(response.headers.get("access-control-allow-headers")).toBe("If-None-Match");
    expect(Number(response.headers.get("access-control-max-age"))).toBeGreaterThan(0);
  });
});
