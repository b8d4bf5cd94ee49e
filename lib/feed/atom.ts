import { Feed } from "feed";
import { describeEvent, type LedgerEvent, type LedgerEventKind } from "@/lib/ledger/events";
import { siteName } from "@/lib/site";
import { feedTitle } from "./discovery";
import { escapeXml, stripNonXmlCharacters } from "./xml";
import { FEED_PATH, ledgerEntryPath, profilePath } from "@/lib/paths";

/** The ledger events a follower of the registry cares about: who joined, who left, who was sanctioned, who reported. */
export const FEED_EVENT_KINDS = [
  "accord.signed",
  "signature.withdrawn",
  "organisation.suspended",
  "organisation.delisted",
  "organisation.reinstated",
  "progress.reported",
] as const satisfies readonly LedgerEventKind[];

export type FeedEventKind = (typeof FEED_EVENT_KINDS)[number];
export type FeedEvent = Extract<LedgerEvent, { kind: FeedEventKind }>;
export type FeedEntry = { index: number; event: FeedEvent };

/** How many items the feed carries: readers poll it, the full history is in the ledger. */
export const FEED_LIMIT = 50;

export function isFeedEvent(event: LedgerEvent): event is FeedEvent {
  return (FEED_EVENT_KINDS as readonly string[]).includes(event.kind);
}

type ItemText = { title: string; category: string; path: string; byRegistry: boolean };

function itemText(event: FeedEvent): ItemText {
  const { name, slug } = event.organisation;
  const profile = profilePath(slug);
  switch (event.kind) {
    case "accord.signed":
      return { title: `${name} signed version ${event.version} of the Tech Accord`, category: "New signature", path: profile, byRegistry: false };
    case "signature.withdrawn":
      return {
        title: `${name} withdrew its signature of version ${event.version} of the Tech Accord`,
        category: "Withdrawal",
        path: profile,
        byRegistry: false,
      };
    case "organisation.suspended":
      return { title: `${name} was suspended from the Tech Accord registry`, category: "Suspension", path: profile, byRegistry: true };
    case "organisation.delisted":
      return { title: `${name} was delisted from the Tech Accord registry`, category: "Delisting", path: profile, byRegistry: true };
    case "organisation.reinstated":
      return { title: `${name} was reinstated in the Tech Accord registry`, category: "Reinstatement", path: profile, byRegistry: true };
    case "progress.reported":
      return {
        title: `${name} published its ${event.year} progress report`,
        category: "Progress report",
        path: `${profile}/reports/${event.year}`,
        byRegistry: false,
      };
  }
}

/**
 * The registry's Atom feed (RFC 4287): the newest FEED_LIMIT feed events, newest first. Each item's
 * id is its ledger entry's URL (entries never change, so neither do ids); it links to the profile
 * or report and, in its content, to the entry and its proof. Titles and summaries are HTML-escaped
 * because the feed library declares them `type="html"`: a name like `<b>` must read as text.
 */
export function buildAtomFeed({ siteUrl, entries, generatedAt }: { siteUrl: string; entries: FeedEntry[]; generatedAt: Date }): string {
  const newest = [...entries].sort((a, b) => b.index - a.index).slice(0, FEED_LIMIT);
  const feed = new Feed({
    id: `${siteUrl}${FEED_PATH}`,
    title: feedTitle,
    description:
      "New signatories of the Tech Accord, withdrawals, suspensions, delistings and reinstatements, and published progress reports, newest first. Each item is an entry in the registry's public, verifiable ledger.",
    link: `${siteUrl}/signatories`,
    feedLinks: { atom: `${siteUrl}${FEED_PATH}` },
    favicon: `${siteUrl}/favicon.svg`,
    // An empty feed still needs a stable time, so that caches and readers see no change.
    updated: newest[0] ? new Date(newest[0].event.at) : generatedAt,
    author: { name: siteName, link: siteUrl },
    generator: siteName,
  });
  for (const { index, event } of newest) {
    const text = itemText(event);
    const link = `${siteUrl}${text.path}`;
    const profile = `${siteUrl}${profilePath(event.organisation.slug)}`;
    const entryUrl = `${siteUrl}${ledgerEntryPath(index)}`;
    const sentence = escapeXml(describeEvent(event));
    const at = new Date(event.at);
    const links = [
      event.kind === "progress.reported" ? `<a href="${escapeXml(link)}">The ${event.year} progress report</a>` : null,
      `<a href="${escapeXml(profile)}">${escapeXml(event.organisation.name)}'s public profile</a>`,
      `<a href="${escapeXml(entryUrl)}">Ledger entry #${index}</a>, with its inclusion proof and receipt`,
    ].filter(Boolean);
    feed.addItem({
      id: entryUrl,
      title: escapeXml(text.title),
      link,
      date: at,
      published: at,
      description: sentence,
      content: `<p>${sentence}</p><p>${links.join(" · ")}</p>`,
      author: [text.byRegistry ? { name: `${siteName} moderators`, link: siteUrl } : { name: stripNonXmlCharacters(event.organisation.name), link: profile }],
      category: [{ term: event.kind, name: text.category }],
    });
  }
  return feed.atom1();
}
