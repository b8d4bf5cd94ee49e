import "server-only";
import { and, count, countDistinct, desc, eq, isNull, like, or } from "drizzle-orm";
import { type DbOrTx, getDb } from "../client";
import { memberships, organisations, signatures, type NewOrganisation } from "../schema";

const signatoryColumns = {
  slug: organisations.slug,
  name: organisations.displayName,
  domain: organisations.primaryDomain,
  country: organisations.country,
  sector: organisations.sector,
  accordVersion: signatures.accordVersion,
  signedAt: signatures.signedAt,
};
const activeSignatory = and(isNull(signatures.withdrawnAt), eq(organisations.status, "verified"));

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

export async function markOrganisationVerified(
  tx: DbOrTx,
  id: string,
  method: NonNullable<NewOrganisation["verificationMethod"]>,
  at: Date,
) {
  const [org] = await tx
    .update(organisations)
    .set({ status: "verified", verificationMethod: method, verifiedAt: at, updatedAt: at })
    .where(eq(organisations.id, id))
    .returning();
  return org!;
}

/** Public figures for the home page: verified organisations holding an active signature. */
export async function getSignatoryStats() {
  const db = await getDb();
  const [row] = await db
    .select({ signatories: countDistinct(signatures.organisationId), countries: countDistinct(organisations.country) })
    .from(signatures)
    .innerJoin(organisations, eq(organisations.id, signatures.organisationId))
    .where(activeSignatory);
  return { signatories: row?.signatories ?? 0, countries: row?.countries ?? 0 };
}

export type SignatorySummary = {
  slug: string;
  name: string;
  domain: string;
  country: string;
  sector: string;
  accordVersion: number;
  signedAt: string;
};

/** Public DTO only: no ids, emails or internal fields leave this function. */
export async function getLatestSignatories(limit: number): Promise<SignatorySummary[]> {
  const db = await getDb();
  const rows = await db
    .select(signatoryColumns)
    .from(signatures)
    .innerJoin(organisations, eq(organisations.id, signatures.organisationId))
    .where(activeSignatory)
    .orderBy(desc(signatures.signedAt))
    .limit(Math.min(Math.max(limit, 1), 50));
  return rows.map((r) => ({ ...r, signedAt: r.signedAt.toISOString() }));
}

/** One page of active signatories, newest first, and the total for pagination. */
export async function getSignatoriesPage({ page, pageSize }: { page: number; pageSize: number }) {
  const db = await getDb();
  const [rows, [total]] = await Promise.all([
    db
      .select(signatoryColumns)
      .from(signatures)
      .innerJoin(organisations, eq(organisations.id, signatures.organisationId))
      .where(activeSignatory)
      .orderBy(desc(signatures.signedAt), organisations.slug)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(signatures).innerJoin(organisations, eq(organisations.id, signatures.organisationId)).where(activeSignatory),
  ]);
  return { items: rows.map((r) => ({ ...r, signedAt: r.signedAt.toISOString() })), total: total?.n ?? 0 };
}
