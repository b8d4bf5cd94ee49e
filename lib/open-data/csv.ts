import type { DirectoryEntry } from "@/db/queries/directory";
import { profilePath } from "@/lib/paths";

/**
 * /signatories.csv: RFC 4180 (CRLF line ends, a header row, fields quoted when they hold a comma,
 * quote, CR or LF, quotes doubled), UTF-8 without a byte-order mark.
 */

export const CSV_FILENAME = "tech-accord-signatories.csv";
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8; header=present";
const CRLF = "\r\n";

type CsvValue = string | number | boolean | null;

export type CsvColumn = { name: string; meaning: string; value: (entry: DirectoryEntry, siteUrl: string) => CsvValue };

/** Every column, in file order, with the meaning /developers documents: one list, so the two cannot disagree. */
export const csvColumns = [
  { name: "slug", meaning: "Stable identifier of the organisation in URLs and the API.", value: (e) => e.slug },
  { name: "name", meaning: "Display name.", value: (e) => e.name },
  { name: "legal_name", meaning: "Registered legal name.", value: (e) => e.legalName },
  { name: "domain", meaning: "Primary internet domain the organisation proved it controls.", value: (e) => e.domain },
  { name: "website", meaning: "Website address, if given (empty otherwise).", value: (e) => e.website },
  { name: "country", meaning: "ISO 3166-1 alpha-2 country code.", value: (e) => e.country },
  { name: "country_name", meaning: "English name of the country.", value: (e) => e.countryName },
  { name: "sector", meaning: "Sector code (the same values as the API's sector filter).", value: (e) => e.sector },
  { name: "status", meaning: "active, withdrawn or suspended.", value: (e) => e.status },
  { name: "report_overdue", meaning: "true when an active signatory's yearly progress report is more than 90 days late.", value: (e) => e.reportOverdue },
  { name: "accord_version", meaning: "Accord version of the signature shown (the standing one, or the last withdrawn).", value: (e) => e.accordVersion },
  { name: "content_hash", meaning: "SHA-256 (hex) of that accord version's text, which the signature is bound to.", value: (e) => e.contentHash },
  { name: "signer_name", meaning: "Name of the person who signed for the organisation.", value: (e) => e.signer.name },
  { name: "signer_title", meaning: "Their title or role.", value: (e) => e.signer.title },
  { name: "signed_at", meaning: "When the signature was made (RFC 3339, UTC).", value: (e) => e.signedAt },
  { name: "withdrawn_at", meaning: "When the signature was withdrawn (empty if it stands).", value: (e) => e.withdrawnAt },
  { name: "verification_method", meaning: "How the domain was proven: email_domain, dns_txt or moderator.", value: (e) => e.verification.method },
  { name: "verified_at", meaning: "When the domain was proven (RFC 3339, UTC).", value: (e) => e.verification.at },
  { name: "commitment_count", meaning: "Number of commitments registered.", value: (e) => e.commitmentCount },
  { name: "report_count", meaning: "Number of yearly progress reports published.", value: (e) => e.reportCount },
  { name: "last_report_at", meaning: "When the latest progress report was published (empty if none).", value: (e) => e.lastReportAt },
  { name: "profile_url", meaning: "The organisation's public profile page.", value: (e, siteUrl) => `${siteUrl}${profilePath(e.slug)}` },
] as const satisfies readonly CsvColumn[];

/**
 * One field. Spreadsheets run a cell that starts with = + - @ (or a tab or CR before them) as a
 * formula, so such cells get a leading apostrophe: text from signatories can never execute in a
 * reader's spreadsheet. The guard comes first, so the quoting below covers the final text.
 */
export function csvField(value: CsvValue): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvField).join(",") + CRLF;
}

export function csvHeader(): string {
  return csvLine(csvColumns.map((c) => c.name));
}

export function csvRow(entry: DirectoryEntry, siteUrl: string): string {
  return csvLine(csvColumns.map((c) => c.value(entry, siteUrl)));
}
