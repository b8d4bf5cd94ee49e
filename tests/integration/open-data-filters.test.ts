import { asc, eq, inArray } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as searchCommitmentsApi } from "@/app/api/v1/commitments/route";
import { GET as listConcernsApi } from "@/app/api/v1/concerns/route";
import { GET as listSignatories } from "@/app/api/v1/signatories/route";
import { GET as statsApi } from "@/app/api/v1/stats/route";
import { GET as getFeed } from "@/app/feed.xml/route";
import { GET as getCsv } from "@/app/signatories.csv/route";
import { MATCH_END, MATCH_START, searchCommitments } from "@/db/queries/commitment-search";
import { getConcernsOfSubmitter, listPublicConcerns } from "@/db/queries/concerns";
import { concerns, ledgerEntries, organisations } from "@/db/schema";
import type { SignatoriesPageBody } from "@/lib/open-data/signatories";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

const SITE = "http://localhost:3000";
const request = (path: string) => new Request(`${SITE}${path}`);

type AtomEntry = { id: string; category: { "@_term": string }[]; link: { "@_href": string }[] };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => ["entry", "link", "category"].includes(name) });

async function errorOf(response: Response) {
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return ((await response.json()) as { error: { code: string; message: string; fields: Record<string, string> } }).error;
}

async function csvRows(query: string) {
  const response = await getCsv(request(`/signatories.csv${query}`));
  expect(response.status, query).toBe(200);
  const text = await response.text();
  return Papa.parse<Record<string, string>>(text.slice(0, -2), { header: true, newline: "\r\n" }).data;
}

async function apiSlugs(query: string): Promise<string[]> {
  const response = await listSignatories(request(`/api/v1/signatories${query}${query ? "&" : "?"}limit=100`));
  return ((await response.json()) as SignatoriesPageBody).data.map((e) => e.slug);
}

