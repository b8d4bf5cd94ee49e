import { invalidQuery } from "@/lib/open-data/query";
import { csvLine } from "@/lib/open-data/csv";
import { ledgerEntryPath, profilePath, signatoryTransparencyPath } from "@/lib/paths";
import { queryRecord, unknownParams } from "@/lib/validation/directory";
import { countryName } from "@/lib/validation/countries";
import {
  encodeTransparencyCursor,
  TRANSPARENCY_API_LIMIT_DEFAULT,
  transparencyApiParams,
  transparencyCsvParams,
  type TransparencyQuery,
  transparencyQuerySchema,
} from "@/lib/validation/transparency";
import { type Count, countKeys, type CountKey, periodEnd, periodStart } from "./figures";
import type { TransparencyRecord } from "./public";

/**
 * /api/v1/transparency and /transparency.csv: the query both take, the JSON record and the CSV
 * columns, each written out so a column added for the pages never silently joins the contract.
 */

/** Parses the query of the API (`csv: false`) or the CSV (no paging), or throws a 400 naming each bad parameter. */
export function parseTransparencyQuery(params: URLSearchParams, { csv = false } = {}): TransparencyQuery {
  const allowed = csv ? transparencyCsvParams : transparencyApiParams;
  const record = queryRecord(params);
  const fields: Record<string, string> = {};
  for (const name of unknownParams(record, allowed)) fields[name] = `unknown parameter; the parameters are ${allowed.join(", ")}`;
  for (const [name, value] of Object.entries(record)) if (Array.isArray(value)) fields[name] ??= "give it once";
  if (Object.keys(fields).length > 0) throw invalidQuery(fields);
  const parsed = transparencyQuerySchema.safeParse(record);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "query")] ??= issue.message;
    throw invalidQuery(fields);
  }
  return { ...parsed.data, limit: parsed.data.limit ?? TRANSPARENCY_API_LIMIT_DEFAULT } as TransparencyQuery;
}

/** The canonical query string of a request (stable order, defaults dropped), for `links`. */
export function transparencyQueryString(query: TransparencyQuery, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const name of ["signatory", "country", "period", "instrument"] as const) if (query[name]) params.set(name, query[name]!);
  if (query.limit !== TRANSPARENCY_API_LIMIT_DEFAULT) params.set("limit", String(query.limit));
  if (cursor) params.set("cursor", cursor);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const nextTransparencyCursor = (record: TransparencyRecord) => encodeTransparencyCursor({ period: record.revision.period, slug: record.signatory.slug });

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** One report in the API: the lines exactly as hashed (so anyone can recompute `contentHash` from an unfiltered record). */
export function toApiTransparencyReport(record: TransparencyRecord, siteUrl: string) {
  const { signatory, revision } = record;
  const entry = (index: number | null) => (index === null ? null : `${siteUrl}${ledgerEntryPath(index)}`);
  return {
    signatory: { slug: signatory.slug, name: signatory.name, status: signatory.status, url: `${siteUrl}${profilePath(signatory.slug)}` },
    period: revision.period,
    periodStart: isoDate(periodStart(revision.period)),
    periodEnd: isoDate(new Date(periodEnd(revision.period).getTime() - 86_400_000)),
    revision: revision.revision,
    publishedAt: revision.publishedAt,
    contentHash: revision.contentHash,
    ledgerEntry: entry(revision.ledgerIndex),
    customersNotified: revision.customersNotified,
    lines: revision.lines.map((line) => ({
      country: line.country,
      instrument: line.instrument,
      ...(Object.fromEntries(countKeys.map((k) => [k, line[k]])) as Record<CountKey, Count>),
    })),
    totals: revision.totals,
    history: record.history.map((h) => ({
      revision: h.revision,
      reason: h.reason,
      publishedAt: h.publishedAt,
      contentHash: h.contentHash,
      ledgerEntry: entry(h.ledgerIndex),
    })),
    url: `${siteUrl}${signatoryTransparencyPath(signatory.slug)}#${revision.period}`,
  };
}

