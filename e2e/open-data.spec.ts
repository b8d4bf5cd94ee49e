import { type APIRequestContext, expect, test } from "@playwright/test";
import Papa from "papaparse";
import { expectNoViolations, fitsSmallPhone } from "./page-checks";

type Entry = { slug: string; name: string; status: string; country: string; signedAt: string; url: string; apiUrl: string; domain: string };
type Page = { data: Entry[]; total: number; limit: number; nextCursor: string | null; links: { self: string; next: string | null } };
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const API = "/api/v1/signatories";
// Other specs sign and withdraw with their own organisations while this one runs; the demo's
// organisations all live on .example domains, so this search is a set nobody else changes.
const DEMO = "q=.example";

/**
 * Links in responses are absolute on SITE_URL, the public address; the server under test listens
 * elsewhere, so a client here follows their path and query on it.
 */
function onServer(url: string): string {
  if (!/^https?:/.test(url)) return url;
  const { pathname, search } = new URL(url);
  return `${pathname}${search}`;
}

async function getPage(request: APIRequestContext, url: string): Promise<Page> {
  const response = await request.get(onServer(url));
  expect(response.status(), url).toBe(200);
  return (await response.json()) as Page;
}

/** Follows links.next from the first page to the last, as a client would. */
async function walk(request: APIRequestContext, first: string) {
  const slugs: string[] = [];
  let url: string | null = first;
  let last: Page | null = null;
  while (url) {
    last = await getPage(request, url);
    slugs.push(...last.data.map((e) => e.slug));
    url = last.links.next;
    if (slugs.length > 10_000) throw new Error("the walk does not end");
  }
  return { slugs, last: last! };
}

