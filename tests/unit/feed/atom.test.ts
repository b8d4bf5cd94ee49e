import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { FEED_LIMIT, type FeedEntry, buildAtomFeed, isFeedEvent } from "@/lib/feed/atom";
import { ledgerEventSchema } from "@/lib/ledger/events";

const siteUrl = "https://registry.example";
const hash = "a".repeat(64);
const org = (name: string, slug: string) => ({ name, slug, domain: `${slug}.example` });
const at = (day: number) => new Date(Date.UTC(2026, 0, day, 12)).toISOString();

/** Entries are built through the ledger's own schema, so the tests use events the log could hold. */
function entry(index: number, event: Record<string, unknown>): FeedEntry {
  const parsed = ledgerEventSchema.parse(event);
  if (!isFeedEvent(parsed)) throw new Error(`${parsed.kind} is not a feed event`);
  return { index, event: parsed };
}

const acme = org("Acme Cloud", "acme-cloud");
const sample: FeedEntry[] = [
  entry(3, { kind: "accord.signed", at: at(1), organisation: acme, version: 1, contentHash: hash, signer: { name: "Ada Example", title: "CEO" } }),
  entry(7, { kind: "progress.reported", at: at(2), organisation: acme, year: 2026, contentHash: hash }),
  entry(9, { kind: "organisation.suspended", at: at(3), organisation: acme, reason: "Sold intrusion software." }),
  entry(10, { kind: "organisation.reinstated", at: at(4), organisation: acme, reason: "Evidence disproved." }),
  entry(12, { kind: "signature.withdrawn", at: at(5), organisation: acme, version: 1, reason: "Acquired." }),
  entry(15, { kind: "organisation.delisted", at: at(6), organisation: acme, reason: "Company dissolved." }),
];

type Link = { "@_href": string; "@_rel"?: string };
type Entry = {
  id: string;
  title: { "#text": string; "@_type": string };
  updated: string;
  published: string;
  link: Link[];
  summary: { "#text": string };
  content: { "#text": string };
  author: { name: string; uri: string }[];
  category: { "@_term": string; "@_label": string }[];
};
type Feed = { id: string; title: string; updated: string; link: Link[]; author: { name: string }[]; entry?: Entry[] };

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => ["entry", "link", "author", "category"].includes(name) });

function parse(xml: string): Feed {
  return (parser.parse(xml, true) as { feed: Feed & { "@_xmlns": string } }).feed;
}

/** Titles and summaries are `type="html"`: a reader unescapes them once to get the text. */
const unescapeHtml = (html: string) => html.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);

