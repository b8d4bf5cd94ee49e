import "server-only";
import { and, asc, count, countDistinct, desc, eq, like, or } from "drizzle-orm";
import { SIGNATORIES_TAG } from "@/lib/cache";
import { cachedRead } from "../cached-read";
import type { Db, DbOrTx } from "../client";
import { auditLog, domainProofs, memberships, organisations, signatoryListings, users, type NewOrganisation, type Organisation } from "../schema";

export async function countOrganisations(tx: DbOrTx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(organisations);
  return row?.n ?? 0;
}

export async function getOrganisationById(tx: DbOrTx, id: string) {
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  return org ?? null;
}

export async function getOrganisationByDomain(tx: DbOrTx, domain: string) {
  const [org] = await tx.select().from(organisations).where(eq(organisations.primaryDomain, domain)).limit(1);
  return org ?? null;
}

/** Slugs already taken that start with `base`, so a new one can be made unique in one query. */
export async function getSlugsLike(tx: DbOrTx, base: string): Promise<string[]> {
  const rows = await tx
    .select({ slug: organisations.slug })
    .from(organisations)
    .where(or(eq(organisations.slug, base), like(organisations.slug, `${base}-%`)));
  return rows.map((r) => r.slug);
}

export async function insertOrganisation(tx: DbOrTx, values: NewOrganisation) {
  const [org] = await tx.insert(organisations).values(values).returning();
  return org!;
}

export async function insertMembership(tx: DbOrTx, values: typeof memberships.$inferInsert) {
  await tx.insert(memberships).values(values);
}

export async function getMembership(tx: DbOrTx, organisationId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .limit(1);
  return row ?? null;
}

export async function markOrganisationVerified(tx: DbOrTx, id: string, method: NonNullable<NewOrganisation["verificationMethod"]>, at: Date) {
  const [org] = await tx
    .update(organisations)
    .set({ status: "verified", verificationMethod: method, verifiedAt: at, updatedAt: at })
    .where(eq(organisations.id, id))
    .returning();
  return org!;
}

/**
 * Public figures for the home page, from Next's data cache (tag `signatories`, purged by
 * `publicDataChanged`). They leave the page static: it is kept in the page cache under the same
 * tag. While `next build` prerenders there is no database, and that render is never served.
 */
export const getSignatoryStats = cachedRead(
  "signatory-stats",
  async (db: Db) => {
    const [row] = await db
      .select({ signatories: count(), countries: countDistinct(signatoryListings.country) })
      .from(signatoryListings)
      .where(eq(signatoryListings.status, "active"));
    return { signatories: row?.signatories ?? 0, countries: row?.countries ?? 0 };
  },
  { tags: [SIGNATORIES_TAG], revalidate: 300, duringBuild: () => ({ signatories: 0, countries: 0 }) },
);

export type SignatorySummary = {
  slug: string;
  name: string;
  domain: string;
  country: string;
  sector: string;
  accordVersion: number;
  signedAt: string;
};

/** The newest signatories, one row per organisation (public DTO only), cached like the stats. */
export async function getLatestSignatories(limit: number): Promise<SignatorySummary[]> {
  return cachedLatestSignatories(Math.min(Math.max(Math.trunc(limit), 1), 50));
}

const cachedLatestSignatories = cachedRead(
  "latest-signatories",
  async (db: Db, limit: number): Promise<SignatorySummary[]> => {
    const l = signatoryListings;
    const rows = await db
      .select({ slug: l.slug, name: l.name, domain: l.domain, country: l.country, sector: l.sector, accordVersion: l.accordVersion, signedAt: l.signedAt })
      .from(l)
      .where(eq(l.status, "active"))
      .orderBy(desc(l.signedAt), asc(l.slug))
      .limit(limit);
    return rows.map((r) => ({ ...r, signedAt: r.signedAt.toISOString() }));
  },
  { tags: [SIGNATORIES_TAG], revalidate: 300, duringBuild: () => [] },
);

export async function getOrganisationBySlug(db: DbOrTx, slug: string) {
  const [org] = await db.select().from(organisations).where(eq(organisations.slug, slug)).limit(1);
  return org ?? null;
}

/** The organisations a user belongs to, with their role, for the dashboard. */
export async function getMembershipsForUser(db: DbOrTx, userId: string) {
  return db
    .select({ role: memberships.role, organisation: organisations })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.displayName));
}

/** Members with their addresses: private to the organisation's members and moderators. */
export async function getMembers(db: DbOrTx, organisationId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(desc(memberships.role), asc(users.email));
}

export async function deleteMembership(tx: DbOrTx, organisationId: string, userId: string) {
  await tx.delete(memberships).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
}

export async function updateMembershipRole(tx: DbOrTx, organisationId: string, userId: string, role: "owner" | "member") {
  await tx
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
}

export async function countOwners(tx: DbOrTx, organisationId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}

export async function updateOrganisationStatus(
  tx: DbOrTx,
  id: string,
  values: Partial<Pick<Organisation, "status" | "statusReason" | "verificationMethod" | "verifiedAt">>,
) {
  const [org] = await tx
    .update(organisations)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(organisations.id, id))
    .returning();
  return org!;
}

export async function getOrganisationsByStatus(db: DbOrTx, status: Organisation["status"], { page, pageSize }: { page: number; pageSize: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(organisations)
      .where(eq(organisations.status, status))
      .orderBy(status === "pending" ? asc(organisations.createdAt) : desc(organisations.updatedAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(organisations).where(eq(organisations.status, status)),
  ]);
  return { items: rows, total: total?.n ?? 0 };
}

export async function getOrganisationStatusCounts(db: DbOrTx) {
  return db.select({ status: organisations.status, n: count() }).from(organisations).groupBy(organisations.status);
}

export async function insertDomainProof(tx: DbOrTx, values: typeof domainProofs.$inferInsert) {
  await tx.insert(domainProofs).values(values);
}

export async function getDomainProofs(db: DbOrTx, organisationId: string, limit = 20) {
  return db.select().from(domainProofs).where(eq(domainProofs.organisationId, organisationId)).orderBy(desc(domainProofs.createdAt)).limit(limit);
}

export async function insertAuditEntry(tx: DbOrTx, values: typeof auditLog.$inferInsert) {
  await tx.insert(auditLog).values(values);
}

export async function getRecentAuditEntries(db: DbOrTx, limit: number) {
  return db
    .select({ entry: auditLog, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .orderBy(desc(auditLog.createdAt))
    .limit(limit);
}