test.describe("the JSON API", () => {
  test("lists signatories with the documented shape and headers", async ({ request }) => {
    const response = await request.get(API);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(headers["access-control-allow-origin"]).toBe("*");
    expect(headers["cache-control"]).toMatch(/^public, max-age=\d+/);
    expect(headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const body = (await response.json()) as Page;
    expect(Object.keys(body).sort()).toEqual(["data", "limit", "links", "nextCursor", "total"]);
    expect(body.limit).toBe(20);
    expect(body.data).toHaveLength(20);
    expect(body.total).toBeGreaterThanOrEqual(40);
    expect(body.links.self).toMatch(/^https?:\/\/[^/]+\/api\/v1\/signatories$/);
    expect(body.links.next).toBe(`${body.links.self}?cursor=${body.nextCursor}`);
    const entry = body.data[0]!;
    expect(entry.url).toMatch(new RegExp(`/signatories/${entry.slug}$`));
    expect(entry.apiUrl).toMatch(new RegExp(`/api/v1/signatories/${entry.slug}$`));
  });

  test("walks one entry per page to a last page without a cursor, each entry once", async ({ request }) => {
    const { total } = await getPage(request, `${API}?${DEMO}&limit=100`);
    expect(total).toBe(40);
    const { slugs, last } = await walk(request, `${API}?${DEMO}&limit=1`);
    expect(slugs).toHaveLength(total);
    expect(new Set(slugs).size).toBe(total);
    expect(last.nextCursor).toBeNull();
    expect(last.links.next).toBeNull();
    expect(last.data).toHaveLength(1);
  });

  test("limit=100 returns everything in one page, in the same order as small pages", async ({ request }) => {
    const big = await getPage(request, `${API}?${DEMO}&limit=100&sort=newest`);
    expect(big.data).toHaveLength(big.total);
    expect(big.nextCursor).toBeNull();
    const small = await walk(request, `${API}?${DEMO}&limit=9&sort=newest`);
    expect(small.slugs).toEqual(big.data.map((e) => e.slug));
    const times = big.data.map((e) => e.signedAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  test("filters by status, country and search", async ({ request }) => {
    const withdrawn = await getPage(request, `${API}?${DEMO}&status=withdrawn`);
    expect(withdrawn.total).toBe(2);
    expect(withdrawn.data.every((e) => e.status === "withdrawn")).toBe(true);
    const suspended = await getPage(request, `${API}?${DEMO}&status=suspended`);
    expect(suspended.data.map((e) => e.status)).toEqual(["suspended"]);

    const all = await getPage(request, `${API}?${DEMO}&limit=100`);
    const country = all.data[0]!.country;
    const byCountry = await getPage(request, `${API}?${DEMO}&country=${country}&limit=100`);
    expect(byCountry.total).toBe(all.data.filter((e) => e.country === country).length);
    expect(byCountry.data.every((e) => e.country === country)).toBe(true);

    const target = all.data[7]!;
    const found = await getPage(request, `${API}?q=${encodeURIComponent(target.domain.toUpperCase())}`);
    expect(found.data.map((e) => e.slug)).toEqual([target.slug]);
  });

  const bad: [string, string][] = [
    ["limit=0", "limit"],
    ["limit=-1", "limit"],
    ["limit=101", "limit"],
    ["limit=abc", "limit"],
    ["limit=1&limit=2", "limit"],
    ["status=everything", "status"],
    ["sector=arms", "sector"],
    ["country=ZZ", "country"],
    ["version=-3", "version"],
    ["method=vibes", "method"],
    ["sort=popular", "sort"],
    [`q=${"q".repeat(101)}`, "q"],
    ["q=%27%3B%20DROP%20TABLE%20organisations%3B--&q=x", "q"],
    ["cursor=!!!", "cursor"],
    ["cursor=e30", "cursor"],
    [`cursor=${Buffer.from('{"s":"oldest","k":"2025-01-01T00:00:00.000Z","id":"x1"}').toString("base64url")}`, "cursor"],
    ["offset=20", "offset"],
  ];
  for (const [query, name] of bad) {
    test(`?${query.slice(0, 50)} is a 400 naming ${name}, with CORS`, async ({ request }) => {
      const response = await request.get(`${API}?${query}`);
      expect(response.status()).toBe(400);
      expect(response.headers()["access-control-allow-origin"]).toBe("*");
      const { error } = (await response.json()) as ErrorBody;
      expect(error.code).toBe("invalid");
      expect(error.message).toContain(`"${name}"`);
      expect(error.fields).toHaveProperty(name);
    });
  }

  test("answers a CORS preflight for GET with If-None-Match", async ({ request }) => {
    const response = await request.fetch(API, {
      method: "OPTIONS",
      headers: { Origin: "https://researcher.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match" },
    });
    expect(response.status()).toBe(204);
    const headers = response.headers();
    expect(headers["access-control-allow-origin"]).toBe("*");
    expect(headers["access-control-allow-methods"]).toContain("GET");
    expect(headers["access-control-allow-headers"]?.toLowerCase()).toContain("if-none-match");
    expect(Number(headers["access-control-max-age"])).toBeGreaterThan(0);
  });

  test("answers If-None-Match with 304, and HEAD with the headers only", async ({ request }) => {
    const url = `${API}?${DEMO}&status=withdrawn`;
    const first = await request.get(url);
    const etag = first.headers().etag!;
    const again = await request.get(url, { headers: { "If-None-Match": etag } });
    expect(again.status()).toBe(304);
    expect((await again.body()).length).toBe(0);
    expect(again.headers().etag).toBe(etag);
    expect(again.headers()["access-control-allow-origin"]).toBe("*");
    const stale = await request.get(url, { headers: { "If-None-Match": '"not-the-current-tag"' } });
    expect(stale.status()).toBe(200);

    const head = await request.head(url);
    expect(head.status()).toBe(200);
    expect(head.headers().etag).toBe(etag);
    expect((await head.body()).length).toBe(0);
  });

  test("serves one signatory with commitments, reports and ledger links; 404 and 400 otherwise", async ({ request }) => {
    const { data } = await getPage(request, `${API}?${DEMO}&status=active&limit=100`);
    let checked = false;
    for (const entry of data) {
      const response = await request.get(`${API}/${entry.slug}`);
      expect(response.status()).toBe(200);
      const { data: detail } = (await response.json()) as {
        data: Entry & {
          reportCount: number;
          commitmentsByPrinciple: { commitments: unknown[] }[];
          reports: { url: string }[];
          ledgerEntries: { index: number; url: string; apiUrl: string }[];
        };
      };
      expect(detail.slug).toBe(entry.slug);
      if (detail.reportCount === 0) continue;
      expect(detail.commitmentsByPrinciple.length).toBeGreaterThan(0);
      expect(detail.reports[0]!.url).toMatch(new RegExp(`/signatories/${entry.slug}/reports/\\d{4}$`));
      const ledger = detail.ledgerEntries[0]!;
      expect(ledger.url).toMatch(new RegExp(`/ledger/entries/${ledger.index}$`));
      expect((await request.get(onServer(ledger.apiUrl))).status()).toBe(200);
      checked = true;
      break;
    }
    expect(checked).toBe(true);

    const missing = await request.get(`${API}/no-such-signatory`);
    expect(missing.status()).toBe(404);
    expect(missing.headers()["access-control-allow-origin"]).toBe("*");
    expect(((await missing.json()) as ErrorBody).error.code).toBe("not_found");
    const malformed = await request.get(`${API}/Not_A_Slug`);
    expect(malformed.status()).toBe(400);
  });
});

test("the CSV parses as RFC 4180 and has one row per signatory the API counts", async ({ request }) => {
  await expect(async () => {
    const before = (await getPage(request, `${API}?limit=1`)).total;
    const response = await request.get("/signatories.csv");
    const after = (await getPage(request, `${API}?limit=1`)).total;
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8; header=present");
    expect(response.headers()["content-disposition"]).toBe('attachment; filename="tech-accord-signatories.csv"');
    expect(response.headers()["access-control-allow-origin"]).toBe("*");
    const text = await response.text();
    expect(text.endsWith("\r\n")).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(text.slice(0, -2), { header: true, delimiter: ",", newline: "\r\n" });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields?.[0]).toBe("slug");
    expect(parsed.meta.fields).toContain("profile_url");
    // A signing in another spec between the two counts would make the comparison meaningless: retry then.
    expect(before).toBe(after);
    expect(parsed.data).toHaveLength(after);
  }).toPass({ timeout: 20_000 });
});

test("the OpenAPI description is valid JSON for OpenAPI 3.1 covering the API", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["access-control-allow-origin"]).toBe("*");
  const doc = JSON.parse(await response.text()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/signatories", "/api/v1/signatories/{slug}", "/signatories.csv", "/feed.xml"]));
});

test.describe("the developers page", () => {
  test("is linked from the footer and documents the API, CSV, feed, badges and ledger", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("contentinfo").getByRole("link", { name: "Open data and API" })).toHaveAttribute("href", "/developers");
    await page.goto("/developers");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open data for developers");
    for (const heading of ["JSON API", "CSV download", "Atom feed", "Status badges", "The ledger", "OpenAPI description"]) {
      await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
    }
    const columns = page.getByRole("table", { name: "Columns of the CSV file, in order" });
    await expect(columns.getByRole("rowheader", { name: "profile_url" })).toBeVisible();
    await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toHaveAttribute("href", "/api/v1/openapi.json");
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`has no axe violations (${scheme})`, async ({ page }) => {
      // A long reference page: axe needs more than the default budget on a busy machine.
      test.setTimeout(90_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/developers");
      await expectNoViolations(page);
    });
  }

  test("fits a small phone without horizontal scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto("/developers");
    await fitsSmallPhone(page);
  });
});
