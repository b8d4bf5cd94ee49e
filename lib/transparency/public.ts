import "server-only";
import { cachedRead } from "@/db/cached-read";
import type { Db } from "@/db/client";
import { getOrganisationBySlug } from "@/db/queries/organisations";
import {
  getLatestTransparencyReports,
  getMatchingTransparencyRows,
  getTransparencyBreakdowns,
  getTransparencyHistories,
  getTransparencyReportsForOrganisation,
  getTransparencyRows,
  getTransparencyTotalsByPeriod,
  listCurrentTransparencyReports,
  type TransparencyFilters,
} from "@/db/queries/transparency";
import type { TransparencyReport } from "@/db/schema";
import { SIGNATORIES_TAG } from "@/lib/cache";
import { type Count, type CountKey, countKeys, type Instrument, outcomeKeys, sortLines, totalLines, type TransparencyLine } from "./figures";
import { lineFromRow } from "./records";

/**
 * What the public pages, the API and the CSV read, as plain JSON values (they live in the data
 * cache, tag `signatories`, purged by `publicDataChanged` when figures are published). Never who
 * published a revision: that is a member's identity, and private.
 */

export type PublicRevision = {
  period: string;
  revision: number;
  current: boolean;
  reason: string | null;
  publishedAt: string;
  contentHash: string;
  ledgerIndex: number | null;
  customersNotified: Count;
  lines: TransparencyLine[];
  totals: Record<CountKey, Count>;
};

function toRevision(report: TransparencyReport, lines: TransparencyLine[]): PublicRevision {
  return {
    period: report.period,
    revision: report.revision,
    current: report.current,
    reason: report.reason,
    publishedAt: report.publishedAt.toISOString(),
    contentHash: report.contentHash,
    ledgerIndex: report.ledgerIndex,
    customersNotified: { min: report.notifiedMin, max: report.notifiedMax },
    lines: sortLines(lines),
    totals: totalLines(lines),
  };
}

export type SignatoryTransparency = {
  organisation: { slug: string; name: string; status: string; statusReason: string | null };
  /** Newest period first; each with its standing revision and the ones it corrected, newest first. */
  periods: { period: string; current: PublicRevision; earlier: PublicRevision[] }[];
};

async function loadSignatoryTransparency(db: Db, slug: string): Promise<SignatoryTransparency | null> {
  const org = await getOrganisationBySlug(db, slug);
  if (!org || org.status === "pending" || org.status === "rejected") return null;
  const reports = await getTransparencyReportsForOrganisation(db, org.id);
  const rows = await getTransparencyRows(
    db,
    reports.map((r) => r.id),
  );
  const linesByReport = new Map<string, TransparencyLine[]>();
  for (const row of rows) {
    if (!linesByReport.has(row.reportId)) linesByReport.set(row.reportId, []);
    linesByReport.get(row.reportId)!.push(lineFromRow(row));
  }
  const periods = new Map<string, PublicRevision[]>();
  for (const report of reports) {
    if (!periods.has(report.period)) periods.set(report.period, []);
    periods.get(report.period)!.push(toRevision(report, linesByReport.get(report.id) ?? []));
  }
  return {
    organisation: { slug: org.slug, name: org.displayName, status: org.status, statusReason: org.statusReason },
    periods: [...periods].map(([period, revisions]) => ({
      period,
      current: revisions.find((r) => r.current) ?? revisions[0]!,
      earlier: revisions.filter((r) => !r.current),
    })),
  };
}

/** One signatory's figures with every revision, or null for an organisation that was never public. */
export const getSignatoryTransparency = cachedRead("signatory-transparency", loadSignatoryTransparency, { tags: [SIGNATORIES_TAG], revalidate: 300 });

/* ---------- Registry-wide figures (/transparency) ---------- */

export type PeriodTotals = {
  period: string;
  reports: number;
  requests: Count;
  accounts: Count;
  challenged: Count;
  customersNotified: Count;
};

export type KeyedCount = { key: string; requests: Count };

export type RegistryTransparency = {
  periods: PeriodTotals[];
  latest: null | {
    period: string;
    byCountry: KeyedCount[];
    byInstrument: { key: Instrument; requests: Count }[];
    outcomes: Record<(typeof outcomeKeys)[number] | "challenged", Count>;
  };
  recent: { slug: string; name: string; period: string; revision: number; publishedAt: string }[];
};