describe.each(drivers)("open data filters, feed, commitment search, statistics and concerns on %s (demo data)", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "demo"));
    await getReadyDatabase();
  }, 600_000);
  afterAll(() => cleanup());

  it("the CSV takes the directory's filters and sort, and matches the API's rows", async () => {
    const all = await csvRows("");
    const country = all[0]!.country!;
    const german = await csvRows(`?country=${country}`);
    expect(german.length).toBeGreaterThan(0);
    expect(german.length).toBeLessThan(all.length);
    expect(german.every((row) => row.country === country)).toBe(true);
    expect(german.map((r) => r.slug).sort()).toEqual((await apiSlugs(`?country=${country}`)).sort());
    const withdrawn = await csvRows("?status=withdrawn");
    expect(withdrawn.map((r) => r.slug).sort()).toEqual((await apiSlugs("?status=withdrawn")).sort());
    expect(withdrawn.every((r) => r.status === "withdrawn")).toBe(true);
    // Sorted as asked: newest signatures first, the same order as the API.
    const newest = await csvRows("?sort=newest");
    expect(newest.map((r) => r.slug)).toEqual(await apiSlugs("?sort=newest"));
    // A lower-case country is the directory's own normalisation.
    expect((await csvRows(`?country=${country.toLowerCase()}`)).length).toBe(german.length);
  });

  it("the CSV refuses bad filters with 400 naming each parameter", async () => {
    const error = await errorOf(await getCsv(request("/signatories.csv?country=XX&sector=spying&page=2")));
    expect(Object.keys(error.fields).sort()).toEqual(["country", "page", "sector"]);
    expect(error.fields.country).toMatch(/ISO 3166-1/);
    expect((await errorOf(await getCsv(request("/signatories.csv?country=DE&country=FR")))).fields.country).toBe("give country once");
  });

  it("the feed per filter holds only the matching signatories' events, plus accord versions; the unfiltered feed names itself", async () => {
    const all = await csvRows("");
    const country = all[0]!.country!;
    const slugs = new Set(all.filter((r) => r.country === country).map((r) => r.slug));
    const response = await getFeed(request(`/feed.xml?country=${country.toLowerCase()}`));
    expect(response.status).toBe(200);
    const feed = (parser.parse(await response.text()) as { feed: { id: string; title: string; entry: AtomEntry[] } }).feed;
    expect(feed.id).toBe(`${SITE}/feed.xml?country=${country}`);
    expect(feed.entry.length).toBeGreaterThan(0);
    for (const entry of feed.entry) {
      const kind = entry.category[0]!["@_term"];
      if (kind === "accord.published") continue;
      const slug = /\/signatories\/([a-z0-9-]+)/.exec(entry.link[0]!["@_href"])![1]!;
      expect(slugs.has(slug), `${slug} is in ${country}`).toBe(true);
    }
    // Accord versions are in the feed: the demo's one version is old, so a narrow filter shows it.
    const narrow = await getFeed(request(`/feed.xml?q=${encodeURIComponent(all[0]!.name!)}`));
    const narrowFeed = (parser.parse(await narrow.text()) as { feed: { entry: AtomEntry[] } }).feed;
    const published = narrowFeed.entry.find((e) => e.category[0]!["@_term"] === "accord.published");
    expect(published?.link[0]!["@_href"]).toBe(`${SITE}/accord/versions/1`);

    const unfiltered = await getFeed(request("/feed.xml"));
    const etag = unfiltered.headers.get("etag")!;
    expect((parser.parse(await unfiltered.text()) as { feed: { id: string } }).feed.id).toBe(`${SITE}/feed.xml`);
    // The unfiltered feed is built once per ledger state: the same tag, and 304 when the reader has it.
    expect((await getFeed(request("/feed.xml"))).headers.get("etag")).toBe(etag);
    expect((await getFeed(new Request(`${SITE}/feed.xml`, { headers: { "if-none-match": etag } }))).status).toBe(304);
    // A filtered feed is a different document with a different tag.
    expect(response.headers.get("etag")).not.toBe(etag);
  });

  it("the feed refuses bad filters with 400", async () => {
    expect((await errorOf(await getFeed(request("/feed.xml?country=Germany")))).fields).toHaveProperty("country");
    expect((await errorOf(await getFeed(request("/feed.xml?sort=newest")))).fields).toHaveProperty("sort");
    expect((await errorOf(await getFeed(request("/feed.xml?version=0")))).fields).toHaveProperty("version");
  });

  it("searches commitments with PostgreSQL text search: word forms, ranking, highlights, principle filter, pages", async () => {
    const db = await getReadyDatabase();
    const { hits: any } = await searchCommitments(db, { q: "a", limit: 1, offset: 0 });
    expect(any).toEqual([]);
    // Find a word that the demo commitments use, then search for a different form of it.
    const sample = await searchCommitments(db, { q: "vulnerability", limit: 5, offset: 0 });
    expect(sample.total).toBeGreaterThan(0);
    const stemmed = await searchCommitments(db, { q: "vulnerabilities", limit: 5, offset: 0 });
    expect(stemmed.total).toBe(sample.total);
    // Every page, and a page past the last, knows how many matched.
    const second = await searchCommitments(db, { q: "vulnerability", limit: 1, offset: 1 });
    expect(second.total).toBe(sample.total);
    const past = await searchCommitments(db, { q: "vulnerability", limit: 5, offset: sample.total + 10 });
    expect(past).toEqual({ hits: [], total: sample.total });
    const hit = sample.hits[0]!;
    expect(`${hit.title} ${hit.excerpt}`.toLowerCase()).toMatch(/vulnerab/);
    if (hit.excerpt.includes(MATCH_START)) expect(hit.excerpt).toContain(MATCH_END);
    const ranks = sample.hits.map((h) => h.rank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    const narrowed = await searchCommitments(db, { q: "vulnerability", principle: hit.principleSlug, limit: 100, offset: 0 });
    expect(narrowed.hits.every((h) => h.principleSlug === hit.principleSlug)).toBe(true);
    // Excluding the word finds none of them.
    const excluded = await searchCommitments(db, { q: "vulnerability -vulnerability", limit: 5, offset: 0 });
    expect(excluded.total).toBe(0);
    // An organisation without a public profile (pending, rejected) has no commitment in the results.
    const [owner] = await db
      .select({ id: organisations.id, status: organisations.status })
      .from(organisations)
      .where(eq(organisations.slug, hit.organisation.slug));
    await db.update(organisations).set({ status: "pending" }).where(eq(organisations.id, owner!.id));
    const hiddenResults = async () => {
      const hidden = await searchCommitments(db, { q: "vulnerability", limit: 100, offset: 0 });
      expect(hidden.total).toBeLessThan(sample.total);
      expect(hidden.hits.some((h) => h.organisation.slug === hit.organisation.slug)).toBe(false);
      return hidden;
    };
    const crowd = Array.from({ length: 501 }, (_, i) => ({
      slug: `pending-crowd-${i}`,
      legalName: `Pending Crowd ${i} Ltd`,
      displayName: `Pending Crowd ${i}`,
      primaryDomain: `pending-crowd-${i}.test`,
      country: "DE",
      sector: "software",
      status: "pending" as const,
    }));
    try {
      // A few hidden organisations are excluded by a list, many by a join: the same results.
      const few = await hiddenResults();
      await db.insert(organisations).values(crowd);
      expect(await hiddenResults()).toEqual(few);
    } finally {
      await db.delete(organisations).where(
        inArray(
          organisations.slug,
          crowd.map((c) => c.slug),
        ),
      );
      await db.update(organisations).set({ status: owner!.status }).where(eq(organisations.id, owner!.id));
    }

    const response = await searchCommitmentsApi(request(`/api/v1/commitments?q=vulnerability&limit=2`));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { id: string; excerpt: string }[]; total: number; links: { next: string | null } };
    expect(body.total).toBe(sample.total);
    expect(body.data).toHaveLength(Math.min(2, sample.total));
    expect(body.data.every((d) => !d.excerpt.includes(MATCH_START))).toBe(true);
    if (sample.total > 2) expect(body.links.next).toBe(`${SITE}/api/v1/commitments?q=vulnerability&limit=2&page=2`);
  });

  it("the commitment search API refuses a missing, overlong or repeated query and unknown parameters with 400", async () => {
    expect((await errorOf(await searchCommitmentsApi(request("/api/v1/commitments")))).fields).toHaveProperty("q");
    expect((await errorOf(await searchCommitmentsApi(request(`/api/v1/commitments?q=${"a".repeat(201)}`)))).fields.q).toMatch(/at most 200/);
    expect((await errorOf(await searchCommitmentsApi(request("/api/v1/commitments?q=a&q=b")))).fields.q).toBe("give q once");
    expect((await errorOf(await searchCommitmentsApi(request("/api/v1/commitments?q=a&limit=1000")))).fields).toHaveProperty("limit");
    expect((await errorOf(await searchCommitmentsApi(request("/api/v1/commitments?q=a&principle=Not%20A%20Slug")))).fields).toHaveProperty("principle");
    expect((await errorOf(await searchCommitmentsApi(request("/api/v1/commitments?q=a&sort=rank")))).fields).toHaveProperty("sort");
    // Search syntax is never an error: websearch_to_tsquery reads anything.
    expect((await searchCommitmentsApi(request(`/api/v1/commitments?q=${encodeURIComponent('"unclosed & | ! ( :*')}`))).status).toBe(200);
  });

  it("serves the statistics series as JSON, every month to this one with the standing count", async () => {
    const response = await statsApi(request("/api/v1/stats"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      standing: number;
      months: { month: string; joined: number; left: number; standing: number }[];
      byCountry: { country: string; name: string; count: number }[];
    };
    expect(body.standing).toBe(38);
    const last = body.months.at(-1)!;
    expect(last.standing).toBe(body.standing);
    expect(body.months.reduce((sum, m) => sum + m.joined - m.left, 0)).toBe(body.standing);
    expect(body.byCountry.reduce((sum, c) => sum + c.count, 0)).toBe(body.standing);
    expect((await errorOf(await statsApi(request("/api/v1/stats?month=2026-01")))).fields).toHaveProperty("month");
  });

  it("the demo's concerns: admitted ones in every public state through the domain functions; the API shows them without submitters", async () => {
    const db = await getReadyDatabase();
    const { rows, total } = await listPublicConcerns(db, { limit: 100, offset: 0 });
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["under_review", "upheld", "not_upheld", "withdrawn"]));
    expect(rows.some((r) => r.response !== null)).toBe(true);
    const all = await db.select().from(concerns);
    // A declined one and one waiting exist too, and never show.
    expect(all.some((c) => c.status === "declined")).toBe(true);
    expect(all.some((c) => c.status === "submitted")).toBe(true);
    expect(total).toBe(all.filter((c) => c.admittedAt !== null).length);

    const response = await listConcernsApi(request("/api/v1/concerns?status=upheld"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { status: string }[]; total: number };
    expect(body.data.every((c) => c.status === "upheld")).toBe(true);
    const text = JSON.stringify(await (await listConcernsApi(request("/api/v1/concerns?limit=100"))).json());
    for (const c of all) {
      if (c.submitterId) expect(text).not.toContain(c.submitterId);
      if (c.status === "declined" || c.status === "submitted") expect(text).not.toContain(c.id);
    }
    for (const c of all.filter((c) => c.submitterId)) {
      const mine = await getConcernsOfSubmitter(db, c.submitterId!);
      expect(mine.length).toBeGreaterThan(0);
    }
    expect((await errorOf(await listConcernsApi(request("/api/v1/concerns?status=declined")))).fields).toHaveProperty("status");
    // Appended after the rest of the demo, the concerns are dated after it: the log's times never go backwards.
    const times = (await db.select({ at: ledgerEntries.at }).from(ledgerEntries).orderBy(asc(ledgerEntries.index))).map((r) => r.at.getTime());
    const backwards = times.findIndex((t, i) => i > 0 && t < times[i - 1]!);
    expect(backwards).toBe(-1);
    expect((await errorOf(await listConcernsApi(request("/api/v1/concerns?submitter=x")))).fields).toHaveProperty("submitter");
  });
});
