import "server-only";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { PUBLISHED_DOCUMENTS_TAG } from "@/lib/studio/cache";
import { cachedRead } from "../cached-read";
import type { DbOrTx } from "../client";
import { type StudioDocument, studioDocuments, studioEvents, studioRevisions, users } from "../schema";

export async function countStudioDocuments(tx: DbOrTx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(studioDocuments);
  return row?.n ?? 0;
}

/** Every document, removed ones included, in key order. */
export async function getStudioDocuments(db: DbOrTx): Promise<StudioDocument[]> {
  return db.select().from(studioDocuments).orderBy(asc(studioDocuments.key));
}

export async function getStudioDocument(db: DbOrTx, key: string): Promise<StudioDocument | null> {
  const [row] = await db.select().from(studioDocuments).where(eq(studioDocuments.key, key)).limit(1);
  return row ?? null;
}

/** The row, locked until the transaction ends: every change to a draft goes through this, so two saves never interleave. */
export async function lockStudioDocument(tx: DbOrTx, key: string): Promise<StudioDocument | null> {
  const [row] = await tx.select().from(studioDocuments).where(eq(studioDocuments.key, key)).for("update").limit(1);
  return row ?? null;
}

/** The preamble and every principle, locked: publishing one of them may renumber the others. */
export async function lockAccordDocuments(tx: DbOrTx): Promise<StudioDocument[]> {
  return tx
    .select()
    .from(studioDocuments)
    .where(inArray(studioDocuments.kind, ["preamble", "principle"]))
    .orderBy(asc(studioDocuments.key))
    .for("update");
}

export async function insertStudioDocument(tx: DbOrTx, values: typeof studioDocuments.$inferInsert): Promise<StudioDocument> {
  const [row] = await tx.insert(studioDocuments).values(values).returning();
  return row!;
}

export async function updateStudioDocument(tx: DbOrTx, key: string, values: Partial<typeof studioDocuments.$inferInsert>): Promise<StudioDocument> {
  const [row] = await tx.update(studioDocuments).set(values).where(eq(studioDocuments.key, key)).returning();
  return row!;
}

export async function insertStudioRevision(tx: DbOrTx, values: typeof studioRevisions.$inferInsert): Promise<void> {
  await tx.insert(studioRevisions).values(values);
}

export async function insertStudioEvent(tx: DbOrTx, values: typeof studioEvents.$inferInsert): Promise<void> {
  await tx.insert(studioEvents).values(values);
}

export async function getStudioRevisions(db: DbOrTx, key: string, limit = 20) {
  return db.select().from(studioRevisions).where(eq(studioRevisions.documentKey, key)).orderBy(desc(studioRevisions.revision)).limit(limit);
}

/** Revisions that produced one accord version (the edited document and any principle it renumbered). */
export async function getStudioRevisionsForVersion(tx: DbOrTx, version: number) {
  return tx.select().from(studioRevisions).where(eq(studioRevisions.accordVersion, version)).orderBy(asc(studioRevisions.documentKey));
}

export async function getStudioEvents(db: DbOrTx, key: string, limit = 20) {
  return db.select().from(studioEvents).where(eq(studioEvents.documentKey, key)).orderBy(desc(studioEvents.createdAt)).limit(limit);
}

/** How editors see each other in the studio: their name, else their address (never shown publicly). */
export async function getUserLabels(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name?.trim() || r.email]));
}

export type PublishedSource = { key: string; kind: StudioDocument["kind"]; source: string; revision: number };

export async function getPublishedSourcesUncached(tx: DbOrTx): Promise<PublishedSource[]> {
  const rows = await tx
    .select({ key: studioDocuments.key, kind: studioDocuments.kind, source: studioDocuments.publishedSource, revision: studioDocuments.publishedRevision })
    .from(studioDocuments)
    .where(and(isNotNull(studioDocuments.publishedSource), isNull(studioDocuments.removedAt)))
    .orderBy(asc(studioDocuments.key));
  return rows.map((r) => ({ ...r, source: r.source! }));
}

/**
 * The live text of every document the public site renders, from the data cache (tag
 * `published-documents`, purged when something is published). It leaves the page static, so the
 * page itself is kept in the page cache under the same tag.
 */
export const getPublishedSources: () => Promise<PublishedSource[]> = cachedRead("published-documents", getPublishedSourcesUncached, {
  tags: [PUBLISHED_DOCUMENTS_TAG],
  revalidate: 300,
});
