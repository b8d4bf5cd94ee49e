import "server-only";
import { eq, sql } from "drizzle-orm";
import { unstable_cache } from "next/cache";
import { connection } from "next/server";
import { type BadgeState, badgeStateOf, notFoundBadge } from "@/lib/badge/status";
import { SIGNATORIES_TAG, databaseCacheKey } from "@/lib/cache";
import { organisationSlugSchema } from "@/lib/validation/organisation";
import { getReadyDatabase } from "../client";
import { organisations } from "../schema";

/**
 * A badge's status: one indexed lookup (the organisation by slug, its signatures by correlated
 * subqueries), served from the data cache and purged with the signatories, because badges are
 * embedded on other sites and fetched far more often than anything changes.
 */
export async function getBadgeState(slug: string): Promise<BadgeState> {
  await connection();
  // A malformed slug never reaches the database or becomes a cache key.
  if (!organisationSlugSchema.safeParse(slug).success) return notFoundBadge;
  return cachedBadgeState(databaseCacheKey(), slug);
}

const cachedBadgeState = unstable_cache(async (_database: string, slug: string) => loadBadgeState(slug), ["badge-state"], { tags: [SIGNATORIES_TAG], revalidate: 300 });

async function loadBadgeState(slug: string): Promise<BadgeState> {
  const db = await getReadyDatabase();
  const [row] = await db
    .select({
      name: organisations.displayName,
      status: organisations.status,
      activeVersion: sql<number | null>`(select max(s.accord_version) from signatures s where s.organisation_id = ${organisations.id} and s.withdrawn_at is null)`.mapWith(Number),
      hasWithdrawnSignature: sql<boolean>`exists (select 1 from signatures s where s.organisation_id = ${organisations.id} and s.withdrawn_at is not null)`.mapWith(Boolean),
    })
    .from(organisations)
    .where(eq(organisations.slug, slug))
    .limit(1);
  return badgeStateOf(row ?? null);
}
