import type { DirectoryEntry } from "@/db/queries/directory";
import { encodeCursor } from "@/lib/validation/directory";
import { csvHeader, csvRow } from "./csv";
import { invalidQuery } from "./query";
import { SIGNATORIES_API_PATH } from "@/lib/paths";
import { type SignatoriesPageBody, toApiSignatory } from "./signatories";

/**
 * A fictional signatory for the documentation's examples. The examples are produced by the real
 * mappers from it, so /developers always shows exactly the shapes the API and the CSV serve.
 */
export const exampleEntry: DirectoryEntry = {
  slug: "example-cloud",
  name: "Example Cloud",
  legalName: "Example Cloud Ltd",
  domain: "example-cloud.example",
  website: "https://example-cloud.example",
  country: "KE",
  countryName: "Kenya",
  sector: "cloud-and-hosting",
  sectorLabel: "Cloud and hosting",
  status: "active",
  statusReason: null,
  reportOverdue: false,
  accordVersion: 1,
  contentHash: "3f1c0a7e9b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e",
  signer: { name: "Ada Example", title: "Chief Executive Officer" },
  signedAt: "2025-03-14T09:30:00.000Z",
  signatureLedgerIndex: 42,
  withdrawnAt: null,
  withdrawalReason: null,
  verification: { method: "dns_txt", at: "2025-03-13T16:05:00.000Z" },
  commitmentCount: 3,
  reportCount: 1,
  lastReportAt: "2026-02-02T11:00:00.000Z",
  reportDueAt: "2027-02-02T11:00:00.000Z",
  isDemo: false,
};

export function exampleListBody(siteUrl: string): SignatoriesPageBody {
  const nextCursor = encodeCursor({ s: "name", k: "example cloud", id: exampleEntry.slug });
  return {
    data: [toApiSignatory(exampleEntry, siteUrl)],
    total: 37,
    limit: 1,
    nextCursor,
    links: { self: `${siteUrl}${SIGNATORIES_API_PATH}?limit=1`, next: `${siteUrl}${SIGNATORIES_API_PATH}?limit=1&cursor=${nextCursor}` },
  };
}

export function exampleCsv(siteUrl: string): string {
  return csvHeader() + csvRow(exampleEntry, siteUrl);
}

export function exampleError(): unknown {
  const error = invalidQuery({ limit: "limit must be at most 100" });
  return { error: { code: error.code, message: error.message, fields: error.fields } };
}
