import { Feed } from "feed";
import { describeEvent, type LedgerEvent, type LedgerEventKind } from "@/lib/ledger/events";
import { siteName } from "@/lib/site";
import { feedTitle } from "./discovery";
import { escapeXml, stripNonXmlCharacters } from "./xml";
import { concernPath, FEED_PATH, ledgerEntryPath, profilePath, reportPath, signatoryTransparencyPath, versionPath } from "@/lib/paths";

/**
 * The ledger events a follower of the registry cares about: who joined, who left, who was
 * sanctioned, who reported (and corrected a report), the transparency figures on government
 * requests, public concerns with their responses and outcomes, and new versions of the accord.
 */
export const FEED_EVENT_KINDS = [
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
] as const satisfies readonly LedgerEventKind[];

export type FeedEventKind = (typeof FEED_EVENT_KINDS)[number];
export type FeedEvent = Extract<LedgerEvent, { kind: FeedEventKind }>;
export type FeedEntry = { index: number; event: FeedEvent };

/** How many items the feed carries: readers poll it, the full history is in the ledger. */
export const FEED_LIMIT = 50;

export function isFeedEvent(event: LedgerEvent): event is FeedEvent {
  return (FEED_EVENT_KINDS as readonly string[]).includes(event.kind);
}

/** Who acted: the organisation itself, the registry's editors or moderators, or a concern's submitter (never named). */
type Actor = "organisation" | "editors" | "moderators" | "submitter";
type ItemText = { title: string; category: string; path: string; by: Actor };

function itemText(event: FeedEvent): ItemText {
  if (event.kind === "accord.published") {
    return {
      title: `Version ${event.version} of the Tech Accord was published`,
      category: "Accord version",
      path: versionPath(event.version),
      by: "editors",
    };
  }
  const { name, slug } = event.organisation;
  const profile = profilePath(slug);
  switch (event.kind) {
    case "accord.signed":
      return { title: `${name} signed version ${event.version} of the Tech Accord`, category: "New signature", path: profile, by: "organisation" };
    case "signature.withdrawn":
      return {
        title: `${name} withdrew its signature of version ${event.version} of the Tech Accord`,
        category: "Withdrawal",
        path: profile,
        by: "organisation",
      };
    case "organisation.suspended":
      return { title: `${name} was suspended from the Tech Accord registry`, category: "Suspension", path: profile, by: "moderators" };
    case "organisation.delisted":
      return { title: `${name} was delisted from the Tech Accord registry`, category: "Delisting", path: profile, by: "moderators" };
    case "organisation.reinstated":
      return { title: `${name} was reinstated in the Tech Accord registry`, category: "Reinstatement", path: profile, by: "moderators" };
    case "progress.reported":
      return {
        title: `${name} published its ${event.year} progress report`,
        category: "Progress report",
        path: reportPath(slug, event.year),
        by: "organisation",
      };
    case "progress.corrected":
      return {
        title: `${name} corrected its ${event.year} progress report`,
        category: "Report correction",
        path: reportPath(slug, event.year),
        by: "organisation",
      };
    case "transparency.published":
      return {
        title: `${name} published its transparency report for ${event.period}`,
        category: "Transparency report",
        path: signatoryTransparencyPath(slug),
        by: "organisation",
      };
    case "transparency.corrected":
      return {
        title: `${name} corrected its transparency report for ${event.period}`,
        category: "Transparency correction",
        path: signatoryTransparencyPath(slug),
        by: "organisation",
      };
    case "concern.admitted":
      return { title: `A public concern about ${name} was admitted`, category: "Public concern", path: concernPath(event.concernId), by: "moderators" };
    case "concern.responded":
      return { title: `${name} responded to a public concern`, category: "Concern response", path: concernPath(event.concernId), by: "organisation" };
    case "concern.resolved":
      return {
        title: `A public concern about ${name} was ${{ upheld: "upheld", not_upheld: "not upheld", withdrawn: "withdrawn by its submitter" }[event.outcome]}`,
        category: "Concern outcome",
        path: concernPath(event.concernId),
        // The submitter withdrew it; a moderator decided the others.
        by: event.outcome === "withdrawn" ? "submitter" : "moderators",
      };
  }
}

