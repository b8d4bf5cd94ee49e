import "server-only";
import { desc, inArray } from "drizzle-orm";
import { connection } from "next/server";
import { SIGNATORIES_TAG } from "@/lib/cache";
import { FEED_EVENT_KINDS, FEED_LIMIT, type FeedEntry, isFeedEvent } from "@/lib/feed/atom";
import { ledgerEventSchema } from "@/lib/ledger/events";
import { cachedRead } from "../cached-read";
import type { Db } from "../client";
import { ledgerEntries } from "../schema";

/**
 * The newest feed events in the ledger, newest first. One query that walks the ledger's primary
 * key backwards until it has `FEED_LIMIT` matching entries (feed events are a large share of the
 * log, so it stops early), served from the data cache and purged with the signatories.
 */
export async function getFeedEntries(): Promise<FeedEntry[]> {
  await connection();
  return cachedFeedEntries();
}

const cachedFeedEntries = cachedRead("feed-entries", loadFeedEntries, { tags: [SIGNATORIES_TAG], revalidate: 300 });

async function loadFeedEntries(db: Db): Promise<FeedEntry[]> {
  const rows = await db
    .select({ index: ledgerEntries.index, data: ledgerEntries.data })
    .from(ledgerEntries)
    .where(inArray(ledgerEntries.kind, [...FEED_EVENT_KINDS]))
    .orderBy(desc(ledgerEntries.index))
    .limit(FEED_LIMIT);
  return rows.flatMap((row) => {
    // Parsed, never cast: the same schema the ledger pages and the verifier use.
    const event = ledgerEventSchema.parse(JSON.parse(new TextDecoder().decode(row.data)));
    return isFeedEvent(event) ? [{ index: row.index, event }] : [];
  });
}
