import "server-only";
import { and, asc, count, eq, gt, gte, inArray, lte, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { domainClaims, domainProofs, memberships, organisations, publicOrganisationStatuses, users, type DomainClaim } from "../schema";

/**
 * Serialises everything that decides who holds a domain (registering, proving, closing claims)
 * for one key, across app instances: a transaction-scoped advisory lock on the key's hash.
 */
export async function lockClaimKey(tx: DbOrTx, key: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`claims:${key}`}))`);
}

export async function insertClaim(tx: DbOrTx, values: typeof domainClaims.$inferInsert) {
  const [claim] = await tx.insert(domainClaims).values(values).returning();
  return claim!;
}

export async function getClaimForOrganisation(tx: DbOrTx, organisationId: string): Promise<DomainClaim | null> {
  const [claim] = await tx.select().from(domainClaims).where(eq(domainClaims.organisationId, organisationId)).limit(1);
  return claim ?? null;
}

export async function updateClaim(
  tx: DbOrTx,
  id: string,
  values: Partial<Pick<DomainClaim, "status" | "provenBy" | "proofMethod" | "closedReason" | "closedAt" | "claimantId">>,
) {
  const [claim] = await tx.update(domainClaims).set(values).where(eq(domainClaims.id, id)).returning();
  return claim!;
}

/** The organisation that proved `domain` (verified, suspended or delisted): at most one, by a partial unique index. */
export async function getRegisteredOrganisationByDomain(tx: DbOrTx, domain: string) {
  const [org] = await tx
    .select()
    .from(organisations)
    .where(and(eq(organisations.primaryDomain, domain), inArray(organisations.status, [...publicOrganisationStatuses])))
    .limit(1);
  return org ?? null;
}

/** Claims still open at `domain` (expired ones included until they are closed), with their organisations. */
export async function getOpenClaimsAtDomain(tx: DbOrTx, domain: string) {
  return tx
    .select({ claim: domainClaims, organisation: organisations })
    .from(domainClaims)
    .innerJoin(organisations, eq(organisations.id, domainClaims.organisationId))
    .where(and(eq(domainClaims.domain, domain), eq(domainClaims.status, "open")))
    .orderBy(asc(domainClaims.createdAt));
}

/** How many other open, unexpired claims name the organisation's domain (for the claimant's page). */
export async function countRivalClaims(tx: DbOrTx, organisationId: string, domain: string, now: Date): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(domainClaims)
    .where(
      and(eq(domainClaims.domain, domain), eq(domainClaims.status, "open"), gt(domainClaims.expiresAt, now), ne(domainClaims.organisationId, organisationId)),
    );
  return row?.n ?? 0;
}

/** A user's open, unexpired claims (expired ones no longer count towards the limit). */
export async function getLiveClaimsOfUser(tx: DbOrTx, userId: string, now: Date) {
  return tx
    .select({ claim: domainClaims, slug: organisations.slug })
    .from(domainClaims)
    .innerJoin(organisations, eq(organisations.id, domainClaims.organisationId))
    .where(and(eq(domainClaims.claimantId, userId), eq(domainClaims.status, "open"), gt(domainClaims.expiresAt, now)));
}

/** Open claims whose time ran out at `now`, oldest first, at most `limit`. */
export async function getExpiredOpenClaims(tx: DbOrTx, now: Date, limit: number) {
  return tx
    .select()
    .from(domainClaims)
    .where(and(eq(domainClaims.status, "open"), lte(domainClaims.expiresAt, now)))
    .orderBy(asc(domainClaims.expiresAt))
    .limit(limit)
    .for("update", { skipLocked: true });
}

/** Times of the DNS checks recorded for an organisation since `since`, newest first. */
export async function getDnsCheckTimes(tx: DbOrTx, organisationId: string, since: Date): Promise<Date[]> {
  const rows = await tx
    .select({ at: domainProofs.createdAt })
    .from(domainProofs)
    .where(and(eq(domainProofs.organisationId, organisationId), eq(domainProofs.method, "dns_txt"), gte(domainProofs.createdAt, since)))
    .orderBy(sql`${domainProofs.createdAt} desc`);
  return rows.map((r) => r.at);
}

/** Every member with the address facts the ownership rule needs. */
export async function getMembersForProof(tx: DbOrTx, organisationId: string) {
  return tx
    .select({ userId: users.id, email: users.email, emailVerified: users.emailVerified, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(memberships.createdAt), asc(users.id));
}

/** The claims of several organisations at once (the dashboard's list). */
export async function getClaimsForOrganisations(tx: DbOrTx, organisationIds: string[]): Promise<DomainClaim[]> {
  if (organisationIds.length === 0) return [];
  return tx.select().from(domainClaims).where(inArray(domainClaims.organisationId, organisationIds));
}

/** For moderators: each claim with its claimant's address and how many open claims name its domain. */
export async function getClaimsForModeration(tx: DbOrTx, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  const rows = await tx
    .select({ claim: domainClaims, claimantEmail: users.email })
    .from(domainClaims)
    .leftJoin(users, eq(users.id, domainClaims.claimantId))
    .where(inArray(domainClaims.organisationId, organisationIds));
  const domains = [...new Set(rows.map((r) => r.claim.domain))];
  const open =
    domains.length === 0
      ? []
      : await tx
          .select({ domain: domainClaims.domain, n: count() })
          .from(domainClaims)
          .where(and(inArray(domainClaims.domain, domains), eq(domainClaims.status, "open")))
          .groupBy(domainClaims.domain);
  return rows.map((r) => ({ ...r, openAtDomain: open.find((o) => o.domain === r.claim.domain)?.n ?? 0 }));
}