/** The link in an item's content to the page its title is about, when that is not the profile. */
function pageLinkText(event: FeedEvent): string | null {
  switch (event.kind) {
    case "progress.reported":
    case "progress.corrected":
      return `The ${event.year} progress report`;
    case "transparency.published":
    case "transparency.corrected":
      return "The transparency reports";
    case "concern.admitted":
    case "concern.responded":
    case "concern.resolved":
      return "The concern, its response and outcome";
    case "accord.published":
      return `Version ${event.version} and what changed`;
    default:
      return null;
  }
}

/**
 * The registry's Atom feed (RFC 4287): the newest FEED_LIMIT feed events, newest first. Each item's
 * id is its ledger entry's URL (entries never change, so neither do ids); it links to the profile
 * or report and, in its content, to the entry and its proof. Titles and summaries are HTML-escaped
 * because the feed library declares them `type="html"`: a name like `<b>` must read as text.
 */
export function buildAtomFeed({
  siteUrl,
  entries,
  generatedAt,
  query = "",
  filterTitle,
}: {
  siteUrl: string;
  entries: FeedEntry[];
  generatedAt: Date;
  /** The filters' canonical query string ("?country=DE"): a filtered feed is its own feed, with its own id. */
  query?: string;
  /** What the filters select, in words ("Signatories in Germany"), for the title. */
  filterTitle?: string;
}): string {
  const newest = [...entries].sort((a, b) => b.index - a.index).slice(0, FEED_LIMIT);
  const self = `${siteUrl}${FEED_PATH}${query}`;
  const feed = new Feed({
    id: self,
    title: filterTitle ? `${feedTitle} (${filterTitle})` : feedTitle,
    description: `${filterTitle ? `${filterTitle}: n` : "N"}ew signatories of the Tech Accord, withdrawals, suspensions, delistings and reinstatements, progress reports, transparency reports on government requests, public concerns with their responses and outcomes, and new versions of the accord, newest first. Each item is an entry in the registry's public, verifiable ledger.`,
    link: `${siteUrl}/signatories${query}`,
    feedLinks: { atom: self },
    favicon: `${siteUrl}/favicon.svg`,
    // An empty feed still needs a stable time, so that caches and readers see no change.
    updated: newest[0] ? new Date(newest[0].event.at) : generatedAt,
    author: { name: siteName, link: siteUrl },
    generator: siteName,
  });
  for (const { index, event } of newest) {
    const text = itemText(event);
    const link = `${siteUrl}${text.path}`;
    const organisation = event.kind === "accord.published" ? null : event.organisation;
    const profile = organisation ? `${siteUrl}${profilePath(organisation.slug)}` : null;
    const entryUrl = `${siteUrl}${ledgerEntryPath(index)}`;
    const sentence = escapeXml(describeEvent(event));
    const at = new Date(event.at);
    const pageLink = pageLinkText(event);
    const links = [
      pageLink ? `<a href="${escapeXml(link)}">${pageLink}</a>` : null,
      organisation && profile ? `<a href="${escapeXml(profile)}">${escapeXml(organisation.name)}'s public profile</a>` : null,
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
      author: [
        text.by === "organisation" && organisation && profile
          ? { name: stripNonXmlCharacters(organisation.name), link: profile }
          : // A concern's submitter is never named: the registry that published the withdrawal stands in.
            { name: text.by === "submitter" ? siteName : `${siteName} ${text.by === "editors" ? "editors" : "moderators"}`, link: siteUrl },
      ],
      category: [{ term: event.kind, name: text.category }],
    });
  }
  return feed.atom1();
}
