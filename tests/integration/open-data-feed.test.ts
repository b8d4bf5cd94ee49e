import { asc, eq, isNotNull } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBadgeState } from "@/db/queries/badges";
import { getFeedEntries } from "@/db/queries/feed";
import { getSitemapProfiles } from "@/db/queries/sitemap";
import { insertUser, setUserSiteRole } from "@/db/queries/users";
import { ledgerEntries, organisations, signatures } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { buildAtomFeed } from "@/lib/feed/atom";
import { ledgerEventSchema } from "@/lib/ledger/events";
import { moderateOrganisation } from "@/lib/orgs/moderation";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Link = { "@_href": string; "@_rel"?: string };
type AtomEntry = { id: string; title: { "#text": string }; updated: string; link: Link[]; author: { name: string }[]; category: { "@_term": string }[] };
type AtomFeed = { id: string; title: string; updated: string; link: Link[]; entry: AtomEntry[] };

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => ["entry", "link", "author", "category"].includes(name) });
const feedKinds = new Set([
  "accord.signed",
  "signature.withdrawn",
  "organisation.suspended",
  "organisation.delisted",
  "organisation.reinstated",
  "progress.reported",
  "progress.corrected",
  "transparency.published",
  "transparency.corrected",
  "concern.admitted",
  "concern.responded",
  "concern.resolved",
  "accord.published",
]);