describe("Atom feed", () => {
  const generatedAt = new Date("2026-02-01T00:00:00Z");

  it("has the feed-level elements RFC 4287 requires, on the site's URL", () => {
    const xml = buildAtomFeed({ siteUrl, entries: sample, generatedAt });
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    const feed = parse(xml);
    expect(feed.id).toBe(`${siteUrl}/feed.xml`);
    expect(feed.title).toBe("Tech Accord Registry: signatures and status changes");
    // The feed changed when its newest item did, not when it was generated.
    expect(feed.updated).toBe(at(6));
    expect(feed.link).toEqual(
      expect.arrayContaining([
        { "@_rel": "self", "@_href": `${siteUrl}/feed.xml` },
        { "@_rel": "alternate", "@_href": `${siteUrl}/signatories` },
      ]),
    );
    expect(feed.author[0]!.name).toBe("Tech Accord Registry");
  });

  it("lists each event newest first, identified by its ledger entry, linked to the profile or report", () => {
    const feed = parse(buildAtomFeed({ siteUrl, entries: sample, generatedAt }));
    const entries = feed.entry!;
    expect(entries.map((e) => e.id)).toEqual([15, 12, 10, 9, 7, 3].map((i) => `${siteUrl}/ledger/entries/${i}`));
    expect(entries.map((e) => unescapeHtml(e.title["#text"]))).toEqual([
      "Acme Cloud was delisted from the Tech Accord registry",
      "Acme Cloud withdrew its signature of version 1 of the Tech Accord",
      "Acme Cloud was reinstated in the Tech Accord registry",
      "Acme Cloud was suspended from the Tech Accord registry",
      "Acme Cloud published its 2026 progress report",
      "Acme Cloud signed version 1 of the Tech Accord",
    ]);
    expect(entries.map((e) => e.updated)).toEqual([6, 5, 4, 3, 2, 1].map(at));
    expect(entries.map((e) => e.category[0]!["@_term"])).toEqual([
      "organisation.delisted",
      "signature.withdrawn",
      "organisation.reinstated",
      "organisation.suspended",
      "progress.reported",
      "accord.signed",
    ]);
    const profile = `${siteUrl}/signatories/acme-cloud`;
    expect(entries.map((e) => e.link[0]!["@_href"])).toEqual([profile, profile, profile, profile, `${profile}/reports/2026`, profile]);
    for (const e of entries) {
      // The content links to the ledger entry that proves the event, and to the profile.
      expect(e.content["#text"]).toContain(`<a href="${e.id}">Ledger entry #`);
      expect(e.content["#text"]).toContain(`<a href="${profile}">`);
      expect(e.summary["#text"]).toMatch(/^Acme Cloud /);
    }
    expect(unescapeHtml(entries[3]!.summary["#text"])).toBe("Acme Cloud was suspended: Sold intrusion software.");
    // Moderators act on the organisation; the organisation acts for itself.
    expect(entries.map((e) => e.author[0]!.name)).toEqual([
      "Tech Accord Registry moderators",
      "Acme Cloud",
      "Tech Accord Registry moderators",
      "Tech Accord Registry moderators",
      "Acme Cloud",
      "Acme Cloud",
    ]);
    expect(entries[1]!.author[0]!.uri).toBe(profile);
  });

  it("carries corrections, transparency figures and public concerns, each linked to its own page", () => {
    const concernId = "0b5c3c1e-8d4f-4a6b-9c1d-2e3f4a5b6c7d";
    const accountability = [
      entry(20, { kind: "progress.corrected", at: at(7), organisation: acme, year: 2026, revision: 2, reason: "Wrong count.", contentHash: hash }),
      entry(21, { kind: "transparency.published", at: at(8), organisation: acme, period: "2025-H2", revision: 1, contentHash: hash }),
      entry(22, {
        kind: "transparency.corrected",
        at: at(9),
        organisation: acme,
        period: "2025-H2",
        revision: 2,
        reason: "A court order was missing.",
        contentHash: hash,
      }),
      entry(23, { kind: "concern.admitted", at: at(10), organisation: acme, concernId, principle: "No attacks on civilians", contentHash: hash }),
      entry(24, { kind: "concern.responded", at: at(11), organisation: acme, concernId, contentHash: hash }),
      entry(25, { kind: "concern.resolved", at: at(12), organisation: acme, concernId, outcome: "not_upheld", reason: "The tool was never sold." }),
      entry(26, { kind: "concern.resolved", at: at(13), organisation: acme, concernId, outcome: "withdrawn", reason: "Withdrawn by its submitter." }),
    ];
    const entries = parse(buildAtomFeed({ siteUrl, entries: accountability, generatedAt })).entry!;
    const profile = `${siteUrl}/signatories/acme-cloud`;
    const concern = `${siteUrl}/concerns/${concernId}`;
    expect(entries.map((e) => [e.category[0]!["@_term"], unescapeHtml(e.title["#text"]), e.link[0]!["@_href"], e.author[0]!.name])).toEqual([
      // Withdrawn by its submitter, who is never named, and not by the organisation.
      ["concern.resolved", "A public concern about Acme Cloud was withdrawn by its submitter", concern, "Tech Accord Registry"],
      ["concern.resolved", "A public concern about Acme Cloud was not upheld", concern, "Tech Accord Registry moderators"],
      ["concern.responded", "Acme Cloud responded to a public concern", concern, "Acme Cloud"],
      ["concern.admitted", "A public concern about Acme Cloud was admitted", concern, "Tech Accord Registry moderators"],
      ["transparency.corrected", "Acme Cloud corrected its transparency report for 2025-H2", `${profile}/transparency`, "Acme Cloud"],
      ["transparency.published", "Acme Cloud published its transparency report for 2025-H2", `${profile}/transparency`, "Acme Cloud"],
      ["progress.corrected", "Acme Cloud corrected its 2026 progress report", `${profile}/reports/2026`, "Acme Cloud"],
    ]);
    for (const e of entries) {
      // Linked to its own page, the profile and the ledger entry; the summary keeps the public reason.
      expect(e.content["#text"]).toContain(`<a href="${e.link[0]!["@_href"]}">`);
      expect(e.content["#text"]).toContain(`<a href="${profile}">`);
      expect(e.content["#text"]).toContain(`<a href="${e.id}">Ledger entry #`);
    }
    expect(unescapeHtml(entries[1]!.summary["#text"])).toBe("A public concern about Acme Cloud was not upheld: The tool was never sold.");
  });

  it(`keeps only the newest ${FEED_LIMIT} events`, () => {
    const many = Array.from({ length: FEED_LIMIT + 20 }, (_, i) =>
      entry(i, {
        kind: "accord.signed",
        at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
        organisation: org(`Org ${i}`, `org-${i}`),
        version: 1,
        contentHash: hash,
        signer: { name: "S", title: "T" },
      }),
    );
    const entries = parse(buildAtomFeed({ siteUrl, entries: many, generatedAt })).entry!;
    expect(entries).toHaveLength(FEED_LIMIT);
    expect(entries[0]!.id).toBe(`${siteUrl}/ledger/entries/${FEED_LIMIT + 19}`);
    expect(entries.at(-1)!.id).toBe(`${siteUrl}/ledger/entries/20`);
  });

  it("escapes names and reasons: markup in them is text, and the XML stays well-formed", () => {
    const evil = org(`<b>Evil</b> & "Sons" ]]> Ltd`, "evil");
    const xml = buildAtomFeed({
      siteUrl,
      entries: [entry(1, { kind: "organisation.suspended", at: at(1), organisation: evil, reason: "</summary><script>alert(1)</script>" })],
      generatedAt,
    });
    expect(xml).not.toContain("<b>Evil");
    expect(xml).not.toContain("<script>");
    const [e] = parse(xml).entry!;
    expect(e!.title["@_type"]).toBe("html");
    expect(unescapeHtml(e!.title["#text"])).toBe(`<b>Evil</b> & "Sons" ]]> Ltd was suspended from the Tech Accord registry`);
    expect(unescapeHtml(e!.summary["#text"])).toBe(`<b>Evil</b> & "Sons" ]]> Ltd was suspended: </summary><script>alert(1)</script>`);
  });

  it("is still a valid feed with no events, dated when it was generated", () => {
    const feed = parse(buildAtomFeed({ siteUrl, entries: [], generatedAt }));
    expect(feed.updated).toBe(generatedAt.toISOString());
    expect(feed.entry).toBeUndefined();
  });

  it("counts signatures, withdrawals, moderation, reports, figures and concerns, not verifications or commitments", () => {
    const verified = ledgerEventSchema.parse({ kind: "organisation.verified", at: at(1), organisation: acme, method: "dns_txt" });
    const commitment = ledgerEventSchema.parse({
      kind: "commitment.registered",
      at: at(1),
      organisation: acme,
      commitmentId: "0b5c3c1e-8d4f-4a6b-9c1d-2e3f4a5b6c7d",
      principle: "p",
      contentHash: hash,
    });
    expect(isFeedEvent(verified)).toBe(false);
    expect(isFeedEvent(commitment)).toBe(false);
    expect(sample.every((e) => isFeedEvent(e.event))).toBe(true);
  });
});
