import "server-only";
import { and, desc, eq, inArray, isNotNull, or } from "drizzle-orm";
import { connection } from "next/server";
import { SIGNATORIES_TAG } from "@/lib/cache";
import { FEED_EVENT_KINDS, FEED_LIMIT, type FeedEntry, isFeedEvent } from "@/lib/feed/atom";
import { ledgerEventSchema } from "@/lib/ledger/events";
import type { DirectoryFilters } from "@/lib/validation/directory";
import { cachedRead } from "../cached-read";
import type { Db } from "../client";
import { ledgerEntries, signatoryListings } from "../schema";
import { filterConditions } from "./directory";

/**
 * The newest feed events in the ledger, newest first. One query that walks the ledger's primary
 * key backwards until it has `FEED_LIMIT` matching entries (feed events are a large share of the
 * log, so it stops early), served from the data cache and purged with the signatories.
 *
 * With the directory's filters, the events of the signatories that match them as they stand now
 * (joined on the entry's organisation), and every new version of the accord, which concerns them all.
 */
export async function getFeedEntries(filters: DirectoryFilters = {}): Promise<FeedEntry[]> {
  await connection();
  const key = JSON.stringify([filters.q ?? "", filters.country ?? "", filters.sector ?? "", filters.status ?? "", filters.version ?? 0, filters.method ?? ""]);
  return key === JSON.stringify(["", "", "", "", 0, ""]) ? cachedFeedEntries() : cachedFilteredFeedEntries(key, filters);
}

// The build prerenders the static whole-registry feed (app/feed.xml/all) with no database: never served.
const cachedFeedEntries = cachedRead("feed-entries", loadFeedEntries, { tags: [SIGNATORIES_TAG], revalidate: 300, duringBuild: () => [] });
const cachedFilteredFeedEntries = cachedRead(
  "feed-entries-filtered",
  (db: Db, _key: string, filters: DirectoryFilters) => loadFilteredFeedEntries(db, filters),
  {
    tags: [SIGNATORIES_TAG],
    revalidate: 300,
  },
);

function parseRows(rows: { index: number; data: Uint8Array }[]): FeedEntry[] {
  return rows.flatMap((row) => {
    // Parsed, never cast: the same schema the ledger pages and the verifier use.
    const event = ledgerEventSchema.parse(JSON.parse(new TextDecoder().decode(row.data)));
    return isFeedEvent(event) ? [{ index: row.index, event }] : [];
  });
}

async function loadFeedEntries(db: Db): Promise<FeedEntry[]> {
  const rows = await db
    .select({ index: ledgerEntries.index, data: ledgerEntries.data })
    .from(ledgerEntries)
    .where(inArray(ledgerEntries.kind, [...FEED_EVENT_KINDS]))
    .orderBy(desc(ledgerEntries.index))
    .limit(FEED_LIMIT);
  return parseRows(rows);
}

export async function loadFilteredFeedEntries(db: Db, filters: DirectoryFilters): Promise<FeedEntry[]> {
  const rows = await db
    .select({ index: ledgerEntries.index, data: ledgerEntries.data })
    .from(ledgerEntries)
    .leftJoin(signatoryListings, eq(signatoryListings.slug, ledgerEntries.organisationSlug))
    .where(
      and(
        inArray(ledgerEntries.kind, [...FEED_EVENT_KINDS]),
        or(eq(ledgerEntries.kind, "accord.published"), and(isNotNull(signatoryListings.slug), filterConditions(filters))),
      ),
    )
    .orderBy(desc(ledgerEntries.index))
    .limit(FEED_LIMIT);
  return parseRows(rows);
}