const count = (min: number, max: number): Count => ({ min, max });

async function loadRegistryTransparency(db: Db): Promise<RegistryTransparency> {
  const [totals, recent] = await Promise.all([getTransparencyTotalsByPeriod(db), getLatestTransparencyReports(db, 20)]);
  const periods = totals.map((t) => ({
    period: t.period,
    reports: t.reports,
    requests: count(t.requestsMin, t.requestsMax),
    accounts: count(t.accountsMin, t.accountsMax),
    challenged: count(t.challengedMin, t.challengedMax),
    customersNotified: count(t.notifiedMin, t.notifiedMax),
  }));
  const latestPeriod = periods.at(-1)?.period;
  let latest: RegistryTransparency["latest"] = null;
  if (latestPeriod) {
    const b = await getTransparencyBreakdowns(db, latestPeriod);
    const o = b.outcomes;
    latest = {
      period: latestPeriod,
      byCountry: b.byCountry.map((r) => ({ key: r.key, requests: count(r.requestsMin, r.requestsMax) })),
      byInstrument: b.byInstrument.map((r) => ({ key: r.key as Instrument, requests: count(r.requestsMin, r.requestsMax) })),
      outcomes: {
        contentDisclosed: count(o.contentDisclosedMin, o.contentDisclosedMax),
        nonContentDisclosed: count(o.nonContentDisclosedMin, o.nonContentDisclosedMax),
        noDataFound: count(o.noDataFoundMin, o.noDataFoundMax),
        rejected: count(o.rejectedMin, o.rejectedMax),
        pending: count(o.pendingMin, o.pendingMax),
        challenged: count(o.challengedMin, o.challengedMax),
      },
    };
  }
  return {
    periods,
    latest,
    recent: recent.map((r) => ({ slug: r.slug, name: r.name, period: r.period, revision: r.revision, publishedAt: r.publishedAt.toISOString() })),
  };
}

export const getRegistryTransparency = cachedRead("registry-transparency", loadRegistryTransparency, {
  tags: [SIGNATORIES_TAG],
  revalidate: 300,
  duringBuild: () => ({ periods: [], latest: null, recent: [] }),
});

/* ---------- Open data ---------- */

export type TransparencyRecord = {
  signatory: { slug: string; name: string; status: string };
  revision: PublicRevision;
  /** Every revision of the period, oldest first: the first publication and each correction. */
  history: { revision: number; reason: string | null; publishedAt: string; contentHash: string; ledgerIndex: number | null }[];
};

/**
 * A page of current revisions for the API and the CSV, with only the lines that match a country
 * or instrument filter (a filtered record's totals are of those lines), and one more record
 * than asked for, so the caller knows whether there is a next page.
 */
async function loadTransparencyRecords(
  db: Db,
  filters: TransparencyFilters,
  limit: number,
  after: { period: string; slug: string } | null,
): Promise<TransparencyRecord[]> {
  const reports = await listCurrentTransparencyReports(db, filters, { limit: limit + 1, after: after ?? undefined });
  const ids = reports.map((r) => r.report.id);
  const [rows, histories] = await Promise.all([
    getMatchingTransparencyRows(db, ids, filters),
    getTransparencyHistories(
      db,
      reports.map((r) => ({ organisationId: r.report.organisationId, period: r.report.period })),
    ),
  ]);
  const linesByReport = new Map<string, TransparencyLine[]>();
  for (const row of rows) {
    if (!linesByReport.has(row.reportId)) linesByReport.set(row.reportId, []);
    linesByReport.get(row.reportId)!.push(lineFromRow(row));
  }
  return reports.map(({ report, slug, name, status }) => ({
    signatory: { slug, name, status },
    revision: toRevision(report, linesByReport.get(report.id) ?? []),
    history: histories
      .filter((h) => h.organisationId === report.organisationId && h.period === report.period)
      .map((h) => ({
        revision: h.revision,
        reason: h.reason,
        publishedAt: h.publishedAt.toISOString(),
        contentHash: h.contentHash,
        ledgerIndex: h.ledgerIndex,
      })),
  }));
}

export const getTransparencyRecords = cachedRead("transparency-records", loadTransparencyRecords, { tags: [SIGNATORIES_TAG], revalidate: 300 });

export { countKeys };