export const TRANSPARENCY_CSV_FILENAME = "tech-accord-transparency.csv";

type Column = {
  name: string;
  meaning: string;
  value: (r: TransparencyRecord, line: TransparencyRecord["revision"]["lines"][number] | null, siteUrl: string) => string | number | null;
};

const countColumns = (key: CountKey, what: string): Column[] => [
  { name: `${csvName[key]}_min`, meaning: `${what}: lower bound (equal to the upper bound for an exact figure).`, value: (_r, l) => (l ? l[key].min : null) },
  { name: `${csvName[key]}_max`, meaning: `${what}: upper bound.`, value: (_r, l) => (l ? l[key].max : null) },
];

const csvName: Record<CountKey, string> = {
  requests: "requests",
  accounts: "accounts",
  contentDisclosed: "content_disclosed",
  nonContentDisclosed: "non_content_disclosed",
  noDataFound: "no_data_found",
  rejected: "rejected",
  pending: "pending",
  challenged: "challenged_in_court",
};

/** One row per line of each current report; a report with no lines (no requests at all) is one row with empty line columns. */
export const transparencyCsvColumns: Column[] = [
  { name: "signatory", meaning: "The signatory's slug.", value: (r) => r.signatory.slug },
  { name: "signatory_name", meaning: "Its display name.", value: (r) => r.signatory.name },
  { name: "period", meaning: "The half-year, such as 2026-H1 (January–June).", value: (r) => r.revision.period },
  {
    name: "revision",
    meaning: "1 for the first publication, higher for each correction; only the current revision is listed.",
    value: (r) => r.revision.revision,
  },
  { name: "published_at", meaning: "When this revision was published (RFC 3339, UTC).", value: (r) => r.revision.publishedAt },
  { name: "country", meaning: "Requesting country, ISO 3166-1 alpha-2 (empty when the report has no lines).", value: (_r, l) => l?.country ?? null },
  { name: "country_name", meaning: "English name of the country.", value: (_r, l) => (l ? (countryName(l.country) ?? l.country) : null) },
  { name: "instrument", meaning: "court_order, subpoena, emergency, national_security or other.", value: (_r, l) => l?.instrument ?? null },
  ...countColumns("requests", "Requests received"),
  ...countColumns("accounts", "Accounts or identifiers concerned"),
  ...countColumns("contentDisclosed", "Requests where content was disclosed"),
  ...countColumns("nonContentDisclosed", "Requests where only non-content data was disclosed"),
  ...countColumns("noDataFound", "Requests where no data was found"),
  ...countColumns("rejected", "Requests rejected"),
  ...countColumns("pending", "Requests still pending"),
  ...countColumns("challenged", "Requests challenged in court (overlaps the outcomes)"),
  {
    name: "customers_notified_min",
    meaning: "Customers notified of suspected nation-state attacks in the period (whole report): lower bound.",
    value: (r) => r.revision.customersNotified.min,
  },
  { name: "customers_notified_max", meaning: "The same: upper bound.", value: (r) => r.revision.customersNotified.max },
  { name: "content_hash", meaning: "SHA-256 of the revision's canonical content, as in its ledger entry.", value: (r) => r.revision.contentHash },
  {
    name: "ledger_entry_url",
    meaning: "The ledger entry recording this revision.",
    value: (r, _l, siteUrl) => (r.revision.ledgerIndex === null ? null : `${siteUrl}${ledgerEntryPath(r.revision.ledgerIndex)}`),
  },
];

export const transparencyCsvHeader = () => csvLine(transparencyCsvColumns.map((c) => c.name));

export function transparencyCsvRows(record: TransparencyRecord, siteUrl: string): string {
  const lines = record.revision.lines.length > 0 ? record.revision.lines : [null];
  return lines.map((line) => csvLine(transparencyCsvColumns.map((c) => c.value(record, line, siteUrl)))).join("");
}
