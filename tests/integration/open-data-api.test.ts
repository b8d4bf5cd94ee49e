import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listConcerns } from "@/app/api/v1/concerns/route";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { GET as getSignatory, OPTIONS as optionsSignatory } from "@/app/api/v1/signatories/[slug]/route";
import { GET as listSignatories, OPTIONS as optionsSignatories } from "@/app/api/v1/signatories/route";
import { GET as getCsv } from "@/app/signatories.csv/route";
import { organisations } from "@/db/schema";
import { insertUser, setUserSiteRole } from "@/db/queries/users";
import { moderateOrganisation } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { csvColumns } from "@/lib/open-data/csv";
import type { ApiSignatory, ApiSignatoryDetail, SignatoriesPageBody } from "@/lib/open-data/signatories";
import { encodeCursor } from "@/lib/validation/directory";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

const SITE = "http://localhost:3000";
const API = `${SITE}/api/v1/signatories`;

const request = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

async function list(query = "", headers: Record<string, string> = {}): Promise<{ response: Response; body: SignatoriesPageBody }> {
  const response = await listSignatories(request(`${API}${query}`, headers));
  expect(response.status, `${query}: ${response.status === 400 ? await response.clone().text() : ""}`).toBe(200);
  return { response, body: (await response.json()) as SignatoriesPageBody };
}

/** Follows `links.next` from a first query to the end, as a client would. */
async function walk(query: string): Promise<{ slugs: string[]; entries: ApiSignatory[]; totals: number[]; pages: number }> {
  const entries: ApiSignatory[] = [];
  const totals: number[] = [];
  let url: string | null = `${API}${query}`;
  let pages = 0;
  while (url) {
    const response = await listSignatories(request(url));
    expect(response.status).toBe(200);
    const body = (await response.json()) as SignatoriesPageBody;
    entries.push(...body.data);
    totals.push(body.total);
    expect(body.links.next === null).toBe(body.nextCursor === null);
    url = body.links.next;
    if (++pages > 200) throw new Error("the walk does not end");
  }
  return { slugs: entries.map((e) => e.slug), entries, totals, pages };
}

async function detail(slug: string, headers: Record<string, string> = {}) {
  return getSignatory(request(`${API}/${encodeURIComponent(slug)}`, headers), { params: Promise.resolve({ slug }) });
}

async function errorOf(response: Response) {
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return ((await response.json()) as { error: { code: string; message: string; fields?: Record<string, string> } }).error;
}

