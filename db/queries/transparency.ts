import "server-only";
import { and, asc, desc, eq, exists, gt, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { ledgerEntries, organisations, transparencyReports, transparencyRows, publicOrganisationStatuses } from "../schema";

/* ---------- Writing (lib/transparency/transparency.ts) ---------- */

/** The revision of a period's report that stands, or null if none was published. */
export async function getCurrentTransparencyReport(tx: DbOrTx, organisationId: string, period: string) {
  const [row] = await tx
    .select()
    .from(transparencyReports)
    .where(and(eq(transparencyReports.organisationId, organisationId), eq(transparencyReports.period, period), eq(transparencyReports.current, true)))
    .limit(1);
  return row ?? null;
}

export async function insertTransparencyReport(tx: DbOrTx, values: typeof transparencyReports.$inferInsert) {
  const [row] = await tx.insert(transparencyReports).values(values).returning();
  return row!;
}

export async function insertTransparencyRows(tx: DbOrTx, rows: (typeof transparencyRows.$inferInsert)[]) {
  // A full report is 1,245 lines of 19 columns: well under PostgreSQL's 65,535 parameters per statement.
  if (rows.length > 0) await tx.insert(transparencyRows).values(rows);
}

/** A correction supersedes the revision it corrects; the old figures themselves are never changed. */
export async function supersedeTransparencyReport(tx: DbOrTx, id: string) {
  await tx.update(transparencyReports).set({ current: false }).where(eq(transparencyReports.id, id));
}

export async function setTransparencyLedgerIndex(tx: DbOrTx, id: string, ledgerIndex: number) {
  await tx.update(transparencyReports).set({ ledgerIndex }).where(eq(transparencyReports.id, id));
}

/** The lines of some revisions, in a stable order. */
export async function getTransparencyRows(tx: DbOrTx, reportIds: string[]) {
  if (reportIds.length === 0) return [];
  return tx
    .select()
    .from(transparencyRows)
    .where(inArray(transparencyRows.reportId, reportIds))
    .orderBy(asc(transparencyRows.reportId), asc(transparencyRows.country), asc(transparencyRows.instrument));
}

/** Every revision an organisation published, newest period first, then newest revision first (its dashboard and public page). */
export async function getTransparencyReportsForOrganisation(tx: DbOrTx, organisationId: string) {
  return tx
    .select()
    .from(transparencyReports)
    .where(eq(transparencyReports.organisationId, organisationId))
    .orderBy(desc(transparencyReports.period), desc(transparencyReports.revision));
}

/* ---------- Reading for the public (pages, API, CSV) ---------- */

/** Organisations whose record is public: verified, and suspended or delisted ones (nothing is silently removed). */
const publicOrganisation = inArray(organisations.status, [...publicOrganisationStatuses]);

export type TransparencyFilters = { signatory?: string; country?: string; period?: string; instrument?: string };

const rowFilter = (filters: TransparencyFilters): SQL | undefined => {
  const conditions = [
    filters.country ? eq(transparencyRows.country, filters.country) : undefined,
    filters.instrument ? eq(transparencyRows.instrument, filters.instrument as never) : undefined,
  ].filter(Boolean) as SQL[];
  return conditions.length > 0 ? and(...conditions) : undefined;
};

/**
 * The current revisions matching the filters, newest period first and then by slug, a page at a
 * time by keyset (period, slug). A country or instrument filter keeps the reports with a line for it.
 */
export async function listCurrentTransparencyReports(
  tx: DbOrTx,
  filters: TransparencyFilters,
  page: { limit: number; after?: { period: string; slug: string } },
) {
  const lines = rowFilter(filters);
  const conditions = [
    eq(transparencyReports.current, true),
    publicOrganisation,
    filters.signatory ? eq(organisations.slug, filters.signatory) : undefined,
    filters.period ? eq(transparencyReports.period, filters.period) : undefined,
    lines
      ? exists(
          tx
            .select({ one: sql`1` })
            .from(transparencyRows)
            .where(and(eq(transparencyRows.reportId, transparencyReports.id), lines)),
        )
      : undefined,
    page.after
      ? or(lt(transparencyReports.period, page.after.period), and(eq(transparencyReports.period, page.after.period), gt(organisations.slug, page.after.slug)))
      : undefined,
  ].filter(Boolean) as SQL[];
  return tx
    .select({ report: transparencyReports, slug: organisations.slug, name: organisations.displayName, status: organisations.status })
    .from(transparencyReports)
    .innerJoin(organisations, eq(organisations.id, transparencyReports.organisationId))
    .where(and(...conditions))
    .orderBy(desc(transparencyReports.period), asc(organisations.slug))
    .limit(page.limit);
}

/** Lines of some revisions that match the country and instrument filters. */
export async function getMatchingTransparencyRows(tx: DbOrTx, reportIds: string[], filters: TransparencyFilters) {
  if (reportIds.length === 0) return [];
  const lines = rowFilter(filters);
  return tx
    .select()
    .from(transparencyRows)
    .where(and(inArray(transparencyRows.reportId, reportIds), ...(lines ? [lines] : [])))
    .orderBy(asc(transparencyRows.reportId), asc(transparencyRows.country), asc(transparencyRows.instrument));
}

/** Every revision of some (organisation, period) pairs, for the correction history the API shows. */
export async function getTransparencyHistories(tx: DbOrTx, pairs: { organisationId: string; period: string }[]) {
  if (pairs.length === 0) return [];
  const ids = [...new Set(pairs.map((p) => p.organisationId))];
  const periods = [...new Set(pairs.map((p) => p.period))];
  return tx
    .select({
      organisationId: transparencyReports.organisationId,
      period: transparencyReports.period,
      revision: transparencyReports.revision,
      reason: transparencyReports.reason,
      contentHash: transparencyReports.contentHash,
      publishedAt: transparencyReports.publishedAt,
      ledgerIndex: transparencyReports.ledgerIndex,
    })
    .from(transparencyReports)
    .where(and(inArray(transparencyReports.organisationId, ids), inArray(transparencyReports.period, periods)))
    .orderBy(asc(transparencyReports.revision));
}

const sum = (column: SQL | typeof transparencyRows.requestsMin) => sql<number>`coalesce(sum(${column}), 0)::bigint`.mapWith(Number);

/** Per period, over current revisions of public organisations: reports, requests and accounts (as bounds), customers notified. */
export async function getTransparencyTotalsByPeriod(tx: DbOrTx) {
  const lines = tx
    .select({
      reportId: transparencyRows.reportId,
      requestsMin: sql<number>`sum(${transparencyRows.requestsMin})`.as("requests_min"),
      requestsMax: sql<number>`sum(${transparencyRows.requestsMax})`.as("requests_max"),
      accountsMin: sql<number>`sum(${transparencyRows.accountsMin})`.as("accounts_min"),
      accountsMax: sql<number>`sum(${transparencyRows.accountsMax})`.as("accounts_max"),
      challengedMin: sql<number>`sum(${transparencyRows.challengedMin})`.as("challenged_min"),
      challengedMax: sql<number>`sum(${transparencyRows.challengedMax})`.as("challenged_max"),
    })
    .from(transparencyRows)
    .groupBy(transparencyRows.reportId)
    .as("lines");
  return tx
    .select({
      period: transparencyReports.period,
      reports: sql<number>`count(*)::int`.mapWith(Number),
      requestsMin: sum(sql`${lines.requestsMin}`),
      requestsMax: sum(sql`${lines.requestsMax}`),
      accountsMin: sum(sql`${lines.accountsMin}`),
      accountsMax: sum(sql`${lines.accountsMax}`),
      challengedMin: sum(sql`${lines.challengedMin}`),
      challengedMax: sum(sql`${lines.challengedMax}`),
      notifiedMin: sum(sql`${transparencyReports.notifiedMin}`),
      notifiedMax: sum(sql`${transparencyReports.notifiedMax}`),
    })
    .from(transparencyReports)
    .innerJoin(organisations, eq(organisations.id, transparencyReports.organisationId))
    .leftJoin(lines, eq(lines.reportId, transparencyReports.id))
    .where(and(eq(transparencyReports.current, true), publicOrganisation))
    .groupBy(transparencyReports.period)
    .orderBy(asc(transparencyReports.period));
}

/** For one period: requests by requesting country and by instrument, and the outcomes, each as bounds. */
export async function getTransparencyBreakdowns(tx: DbOrTx, period: string) {
  const scope = and(eq(transparencyReports.current, true), eq(transparencyReports.period, period), publicOrganisation);
  const base = () =>
    tx
      .select({
        key: sql<string>`${transparencyRows.country}`,
        requestsMin: sum(sql`${transparencyRows.requestsMin}`),
        requestsMax: sum(sql`${transparencyRows.requestsMax}`),
      })
      .from(transparencyRows)
      .innerJoin(transparencyReports, eq(transparencyReports.id, transparencyRows.reportId))
      .innerJoin(organisations, eq(organisations.id, transparencyReports.organisationId));
  const [byCountry, byInstrument, [outcomes]] = await Promise.all([
    base().where(scope).groupBy(transparencyRows.country),
    tx
      .select({
        key: sql<string>`${transparencyRows.instrument}`,
        requestsMin: sum(sql`${transparencyRows.requestsMin}`),
        requestsMax: sum(sql`${transparencyRows.requestsMax}`),
      })
      .from(transparencyRows)
      .innerJoin(transparencyReports, eq(transparencyReports.id, transparencyRows.reportId))
      .innerJoin(organisations, eq(organisations.id, transparencyReports.organisationId))
      .where(scope)
      .groupBy(transparencyRows.instrument),
    tx
      .select({
        contentDisclosedMin: sum(sql`${transparencyRows.contentMin}`),
        contentDisclosedMax: sum(sql`${transparencyRows.contentMax}`),
        nonContentDisclosedMin: sum(sql`${transparencyRows.nonContentMin}`),
        nonContentDisclosedMax: sum(sql`${transparencyRows.nonContentMax}`),
        noDataFoundMin: sum(sql`${transparencyRows.noDataMin}`),
        noDataFoundMax: sum(sql`${transparencyRows.noDataMax}`),
        rejectedMin: sum(sql`${transparencyRows.rejectedMin}`),
        rejectedMax: sum(sql`${transparencyRows.rejectedMax}`),
        pendingMin: sum(sql`${transparencyRows.pendingMin}`),
        pendingMax: sum(sql`${transparencyRows.pendingMax}`),
        challengedMin: sum(sql`${transparencyRows.challengedMin}`),
        challengedMax: sum(sql`${transparencyRows.challengedMax}`),
      })
      .from(transparencyRows)
      .innerJoin(transparencyReports, eq(transparencyReports.id, transparencyRows.reportId))
      .innerJoin(organisations, eq(organisations.id, transparencyReports.organisationId))
      .where(scope),
  ]);
  return { byCountry, byInstrument, outcomes: outcomes! };
}

/** The latest current reports of public organisations (the registry page lists who published). */
export async function getLatestTransparencyReports(tx: DbOrTx, limit: number) {
  return tx
    .select({
      slug: organisations.slug,
      name: organisations.displayName,
      period: transparencyReports.period,
      revision: transparencyReports.revision,
      publishedAt: transparencyReports.publishedAt,
    })
    .from(transparencyReports)
    .innerJoin(organisations, eq(organisations.id, transparencyReports.organisationId))
    .where(and(eq(transparencyReports.current, true), publicOrganisation))
    .orderBy(desc(transparencyReports.publishedAt), asc(organisations.slug))
    .limit(limit);
}

/* ---------- The demo seed (lib/demo/transparency.ts) ---------- */

/**
 * Demo organisations that may publish figures (verified, with a standing signature), each with an
 * owner to act as and when it first signed, in registration order; and the log's latest time.
 */
export async function getDemoTransparencyPublishers(tx: DbOrTx) {
  const rows = await tx
    .select({
      organisationId: organisations.id,
      country: organisations.country,
      ownerId: sql<
        string | null
      >`(select m.user_id from memberships m where m.organisation_id = ${organisations.id} and m.role = 'owner' order by m.user_id limit 1)`,
      signedAt: sql<string>`(select min(s.signed_at) from signatures s where s.organisation_id = ${organisations.id} and s.withdrawn_at is null)`,
    })
    .from(organisations)
    .where(
      and(
        eq(organisations.isDemo, true),
        eq(organisations.status, "verified"),
        sql`exists (select 1 from signatures s where s.organisation_id = ${organisations.id} and s.withdrawn_at is null)`,
      ),
    )
    .orderBy(asc(organisations.createdAt), asc(organisations.id));
  const [latest] = await tx.select({ at: sql<string | null>`max(${ledgerEntries.at})` }).from(ledgerEntries);
  return {
    publishers: rows.flatMap((r) =>
      r.ownerId ? [{ organisationId: r.organisationId, ownerId: r.ownerId, country: r.country, signedAt: new Date(r.signedAt) }] : [],
    ),
    latestLedgerAt: latest?.at ? new Date(latest.at) : null,
  };
}
