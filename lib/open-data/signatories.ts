import type { DirectoryEntry } from "@/db/queries/directory";
import type { PublicProfile } from "@/db/queries/profiles";
import type { LedgerEventKind } from "@/lib/ledger/events";
import {
  badgePath,
  CONCERNS_API_PATH,
  ledgerEntryApiPath,
  ledgerEntryPath,
  profilePath,
  reportPath,
  signatoryApiPath,
  signatoryTransparencyPath,
  TRANSPARENCY_API_PATH,
} from "@/lib/paths";

/**
 * The JSON API's shapes. They are written out field by field rather than spread from the query
 * types, so that a column added to the directory for the pages never silently joins a public,
 * versioned contract.
 */

export type ApiSignatory = {
  slug: string;
  name: string;
  legalName: string;
  domain: string;
  website: string | null;
  country: string;
  countryName: string;
  sector: string;
  sectorLabel: string;
  status: DirectoryEntry["status"];
  statusReason: string | null;
  reportOverdue: boolean;
  accordVersion: number;
  contentHash: string;
  signer: { name: string; title: string };
  signedAt: string;
  signatureLedgerIndex: number | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  verification: { method: string | null; at: string | null };
  commitmentCount: number;
  reportCount: number;
  lastReportAt: string | null;
  reportDueAt: string | null;
  isDemo: boolean;
  url: string;
  apiUrl: string;
  badgeUrl: string;
};

export type ApiLedgerLink = { index: number; url: string; apiUrl: string };

export type ApiSignatoryDetail = ApiSignatory & {
  description: string;
  signatures: {
    version: number;
    contentHash: string;
    signer: { name: string; title: string };
    signedAt: string;
    ledgerIndex: number | null;
    withdrawnAt: string | null;
    withdrawalReason: string | null;
    withdrawalLedgerIndex: number | null;
  }[];
  commitmentsByPrinciple: {
    principle: { slug: string; number: number | null; title: string };
    commitments: {
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
    }[];
  }[];
  reports: { year: number; publishedAt: string; url: string; ledgerIndex: number | null }[];
  ledgerEntries: (ApiLedgerLink & { kind: LedgerEventKind; at: string })[];
  /** True when the organisation has more events than listed here (the full history is in the ledger). */
  ledgerEntriesTruncated: boolean;
  /** Its figures on government requests: the page and the API filtered to it. */
  transparency: { url: string; apiUrl: string };
  /** Public concerns about it that a moderator admitted: how many, on its page and in the API. */
  concerns: { total: number; url: string; apiUrl: string };
};

export function toApiSignatory(entry: DirectoryEntry, siteUrl: string): ApiSignatory {
  return {
    slug: entry.slug,
    name: entry.name,
    legalName: entry.legalName,
    domain: entry.domain,
    website: entry.website,
    country: entry.country,
    countryName: entry.countryName,
    sector: entry.sector,
    sectorLabel: entry.sectorLabel,
    status: entry.status,
    statusReason: entry.statusReason,
    reportOverdue: entry.reportOverdue,
    accordVersion: entry.accordVersion,
    contentHash: entry.contentHash,
    signer: { name: entry.signer.name, title: entry.signer.title },
    signedAt: entry.signedAt,
    signatureLedgerIndex: entry.signatureLedgerIndex,
    withdrawnAt: entry.withdrawnAt,
    withdrawalReason: entry.withdrawalReason,
    verification: { method: entry.verification.method, at: entry.verification.at },
    commitmentCount: entry.commitmentCount,
    reportCount: entry.reportCount,
    lastReportAt: entry.lastReportAt,
    reportDueAt: entry.reportDueAt,
    isDemo: entry.isDemo,
    url: `${siteUrl}${profilePath(entry.slug)}`,
    apiUrl: `${siteUrl}${signatoryApiPath(entry.slug)}`,
    badgeUrl: `${siteUrl}${badgePath(entry.slug)}`,
  };
}

export function ledgerLink(index: number, siteUrl: string): ApiLedgerLink {
  return { index, url: `${siteUrl}${ledgerEntryPath(index)}`, apiUrl: `${siteUrl}${ledgerEntryApiPath(index)}` };
}

/**
 * A listed signatory with its public record. The directory entry leads (it is what the list and
 * CSV show, so the two always agree); the profile adds what only one organisation's page needs.
 */
export function toApiSignatoryDetail(entry: DirectoryEntry, profile: PublicProfile, concernTotal: number, siteUrl: string): ApiSignatoryDetail {
  const signatures = [...profile.activeSignatures, ...profile.withdrawnSignatures].map((s) => ({
    version: s.version,
    contentHash: s.contentHash,
    signer: { name: s.signerName, title: s.signerTitle },
    signedAt: s.signedAt,
    ledgerIndex: s.ledgerIndex,
    withdrawnAt: s.withdrawal?.at ?? null,
    withdrawalReason: s.withdrawal?.reason ?? null,
    withdrawalLedgerIndex: s.withdrawal?.ledgerIndex ?? null,
  }));
  return {
    ...toApiSignatory(entry, siteUrl),
    description: profile.organisation.description,
    signatures,
    commitmentsByPrinciple: profile.commitmentsByPrinciple.map((group) => ({
      principle: { slug: group.principle.slug, number: group.principle.number, title: group.principle.title },
      commitments: group.commitments.map((c) => ({
        id: c.id,
        title: c.title,
        description: c.description,
        status: c.status,
        targetDate: c.targetDate,
        evidenceLinks: [...c.evidenceLinks],
        revision: c.revision,
        contentHash: c.contentHash,
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
      })),
    })),
    reports: profile.reports.map((r) => ({
      year: r.year,
      publishedAt: r.publishedAt,
      url: `${siteUrl}${reportPath(entry.slug, r.year)}`,
      ledgerIndex: r.ledgerIndex,
    })),
    ledgerEntries: profile.timeline.map(({ index, event }) => ({ ...ledgerLink(index, siteUrl), kind: event.kind, at: event.at })),
    ledgerEntriesTruncated: profile.timelineTruncated,
    transparency: {
      url: `${siteUrl}${signatoryTransparencyPath(entry.slug)}`,
      apiUrl: `${siteUrl}${TRANSPARENCY_API_PATH}?signatory=${entry.slug}`,
    },
    concerns: {
      total: concernTotal,
      url: `${siteUrl}${profilePath(entry.slug)}#concerns-heading`,
      apiUrl: `${siteUrl}${CONCERNS_API_PATH}?signatory=${entry.slug}`,
    },
  };
}

export type SignatoriesPageBody = {
  data: ApiSignatory[];
  total: number;
  limit: number;
  nextCursor: string | null;
  links: { self: string; next: string | null };
};