describe.each(drivers)("open data API on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "demo"));
    await getReadyDatabase();
  });
  afterAll(async () => {
    await cleanup();
  });

  it("lists the first page: 20 entries by name, the total, a next cursor and absolute links", async () => {
    const { response, body } = await list();
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=60/);
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(body.total).toBe(40);
    expect(body.limit).toBe(20);
    expect(body.data).toHaveLength(20);
    expect(body.nextCursor).toEqual(expect.any(String));
    expect(body.links).toEqual({ self: API, next: `${API}?cursor=${body.nextCursor}` });
    const first = body.data[0]!;
    expect(first.url).toBe(`${SITE}/signatories/${first.slug}`);
    expect(first.apiUrl).toBe(`${API}/${first.slug}`);
    expect(first.domain).toMatch(/\.example$/);
    expect(first.isDemo).toBe(true);
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(body)).not.toContain("@");
  });

  it.each(["name", "newest", "oldest"])("walks every page of sort=%s: no duplicates, nothing missed, the same order as one big page", async (sort) => {
    const query = sort === "name" ? "" : `sort=${sort}`;
    const small = await walk(`?${query}&limit=7`);
    const big = await list(`?${query}&limit=100`);
    expect(small.pages).toBe(Math.ceil(40 / 7));
    expect(new Set(small.slugs).size).toBe(small.slugs.length);
    expect(small.slugs).toHaveLength(40);
    expect(small.totals.every((t) => t === 40)).toBe(true);
    expect(small.slugs).toEqual(big.body.data.map((e) => e.slug));
    expect(big.body.nextCursor).toBeNull();
    expect(big.body.links.next).toBeNull();
    if (sort !== "name") {
      const times = small.entries.map((e) => e.signedAt);
      const sorted = [...times].sort();
      expect(times).toEqual(sort === "oldest" ? sorted : sorted.reverse());
    }
  });

  it("walks one entry at a time to the last page, which has no next cursor", async () => {
    const { slugs, pages } = await walk("?limit=1&status=withdrawn");
    expect(pages).toBe(2);
    expect(slugs).toHaveLength(2);
  });

  it("filters by status, country, sector, method, version and search, keeping totals right across pages", async () => {
    const all = (await list("?limit=100")).body.data;
    const count = (pred: (e: ApiSignatory) => boolean) => all.filter(pred).length;

    const active = await walk("?status=active&limit=10");
    expect(active.slugs).toHaveLength(37);
    expect(active.entries.every((e) => e.status === "active")).toBe(true);
    expect((await list("?status=withdrawn")).body.data.map((e) => e.status)).toEqual(["withdrawn", "withdrawn"]);
    const suspended = (await list("?status=suspended")).body;
    expect(suspended.total).toBe(1);
    expect(suspended.data[0]!.statusReason).toEqual(expect.any(String));

    const country = all[0]!.country;
    const byCountry = (await list(`?country=${country.toLowerCase()}&limit=100`)).body;
    expect(byCountry.total).toBe(count((e) => e.country === country));
    expect(byCountry.data.every((e) => e.country === country)).toBe(true);

    const sector = all[3]!.sector;
    const bySector = (await list(`?sector=${sector}&limit=100`)).body;
    expect(bySector.total).toBe(count((e) => e.sector === sector));
    expect(bySector.data.every((e) => e.sector === sector)).toBe(true);

    expect((await list("?method=email_domain")).body.total).toBe(count((e) => e.verification.method === "email_domain"));
    expect((await list("?method=dns_txt")).body.total).toBe(count((e) => e.verification.method === "dns_txt"));
    expect((await list("?version=1")).body.total).toBe(40);
    const none = (await list("?version=2")).body;
    expect(none).toMatchObject({ data: [], total: 0, nextCursor: null, links: { next: null } });

    const target = all[5]!;
    const word = target.name.split(" ")[0]!;
    const search = (await list(`?q=${encodeURIComponent(word.toUpperCase())}&limit=100`)).body;
    expect(search.data.map((e) => e.slug)).toContain(target.slug);
    expect(search.data.every((e) => `${e.name} ${e.legalName} ${e.domain}`.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    expect((await list(`?q=${encodeURIComponent(target.domain)}`)).body.data.map((e) => e.slug)).toEqual([target.slug]);

    const combined = (await list(`?status=active&country=${country}&sort=newest&limit=100`)).body;
    expect(combined.total).toBe(count((e) => e.status === "active" && e.country === country));
  });

  it("treats search text literally: wildcards and SQL-looking input find nothing rather than everything", async () => {
    for (const q of ["%", "_", "%%", "' OR 1=1 --", "\\", "a'; drop table organisations; --"]) {
      const { body } = await list(`?q=${encodeURIComponent(q)}`);
      expect(body.total, q).toBe(0);
    }
    expect((await list("?limit=1")).body.total).toBe(40);
  });

  it.each([
    ["?limit=0", "limit"],
    ["?limit=-1", "limit"],
    ["?limit=101", "limit"],
    ["?limit=abc", "limit"],
    ["?limit=1e2", "limit"],
    ["?status=pending", "status"],
    ["?status=active&status=withdrawn", "status"],
    ["?sector=weapons", "sector"],
    ["?country=XX", "country"],
    ["?country=DEU", "country"],
    ["?version=0", "version"],
    ["?version=one", "version"],
    ["?method=magic", "method"],
    ["?sort=random", "sort"],
    [`?q=${"x".repeat(101)}`, "q"],
    ["?q=%00", "q"],
    ["?q=a&q=b", "q"],
    ["?contry=DE", "contry"],
    ["?page=2", "page"],
    ["?cursor=%%%", "cursor"],
    ["?cursor=bm90IGpzb24", "cursor"],
    [`?cursor=${Buffer.from('{"s":"name"}').toString("base64url")}`, "cursor"],
    [`?cursor=${Buffer.from('{"s":"newest","k":"not a date","id":"abc"}').toString("base64url")}`, "cursor"],
    [`?sort=newest&cursor=${encodeCursor({ s: "newest", k: "+275760-09-13T00:00:00.000Z", id: "abc" })}`, "cursor"],
    [`?sort=newest&cursor=${encodeCursor({ s: "name", k: "acme", id: "acme" })}`, "cursor"],
  ])("refuses %s with a 400 naming %s", async (query, name) => {
    const response = await listSignatories(request(`${API}${query}`));
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const error = await errorOf(response);
    expect(error.code).toBe("invalid");
    expect(error.message).toContain(`"${name}"`);
    expect(Object.keys(error.fields ?? {})).toContain(name);
  });

  it("treats a well-formed cursor that names no row as a position between rows, not an error", async () => {
    const first = (await list("?sort=newest&limit=3")).body;
    const cursor = JSON.parse(Buffer.from(first.nextCursor!, "base64url").toString()) as { s: string; k: string; id: string };
    // A well-formed cursor pointing somewhere that is not a row is simply a position.
    const elsewhere = encodeCursor({ s: "newest", k: new Date(Date.parse(cursor.k) - 1).toISOString(), id: "zzz-not-a-slug" });
    const response = await listSignatories(request(`${API}?sort=newest&cursor=${elsewhere}`));
    expect(response.status).toBe(200);
  });

  it("answers If-None-Match with 304 and no body while the data is unchanged", async () => {
    const { response } = await list("?status=active");
    const etag = response.headers.get("etag")!;
    const again = await listSignatories(request(`${API}?status=active`, { "If-None-Match": etag }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("access-control-allow-origin")).toBe("*");
    const other = await listSignatories(request(`${API}?status=withdrawn`, { "If-None-Match": etag }));
    expect(other.status).toBe(200);
    expect(other.headers.get("etag")).not.toBe(etag);
  });

  it("answers the CORS preflight for reads and conditional requests", async () => {
    for (const response of [optionsSignatories(), optionsSignatory()]) {
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS");
      expect(response.headers.get("access-control-allow-headers")).toMatch(/If-None-Match/i);
    }
  });

  it("serves one signatory with its signatures, commitments by principle, reports and ledger entries", async () => {
    const all = (await list("?limit=100&status=active")).body.data;
    const reporter = all.find((e) => e.reportCount > 0)!;
    expect(reporter).toBeDefined();
    const response = await detail(reporter.slug);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("etag")).toMatch(/^".+"$/);
    const { data } = (await response.json()) as { data: ApiSignatoryDetail };
    expect(data).toMatchObject(reporter);
    expect(data.description).toEqual(expect.any(String));
    expect(data.commitmentsByPrinciple.flatMap((g) => g.commitments)).toHaveLength(reporter.commitmentCount);
    for (const group of data.commitmentsByPrinciple) {
      expect(group.principle.slug).toMatch(/^[a-z0-9-]+$/);
      for (const c of group.commitments) {
        expect(["planned", "in_progress", "achieved", "discontinued"]).toContain(c.status);
        expect(c.contentHash).toMatch(/^[0-9a-f]{64}$/);
        expect(c.revision).toBeGreaterThanOrEqual(1);
      }
    }
    expect(data.reports).toHaveLength(reporter.reportCount);
    expect(data.reports[0]!.url).toBe(`${SITE}/signatories/${reporter.slug}/reports/${data.reports[0]!.year}`);
    expect(data.signatures[0]).toMatchObject({ version: reporter.accordVersion, contentHash: reporter.contentHash, withdrawnAt: null });
    const indexes = data.ledgerEntries.map((e) => e.index);
    expect(indexes).toContain(reporter.signatureLedgerIndex);
    for (const report of data.reports) expect(indexes).toContain(report.ledgerIndex);
    expect([...indexes].sort((a, b) => b - a)).toEqual(indexes);
    const signed = data.ledgerEntries.find((e) => e.index === reporter.signatureLedgerIndex)!;
    expect(signed).toEqual({
      index: signed.index,
      kind: "accord.signed",
      at: expect.any(String),
      url: `${SITE}/ledger/entries/${signed.index}`,
      apiUrl: `${SITE}/api/v1/ledger/entries/${signed.index}`,
    });
    expect(JSON.stringify(data)).not.toMatch(/@|userId|token/);
    // Its figures and the concerns about it are one link away, and the links answer.
    expect(data.transparency.apiUrl).toBe(`${SITE}/api/v1/transparency?signatory=${reporter.slug}`);
    expect(data.concerns.apiUrl).toBe(`${SITE}/api/v1/concerns?signatory=${reporter.slug}`);
    const concerns = (await (await listConcerns(new Request(data.concerns.apiUrl))).json()) as { total: number };
    expect(data.concerns.total).toBe(concerns.total);
    // A signatory the demo's admitted concerns are about counts them.
    const admitted = (await (await listConcerns(new Request(`${SITE}/api/v1/concerns`))).json()) as { data: { signatory: { slug: string } }[] };
    const concerned = admitted.data[0]!.signatory.slug;
    const theirs = (await (await listConcerns(new Request(`${SITE}/api/v1/concerns?signatory=${concerned}`))).json()) as { total: number };
    expect(theirs.total).toBeGreaterThan(0);
    const concernedDetail = ((await (await detail(concerned)).json()) as { data: ApiSignatoryDetail }).data;
    expect(concernedDetail.concerns).toEqual({
      total: theirs.total,
      url: `${SITE}/signatories/${concerned}#concerns-heading`,
      apiUrl: `${SITE}/api/v1/concerns?signatory=${concerned}`,
    });

    const again = await detail(reporter.slug, { "If-None-Match": response.headers.get("etag")! });
    expect(again.status).toBe(304);
  });

  it("serves withdrawn and suspended signatories, with their status and reason", async () => {
    const withdrawn = (await list("?status=withdrawn")).body.data[0]!;
    const body = (await (await detail(withdrawn.slug)).json()) as { data: ApiSignatoryDetail };
    expect(body.data.status).toBe("withdrawn");
    expect(body.data.signatures.some((s) => s.withdrawnAt && s.withdrawalReason)).toBe(true);
    expect(body.data.ledgerEntries.some((e) => e.kind === "signature.withdrawn")).toBe(true);
    const suspended = (await list("?status=suspended")).body.data[0]!;
    expect(((await (await detail(suspended.slug)).json()) as { data: ApiSignatoryDetail }).data.status).toBe("suspended");
  });

  it("refuses malformed slugs with 400 and unknown ones with 404, both as JSON with CORS", async () => {
    for (const slug of ["Bad_Slug", "a", "x".repeat(65), "-lead", "two--hyphens", "ünï", "a b"]) {
      const response = await detail(slug);
      expect(response.status, slug).toBe(400);
      const error = await errorOf(response);
      expect(error.message).toMatch(/slug/);
    }
    const missing = await detail("no-such-organisation");
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe("not_found");
    const slug = (await list("?limit=1")).body.data[0]!.slug;
    const withQuery = await getSignatory(request(`${API}/${slug}?format=xml`), { params: Promise.resolve({ slug }) });
    expect(withQuery.status).toBe(400);
    expect((await errorOf(withQuery)).fields).toHaveProperty("format");
  });

  it("streams every listed signatory as RFC 4180 CSV whose rows match the API", async () => {
    const response = await getCsv(request(`${SITE}/signatories.csv`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="tech-accord-signatories.csv"');
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.body).toBeInstanceOf(ReadableStream);
    const text = await response.text();
    expect(text.endsWith("\r\n")).toBe(true);
    // The demo data has no line breaks inside fields, so every LF must end a CRLF.
    expect(text).not.toMatch(/[^\r]\n/);
    const parsed = Papa.parse<Record<string, string>>(text.slice(0, -2), { header: true, delimiter: ",", newline: "\r\n" });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(csvColumns.map((c) => c.name));
    const api = (await list("?limit=100")).body;
    expect(parsed.data).toHaveLength(api.total);
    const slugs = parsed.data.map((row) => row.slug!);
    expect(slugs).toEqual([...slugs].sort());
    expect(new Set(slugs)).toEqual(new Set(api.data.map((e) => e.slug)));
    const sample = api.data[0]!;
    expect(parsed.data.find((row) => row.slug === sample.slug)).toMatchObject({
      name: sample.name,
      domain: sample.domain,
      status: sample.status,
      accord_version: String(sample.accordVersion),
      signed_at: sample.signedAt,
      profile_url: sample.url,
    });
  });

  it("streams the CSV in batches: reading it does not need the whole file at once", async () => {
    const response = await getCsv(request(`${SITE}/signatories.csv`));
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^slug,name,/);
    await reader.cancel();
  });

  it("refuses unknown parameters and bad filter values on the CSV rather than ignoring them", async () => {
    const unknown = await getCsv(request(`${SITE}/signatories.csv?format=json`));
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).fields).toHaveProperty("format");
    const bad = await getCsv(request(`${SITE}/signatories.csv?status=sleeping`));
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).fields).toHaveProperty("status");
  });

  it("serves the OpenAPI document for this site", async () => {
    const response = await getOpenApi(request(`${SITE}/api/v1/openapi.json`));
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; servers: { url: string }[] };
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.servers).toEqual([{ url: SITE }]);
  });

  it("drops delisted and never-signed organisations from the list, the detail and the CSV", async () => {
    const db = await getReadyDatabase();
    const moderator = await insertUser(db, { email: "open-data-moderator@registry.test", emailVerified: new Date() });
    await setUserSiteRole(db, moderator.id, "moderator");
    const victim = (await list("?status=active&limit=1")).body.data[0]!;
    const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, victim.slug));
    await moderateOrganisation(db, { userId: moderator.id }, { organisationId: org!.id, change: "delist", reason: "Found to sell intrusion tooling" });

    const owner = await insertUser(db, { email: "owner@unsigned-open-data.test", emailVerified: new Date() });
    const unsigned = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: "Unsigned Ltd", displayName: "Unsigned", primaryDomain: "unsigned-open-data.test", country: "FR", sector: "software" },
    );
    await verifyByEmailDomain(db, { userId: owner.id }, unsigned.id);

    expect((await detail(victim.slug)).status).toBe(404);
    expect((await detail(unsigned.slug)).status).toBe(404);
    const all = await walk("?limit=50");
    expect(all.slugs).toHaveLength(39);
    expect(all.slugs).not.toContain(victim.slug);
    expect(all.slugs).not.toContain(unsigned.slug);
    const csv = await (await getCsv(request(`${SITE}/signatories.csv`))).text();
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(40);
    expect(csv).not.toContain(victim.domain);
  });
});
