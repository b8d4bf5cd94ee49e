import "server-only";
import { asc } from "drizzle-orm";
import { connection } from "next/server";
import { SIGNATORIES_TAG } from "@/lib/cache";
import { cachedRead } from "../cached-read";
import type { Db } from "../client";
import { signatoryListings } from "../schema";

/**
 * The listed signatories' profiles (verified or suspended organisations that have signed, withdrawn
 * ones included) with when each row last changed, at most `limit`, in slug order: one scan of the
 * directory table, served from the data cache and purged with the signatories.
 */
export async function getSitemapProfiles(limit: number): Promise<{ slug: string; updatedAt: string }[]> {
  await connection();
  return cachedSitemapProfiles(limit);
}

const cachedSitemapProfiles = cachedRead(
  "sitemap-profiles",
  async (db: Db, limit: number) => {
    const rows = await db
      .select({ slug: signatoryListings.slug, updatedAt: signatoryListings.updatedAt })
      .from(signatoryListings)
      .orderBy(asc(signatoryListings.slug))
      .limit(limit);
    return rows.map((r) => ({ slug: r.slug, updatedAt: r.updatedAt.toISOString() }));
  },
  { tags: [SIGNATORIES_TAG], revalidate: 3600 },
);
