import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import { parseAccordSnapshot } from "@/lib/accord/snapshot";
import { SIGNATORIES_TAG } from "@/lib/cache";
import { type LedgerEvent, ledgerEventSchema } from "@/lib/ledger/events";
import { groupByPrinciple } from "@/lib/commitments/group";
import { type ReportDue, reportBasis, reportDue } from "@/lib/reports/due";
import { countryLabel, organisationSlugSchema, sectorLabel } from "@/lib/validation/organisation";
import { cachedRead } from "../cached-read";
import type { Db } from "../client";
import { accordVersions, commitments, type Organisation, organisations, progressReports, signatures } from "../schema";
import { getOrganisationLedgerEntries } from "./ledger";

/** How many of an organisation's ledger events the profile lists, newest first. */
export const PROFILE_TIMELINE_LIMIT = 100;

export type PublicSignature = {
  version: number;
  contentHash: string;
  signerName: string;
  signerTitle: string;
  signedAt: string;
  ledgerIndex: number | null;
  withdrawal: { at: string; reason: string; ledgerIndex: number | null } | null;
};

export type PublicCommitment = {
  id: string;
  title: string;
  description: string;
  status: string;
  targetDate: string | null;
  evidenceLinks: string[];
  revision: number;
  contentHash: string;
  createdAt: string;
  updatedAt: string;
};

export type PublicPrincipleGroup = {
  principle: { slug: string; number: number | null; title: string };
  commitments: PublicCommitment[];
};

/**
 * Everything a signatory's public page shows, and nothing else: no user ids, email addresses,
 * DNS tokens or who typed what. Dates are ISO strings so the object survives the data cache.
 */
export type PublicProfile = {
  organisation: {
    slug: string;
    name: string;
    legalName: string;
    domain: string;
    website: string | null;
    description: string;
    country: string;
    countryName: string;
    sector: string;
    sectorLabel: string;
    status: Exclude<Organisation["status"], "pending" | "rejected">;
    statusReason: string | null;
    verificationMethod: Organisation["verificationMethod"];
    verifiedAt: string | null;
  };
  /** The newest accord version, so the page can say when the signature is for an older one. */
  latestVersion: number | null;
  /** Standing signatures, newest version first: the first is the one the profile leads with. */
  activeSignatures: PublicSignature[];
  /** Withdrawn signatures, most recently withdrawn first: never erased. */
  withdrawnSignatures: PublicSignature[];
  commitmentsByPrinciple: PublicPrincipleGroup[];
  commitmentCount: number;
  /** `revisions` is 1 plus the report's corrections (each public, with its reason, on the report page). */
  reports: { year: number; publishedAt: string; ledgerIndex: number | null; revisions?: number }[];
  timeline: { index: number; event: LedgerEvent }[];
  /** True when the organisation has more ledger events than the timeline lists. */
  timelineTruncated: boolean;
  reportDue: ReportDue | null;
};

type CachedProfile = Omit<PublicProfile, "reportDue"> & { firstActiveSignedAt: string | null; lastReportAt: string | null };

/**
 * The public profile of a verified, suspended or delisted organisation, or null (unknown slug, or
 * a pending or rejected organisation, which were never public). Six queries whatever the
 * organisation's size, served from the data cache (tag `signatories`, purged by
 * `publicDataChanged`); only "report overdue" is worked out per render, as it changes with time.
 * It leaves the page static: the profile page is kept in the page cache under the same tag, and
 * renders again at least every five minutes.
 */
export async function getPublicProfile(slug: string, now: Date = new Date()): Promise<PublicProfile | null> {
  // A malformed slug never reaches the database or becomes a cache key.
  if (!organisationSlugSchema.safeParse(slug).success) return null;
  const cached = await cachedProfile(slug);
  if (!cached) return null;
  const { firstActiveSignedAt, lastReportAt, ...profile } = cached;
  return {
    ...profile,
    reportDue: reportDue({
      firstSignedAt: firstActiveSignedAt ? new Date(firstActiveSignedAt) : null,
      lastReportAt: lastReportAt ? new Date(lastReportAt) : null,
      now,
    }),
  };
}

const cachedProfile = cachedRead("public-profile", loadProfile, { tags: [SIGNATORIES_TAG], revalidate: 300 });

