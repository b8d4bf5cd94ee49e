import "server-only";
import { eq, sql } from "drizzle-orm";
import { connection } from "next/server";
import { type BadgeState, badgeStateOf, notFoundBadge } from "@/lib/badge/status";
import { SIGNATORIES_TAG } from "@/lib/cache";
import { organisationSlugSchema } from "@/lib/validation/organisation";
import { cachedRead } from "../cached-read";
import type { Db } from "../client";
import { organisations, signatures } from "../schema";

/**
 * A badge's status: one query (the organisation by its unique slug, joined to its signatures),
 * served from the data cache and purged with the signatories, because badges are
 * embedded on other sites and fetched far more often than anything changes.
 */
export async function getBadgeState(slug: string): Promise<BadgeState> {
  await connection();
  // A malformed slug never reaches the database or becomes a cache key.
  if (!organisationSlugSchema.safeParse(slug).success) return notFoundBadge;
  return cachedBadgeState(slug);
}

const cachedBadgeState = cachedRead("badge-state", loadBadgeState, { tags: [SIGNATORIES_TAG], revalidate: 300 });

async function loadBadgeState(db: Db, slug: string): Promise<BadgeState> {
  const [row] = await db
    .select({
      name: organisations.displayName,
      status: organisations.status,
      activeVersion: sql<number | null>`max(${signatures.accordVersion}) filter (where ${signatures.withdrawnAt} is null)`.mapWith(Number),
      hasWithdrawnSignature: sql<boolean>`coalesce(bool_or(${signatures.withdrawnAt} is not null), false)`.mapWith(Boolean),
    })
    .from(organisations)
    .leftJoin(signatures, eq(signatures.organisationId, organisations.id))
    .where(eq(organisations.slug, slug))
    .groupBy(organisations.id);
  return badgeStateOf(row ?? null);
}
