import "server-only";
import { and, count, desc, eq, gt, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { SIGNATORIES_TAG } from "@/lib/cache";
import { cachedRead } from "../cached-read";
import type { Db, DbOrTx } from "../client";
import { type Concern, concerns, ledgerEntries, memberships, organisations, publicOrganisationStatuses } from "../schema";

/** Statuses a visitor may see: a concern a moderator admitted, and what became of it. */
export const PUBLIC_CONCERN_STATUSES = ["under_review", "upheld", "not_upheld", "withdrawn"] as const;
type PublicStatus = (typeof PUBLIC_CONCERN_STATUSES)[number];

export async function insertConcern(tx: DbOrTx, values: typeof concerns.$inferInsert): Promise<Concern> {
  const [row] = await tx.insert(concerns).values(values).returning();
  return row!;
}

/** One concern, locked for the caller's transaction so two moderators never decide it at once. */
export async function getConcernForUpdate(tx: DbOrTx, id: string): Promise<Concern | null> {
  const [row] = await tx.select().from(concerns).where(eq(concerns.id, id)).for("update").limit(1);
  return row ?? null;
}

export async function getConcernById(db: DbOrTx, id: string): Promise<Concern | null> {
  const [row] = await db.select().from(concerns).where(eq(concerns.id, id)).limit(1);
  return row ?? null;
}

/** Changes a concern only while it is still in `fromStatus`; returns the row, or null if it moved on. */
export async function updateConcern(tx: DbOrTx, id: string, fromStatus: Concern["status"], values: Partial<typeof concerns.$inferInsert>) {
  const [row] = await tx
    .update(concerns)
    .set(values)
    .where(and(eq(concerns.id, id), eq(concerns.status, fromStatus)))
    .returning();
  return row ?? null;
}

/** Records the organisation's one response; null when a response is already there. */
export async function setConcernResponse(
  tx: DbOrTx,
  id: string,
  values: { response: string; responseHash: string; respondedBy: string; respondedAt: Date; responseLedgerIndex?: number | null },
) {
  const [row] = await tx
    .update(concerns)
    .set({ ...values, updatedAt: values.respondedAt })
    .where(and(eq(concerns.id, id), isNull(concerns.response)))
    .returning();
  return row ?? null;
}

export async function setConcernLedgerIndex(tx: DbOrTx, id: string, column: "admission" | "response" | "resolution", index: number) {
  const field = { admission: "admissionLedgerIndex", response: "responseLedgerIndex", resolution: "resolutionLedgerIndex" }[column];
  await tx
    .update(concerns)
    .set({ [field]: index })
    .where(eq(concerns.id, id));
}

/** Serialises one submitter's submissions (the rate limits count rows, so two at once must not both pass). */
export async function lockSubmitter(tx: DbOrTx, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`concern-submitter:${userId}`}))`);
}

/** How many concerns the person submitted since `since`, and the oldest of them (when the window frees up). */
export async function getSubmissionsSince(tx: DbOrTx, submitterId: string, since: Date): Promise<{ n: number; oldest: Date | null }> {
  const [row] = await tx
    .select({ n: count(), oldest: sql<Date | string | null>`min(${concerns.createdAt})` })
    .from(concerns)
    .where(and(eq(concerns.submitterId, submitterId), gt(concerns.createdAt, since)));
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return { n: row?.n ?? 0, oldest };
}

/** The person's concern about this organisation that still waits for a moderator, if any. */
export async function getPendingConcernOf(tx: DbOrTx, submitterId: string, organisationId: string) {
  const [row] = await tx
    .select({ id: concerns.id })
    .from(concerns)
    .where(and(eq(concerns.submitterId, submitterId), eq(concerns.organisationId, organisationId), eq(concerns.status, "submitted")))
    .limit(1);
  return row ?? null;
}

/* ---------- Public reads: admitted concerns only, never who submitted them ---------- */

const publicColumns = {
  id: concerns.id,
  organisationSlug: organisations.slug,
  organisationName: organisations.displayName,
  principleSlug: concerns.principleSlug,
  statement: concerns.publicStatement,
  evidenceLinks: concerns.publicEvidenceLinks,
  contentHash: concerns.contentHash,
  status: concerns.status,
  admittedAt: concerns.admittedAt,
  admissionLedgerIndex: concerns.admissionLedgerIndex,
  response: concerns.response,
  respondedAt: concerns.respondedAt,
  responseLedgerIndex: concerns.responseLedgerIndex,
  outcomeReason: concerns.outcomeReason,
  resolvedAt: concerns.resolvedAt,
  resolutionLedgerIndex: concerns.resolutionLedgerIndex,
};

export type PublicConcernRow = {
  id: string;
  organisation: { slug: string; name: string };
  principleSlug: string;
  statement: string;
  evidenceLinks: string[];
  contentHash: string;
  status: PublicStatus;
  admittedAt: string;
  admissionLedgerIndex: number | null;
  response: { text: string; at: string; ledgerIndex: number | null } | null;
  outcome: { reason: string; at: string; ledgerIndex: number | null } | null;
};

type RawPublic = { [K in keyof typeof publicColumns]: (typeof publicColumns)[K]["_"]["data"] | null };

function toPublic(row: RawPublic): PublicConcernRow {
  return {
    id: row.id!,
    organisation: { slug: row.organisationSlug!, name: row.organisationName! },
    principleSlug: row.principleSlug!,
    statement: row.statement ?? "",
    evidenceLinks: row.evidenceLinks ?? [],
    contentHash: row.contentHash ?? "",
    status: row.status as PublicStatus,
    admittedAt: row.admittedAt!.toISOString(),
    admissionLedgerIndex: row.admissionLedgerIndex,
    response: row.response && row.respondedAt ? { text: row.response, at: row.respondedAt.toISOString(), ledgerIndex: row.responseLedgerIndex } : null,
    outcome:
      row.outcomeReason && row.resolvedAt ? { reason: row.outcomeReason, at: row.resolvedAt.toISOString(), ledgerIndex: row.resolutionLedgerIndex } : null,
  };
}

/** Admitted, and its organisation still public (a pending or rejected organisation was never public). */
const isPublic = and(
  isNotNull(concerns.admittedAt),
  inArray(concerns.status, [...PUBLIC_CONCERN_STATUSES]),
  inArray(organisations.status, [...publicOrganisationStatuses]),
);

export async function listPublicConcerns(
  db: DbOrTx,
  filter: { status?: PublicStatus; organisationSlug?: string; limit: number; offset: number },
): Promise<{ rows: PublicConcernRow[]; total: number }> {
  const where = and(
    isPublic,
    filter.status ? eq(concerns.status, filter.status) : undefined,
    filter.organisationSlug ? eq(organisations.slug, filter.organisationSlug) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(publicColumns)
      .from(concerns)
      .innerJoin(organisations, eq(organisations.id, concerns.organisationId))
      .where(where)
      .orderBy(desc(concerns.admittedAt), desc(concerns.id))
      .limit(filter.limit)
      .offset(filter.offset),
    db.select({ n: count() }).from(concerns).innerJoin(organisations, eq(organisations.id, concerns.organisationId)).where(where),
  ]);
  return { rows: rows.map(toPublic), total: total?.n ?? 0 };
}

export async function getPublicConcern(db: DbOrTx, id: string): Promise<PublicConcernRow | null> {
  const [row] = await db
    .select(publicColumns)
    .from(concerns)
    .innerJoin(organisations, eq(organisations.id, concerns.organisationId))
    .where(and(isPublic, eq(concerns.id, id)))
    .limit(1);
  return row ? toPublic(row) : null;
}

/** Counts per public status, for the page's filter tabs. */
export async function countPublicConcernsByStatus(db: DbOrTx): Promise<Record<PublicStatus, number>> {
  const rows = await db
    .select({ status: concerns.status, n: count() })
    .from(concerns)
    .innerJoin(organisations, eq(organisations.id, concerns.organisationId))
    .where(isPublic)
    .groupBy(concerns.status);
  const counts = { under_review: 0, upheld: 0, not_upheld: 0, withdrawn: 0 };
  for (const r of rows) if (r.status in counts) counts[r.status as PublicStatus] = r.n;
  return counts;
}

/** Cached public reads (tag `signatories`, purged by publicDataChanged after every admission, response and outcome). */
export const cachedPublicConcerns = cachedRead("public-concerns", listPublicConcerns, { tags: [SIGNATORIES_TAG], revalidate: 300 });
export const cachedPublicConcern = cachedRead("public-concern", getPublicConcern, { tags: [SIGNATORIES_TAG], revalidate: 300 });
export const cachedConcernCounts = cachedRead("public-concern-counts", countPublicConcernsByStatus, { tags: [SIGNATORIES_TAG], revalidate: 300 });

/* ---------- Private reads: the submitter's own, the moderators' queue, the organisation's ---------- */

export async function getConcernsOfSubmitter(db: DbOrTx, submitterId: string) {
  return db
    .select({
      id: concerns.id,
      organisationSlug: organisations.slug,
      organisationName: organisations.displayName,
      principleSlug: concerns.principleSlug,
      statement: concerns.statement,
      status: concerns.status,
      declineReason: concerns.declineReason,
      createdAt: concerns.createdAt,
      admittedAt: concerns.admittedAt,
    })
    .from(concerns)
    .innerJoin(organisations, eq(organisations.id, concerns.organisationId))
    .where(eq(concerns.submitterId, submitterId))
    .orderBy(desc(concerns.createdAt))
    .limit(100);
}

/**
 * What moderators work on: concerns waiting for admission (oldest first) and admitted ones waiting
 * for an outcome, at most `limit` of each. `viewerId` marks the ones about an organisation the viewer belongs to, or that the
 * viewer submitted, which another moderator must decide; a submission about the viewer's own
 * organisation comes without its statement and links (null and none).
 */
export async function getConcernQueue(db: Db, viewerId: string, limit = 50) {
  // Each status has its own page of `limit`, so a flood of new submissions can never push the
  // admitted concerns waiting for an outcome off the moderators' screen.
  const page = (status: "submitted" | "under_review") =>
    db
      .select({
        id: concerns.id,
        organisationId: concerns.organisationId,
        organisationSlug: organisations.slug,
        organisationName: organisations.displayName,
        principleSlug: concerns.principleSlug,
        statement: concerns.statement,
        evidenceLinks: concerns.evidenceLinks,
        publicStatement: concerns.publicStatement,
        publicEvidenceLinks: concerns.publicEvidenceLinks,
        status: concerns.status,
        createdAt: concerns.createdAt,
        admittedAt: concerns.admittedAt,
        response: concerns.response,
        submittedByViewer: sql<boolean>`${concerns.submitterId} = ${viewerId}`,
        viewerMembership: memberships.role,
      })
      .from(concerns)
      .innerJoin(organisations, eq(organisations.id, concerns.organisationId))
      .leftJoin(memberships, and(eq(memberships.organisationId, concerns.organisationId), eq(memberships.userId, viewerId)))
      .where(eq(concerns.status, status))
      .orderBy(concerns.createdAt, concerns.id)
      .limit(limit);
  const rows = [...(await page("submitted")), ...(await page("under_review"))];
  return rows.map(({ viewerMembership, submittedByViewer, statement, evidenceLinks, ...r }) => {
    const viewerBelongs = viewerMembership !== null;
    // A submission is private until admitted, and above all from the organisation it names: a
    // moderator who works there sees that a concern waits, never its words or links.
    const sealed = viewerBelongs && r.status === "submitted";
    return {
      ...r,
      statement: sealed ? null : statement,
      evidenceLinks: sealed ? [] : evidenceLinks,
      viewerBelongs,
      submittedByViewer: Boolean(submittedByViewer),
    };
  });
}

export async function countConcernQueue(db: DbOrTx): Promise<{ submitted: number; underReview: number }> {
  const rows = await db
    .select({ status: concerns.status, n: count() })
    .from(concerns)
    .where(inArray(concerns.status, ["submitted", "under_review"]))
    .groupBy(concerns.status);
  return { submitted: rows.find((r) => r.status === "submitted")?.n ?? 0, underReview: rows.find((r) => r.status === "under_review")?.n ?? 0 };
}

/** The admitted concerns about an organisation, for its members' dashboard. */
export async function getAdmittedConcernsForOrganisation(db: DbOrTx, organisationId: string) {
  const { rows } = await listPublicConcernsById(db, organisationId);
  return rows;
}

async function listPublicConcernsById(db: DbOrTx, organisationId: string) {
  const rows = await db
    .select(publicColumns)
    .from(concerns)
    .innerJoin(organisations, eq(organisations.id, concerns.organisationId))
    .where(and(isNotNull(concerns.admittedAt), inArray(concerns.status, [...PUBLIC_CONCERN_STATUSES]), eq(concerns.organisationId, organisationId)))
    .orderBy(desc(concerns.admittedAt))
    .limit(200);
  return { rows: rows.map(toPublic) };
}

/** Demo signatories (listed, with an owner) to raise demo concerns about, oldest first. */
export async function getDemoConcernTargets(db: DbOrTx, limit: number) {
  return db
    .select({ id: organisations.id, slug: organisations.slug, status: organisations.status, ownerId: memberships.userId })
    .from(organisations)
    .innerJoin(memberships, and(eq(memberships.organisationId, organisations.id), eq(memberships.role, "owner")))
    .where(and(eq(organisations.isDemo, true), inArray(organisations.status, ["verified", "suspended"])))
    .orderBy(organisations.createdAt, organisations.id)
    .limit(limit);
}

/** The time of the newest ledger entry: demo concerns are dated after it, so the log's times never go backwards. */
export async function getLatestLedgerTime(db: DbOrTx): Promise<Date | null> {
  const [row] = await db.select({ at: ledgerEntries.at }).from(ledgerEntries).orderBy(desc(ledgerEntries.index)).limit(1);
  return row?.at ?? null;
}