async function loadProfile(db: Db, slug: string): Promise<CachedProfile | null> {
  const [org] = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      displayName: organisations.displayName,
      legalName: organisations.legalName,
      primaryDomain: organisations.primaryDomain,
      website: organisations.website,
      description: organisations.description,
      country: organisations.country,
      sector: organisations.sector,
      status: organisations.status,
      statusReason: organisations.statusReason,
      verificationMethod: organisations.verificationMethod,
      verifiedAt: organisations.verifiedAt,
    })
    .from(organisations)
    .where(eq(organisations.slug, slug))
    .limit(1);
  if (!org || org.status === "pending" || org.status === "rejected") return null;

  const [signatureRows, commitmentRows, reportRows, ledgerRows, [latest]] = await Promise.all([
    db
      .select({
        version: signatures.accordVersion,
        contentHash: signatures.contentHash,
        signerName: signatures.signerName,
        signerTitle: signatures.signerTitle,
        signedAt: signatures.signedAt,
        ledgerIndex: signatures.ledgerIndex,
        withdrawnAt: signatures.withdrawnAt,
        withdrawalReason: signatures.withdrawalReason,
        withdrawalLedgerIndex: signatures.withdrawalLedgerIndex,
      })
      .from(signatures)
      .where(eq(signatures.organisationId, org.id))
      .orderBy(desc(signatures.accordVersion), desc(signatures.signedAt)),
    db
      .select({
        id: commitments.id,
        principleSlug: commitments.principleSlug,
        title: commitments.title,
        description: commitments.description,
        status: commitments.status,
        targetDate: commitments.targetDate,
        evidenceLinks: commitments.evidenceLinks,
        revision: commitments.revision,
        contentHash: commitments.contentHash,
        createdAt: commitments.createdAt,
        updatedAt: commitments.updatedAt,
      })
      .from(commitments)
      .where(eq(commitments.organisationId, org.id))
      .orderBy(asc(commitments.createdAt), asc(commitments.id)),
    db
      .select({
        year: progressReports.year,
        publishedAt: progressReports.publishedAt,
        ledgerIndex: progressReports.ledgerIndex,
        // Spelled out: in a one-table select drizzle leaves columns unqualified, and "id" would be the subquery's own.
        revisions: sql<number>`(select count(*)::int + 1 from progress_report_corrections c where c.report_id = progress_reports.id)`,
      })
      .from(progressReports)
      .where(eq(progressReports.organisationId, org.id))
      .orderBy(desc(progressReports.year)),
    // One more than shown, to know whether the timeline is cut short.
    getOrganisationLedgerEntries(db, org.slug, PROFILE_TIMELINE_LIMIT + 1),
    db.select({ number: accordVersions.number, content: accordVersions.content }).from(accordVersions).orderBy(desc(accordVersions.number)).limit(1),
  ]);

  const toSignature = (s: (typeof signatureRows)[number]): PublicSignature => ({
    version: s.version,
    contentHash: s.contentHash,
    signerName: s.signerName,
    signerTitle: s.signerTitle,
    signedAt: s.signedAt.toISOString(),
    ledgerIndex: s.ledgerIndex,
    withdrawal: s.withdrawnAt ? { at: s.withdrawnAt.toISOString(), reason: s.withdrawalReason ?? "", ledgerIndex: s.withdrawalLedgerIndex } : null,
  });
  const active = signatureRows.filter((s) => !s.withdrawnAt);
  const withdrawn = signatureRows.filter((s) => s.withdrawnAt).sort((a, b) => b.withdrawnAt!.getTime() - a.withdrawnAt!.getTime() || b.version - a.version);
  const { firstSignedAt: firstActive, lastReportAt: lastReport } = reportBasis(
    active.map((s) => s.signedAt),
    reportRows.map((r) => r.publishedAt),
  );

  return {
    organisation: {
      slug: org.slug,
      name: org.displayName,
      legalName: org.legalName,
      domain: org.primaryDomain,
      website: org.website,
      description: org.description,
      country: org.country,
      countryName: countryLabel(org.country),
      sector: org.sector,
      sectorLabel: sectorLabel(org.sector),
      status: org.status,
      statusReason: org.statusReason,
      verificationMethod: org.verificationMethod,
      verifiedAt: org.verifiedAt?.toISOString() ?? null,
    },
    latestVersion: latest?.number ?? null,
    activeSignatures: active.map(toSignature),
    withdrawnSignatures: withdrawn.map(toSignature),
    commitmentsByPrinciple: groupByPrinciple(commitmentRows, latest ? parseAccordSnapshot(latest.content).principles : []).map((group) => ({
      principle: group.principle,
      commitments: group.commitments.map(({ principleSlug: _principle, createdAt, updatedAt, ...c }) => ({
        ...c,
        createdAt: createdAt.toISOString(),
        updatedAt: updatedAt.toISOString(),
      })),
    })),
    commitmentCount: commitmentRows.length,
    reports: reportRows.map((r) => ({ year: r.year, publishedAt: r.publishedAt.toISOString(), ledgerIndex: r.ledgerIndex, revisions: Number(r.revisions) })),
    timeline: ledgerRows.slice(0, PROFILE_TIMELINE_LIMIT).map((row) => ({
      index: row.index,
      // Parsed, never cast: the same schema the ledger pages and the verifier use.
      event: ledgerEventSchema.parse(JSON.parse(new TextDecoder().decode(row.data))),
    })),
    timelineTruncated: ledgerRows.length > PROFILE_TIMELINE_LIMIT,
    firstActiveSignedAt: firstActive?.toISOString() ?? null,
    lastReportAt: lastReport?.toISOString() ?? null,
  };
}