describe.each(drivers)("open data feed, badges and sitemap on %s (demo data)", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  // The demo seed runs every organisation through the real domain functions: slow on a busy machine.
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "demo"));
    await getReadyDatabase();
  }, 600_000);
  afterAll(() => cleanup());

  /** The newest 50 feed events read straight from the log, independently of the feed's query. */
  async function newestFeedEventsInLedger() {
    const db = await getReadyDatabase();
    const rows = await db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.index));
    return rows
      .map((row) => ({ index: row.index, event: ledgerEventSchema.parse(JSON.parse(new TextDecoder().decode(row.data))) }))
      .filter((e) => feedKinds.has(e.event.kind))
      .reverse()
      .slice(0, 50);
  }

  async function feed(): Promise<AtomFeed> {
    const xml = buildAtomFeed({ siteUrl: getEnv().siteUrl, entries: await getFeedEntries(), generatedAt: new Date() });
    return (parser.parse(xml, true) as { feed: AtomFeed }).feed;
  }

  it("serves the newest 50 signatures, withdrawals, reports, figures and concerns as valid Atom, newest first", async () => {
    const expected = await newestFeedEventsInLedger();
    expect(expected).toHaveLength(50);
    const atom = await feed();
    const site = getEnv().siteUrl;

    expect(atom.id).toBe(`${site}/feed.xml`);
    expect(atom.title).toMatch(/\S/);
    expect(atom.updated).toBe(expected[0]!.event.at);
    expect(atom.link).toContainEqual({ "@_rel": "self", "@_href": `${site}/feed.xml` });

    expect(atom.entry.map((e) => e.id)).toEqual(expected.map((e) => `${site}/ledger/entries/${e.index}`));
    for (const [i, entry] of atom.entry.entries()) {
      const { event } = expected[i]!;
      expect(entry.title["#text"]).toMatch(/\S/);
      expect(entry.updated).toBe(event.at);
      // A profile, a report, the transparency figures or a concern.
      expect(entry.link[0]!["@_href"]).toMatch(new RegExp(`^${site}(/signatories/[a-z0-9-]+(/reports/\\d{4}|/transparency)?|/concerns/[0-9a-f-]{36})$`));
      expect(entry.author[0]!.name).toMatch(/\S/);
      expect(entry.category[0]!["@_term"]).toBe(event.kind);
    }
    const updated = atom.entry.map((e) => e.updated);
    expect([...updated].sort().reverse()).toEqual(updated);
    // The demo's newest events are its public concerns and transparency figures, then signatures and reports.
    expect(new Set(atom.entry.map((e) => e.category[0]!["@_term"]))).toEqual(
      new Set([
        "concern.admitted",
        "concern.responded",
        "concern.resolved",
        "transparency.published",
        "transparency.corrected",
        "signature.withdrawn",
        "progress.reported",
        "accord.signed",
      ]),
    );
    const admitted = atom.entry.find((e) => e.category[0]!["@_term"] === "concern.admitted")!;
    expect(admitted.title["#text"]).toMatch(/^A public concern about .+ was admitted$/);
    expect(admitted.author[0]!.name).toBe("Tech Accord Registry moderators");
    expect(admitted.link[0]!["@_href"]).toMatch(new RegExp(`^${site}/concerns/[0-9a-f-]{36}$`));
  });

  it("gives each demo organisation's badge its live status, and not found for unknown or malformed slugs", async () => {
    const db = await getReadyDatabase();
    const [suspended] = await db
      .select({ slug: organisations.slug, name: organisations.displayName })
      .from(organisations)
      .where(eq(organisations.status, "suspended"));
    const withdrawn = await db
      .select({ slug: organisations.slug, name: organisations.displayName })
      .from(signatures)
      .innerJoin(organisations, eq(organisations.id, signatures.organisationId))
      .where(isNotNull(signatures.withdrawnAt));
    const [first] = await db
      .select({ slug: organisations.slug, name: organisations.displayName })
      .from(organisations)
      .orderBy(asc(organisations.createdAt))
      .limit(1);

    expect(await getBadgeState(suspended!.slug)).toEqual({ kind: "suspended", name: suspended!.name });
    expect(withdrawn).toHaveLength(2);
    for (const org of withdrawn) expect(await getBadgeState(org.slug)).toEqual({ kind: "withdrawn", name: org.name });
    expect(await getBadgeState(first!.slug)).toEqual({ kind: "signed", name: first!.name, version: 1 });
    expect(await getBadgeState("no-such-organisation")).toEqual({ kind: "not-found" });
    expect(await getBadgeState("Bad Slug'; drop table organisations;--")).toEqual({ kind: "not-found" });
  });

  it("lists every listed signatory's profile for the sitemap, in slug order, capped", async () => {
    const all = await getSitemapProfiles(50_000);
    // Forty demo organisations, all signed: 37 standing, 2 withdrawn (still listed), 1 suspended.
    expect(all).toHaveLength(40);
    const slugs = all.map((p) => p.slug);
    expect([...slugs].sort()).toEqual(slugs);
    expect(all.every((p) => !Number.isNaN(Date.parse(p.updatedAt)))).toBe(true);
    expect(await getSitemapProfiles(5)).toEqual(all.slice(0, 5));
  });

  it("follows a moderator's decision: the delisting leads the feed, the badge says delisted, the sitemap drops the profile", async () => {
    const db = await getReadyDatabase();
    const moderator = await insertUser(db, { email: `moderator+feed-${driver}@registry.test`, emailVerified: new Date() });
    await setUserSiteRole(db, moderator.id, "moderator");
    const [org] = await db.select().from(organisations).where(eq(organisations.status, "verified")).orderBy(asc(organisations.slug)).limit(1);
    const { ledgerIndex } = await moderateOrganisation(
      db,
      { userId: moderator.id },
      { organisationId: org!.id, change: "delist", reason: "The company has been dissolved." },
    );

    const atom = await feed();
    expect(atom.entry).toHaveLength(50);
    expect(atom.entry[0]!.id).toBe(`${getEnv().siteUrl}/ledger/entries/${ledgerIndex}`);
    expect(atom.entry[0]!.title["#text"]).toBe(`${org!.displayName} was delisted from the Tech Accord registry`);
    expect(atom.entry[0]!.category[0]!["@_term"]).toBe("organisation.delisted");

    expect(await getBadgeState(org!.slug)).toEqual({ kind: "delisted", name: org!.displayName });
    const slugs = (await getSitemapProfiles(50_000)).map((p) => p.slug);
    expect(slugs).toHaveLength(39);
    expect(slugs).not.toContain(org!.slug);
  });
});
