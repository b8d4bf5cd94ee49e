import type { TransparencyRow } from "@/db/schema";
import { canonicalHash } from "@/lib/ledger/canonical-hash";
import { type Count, type CountKey, countKeys, type Instrument, sortLines, type TransparencyLine } from "./figures";

/**
 * Between the stored shape (one column per bound) and the figures lib/ works with, and the content
 * hash: pure, so the seed, the pages and the API build the same values.
 */

type Bounds = { [K in CountKey as `${K}Min` | `${K}Max`]: number };

/** The stored columns' names for each count (the schema's short names for the outcomes). */
const columnPrefix: Record<CountKey, string> = {
  requests: "requests",
  accounts: "accounts",
  contentDisclosed: "content",
  nonContentDisclosed: "nonContent",
  noDataFound: "noData",
  rejected: "rejected",
  pending: "pending",
  challenged: "challenged",
};

export function lineFromRow(row: TransparencyRow): TransparencyLine {
  const record = row as unknown as Record<string, number>;
  const counts = Object.fromEntries(countKeys.map((k) => [k, { min: record[`${columnPrefix[k]}Min`]!, max: record[`${columnPrefix[k]}Max`]! }]));
  return { country: row.country, instrument: row.instrument as Instrument, ...(counts as Record<CountKey, Count>) };
}

export function rowFromLine(reportId: string, line: TransparencyLine): TransparencyRow {
  const bounds = Object.fromEntries(
    countKeys.flatMap((k) => [
      [`${columnPrefix[k]}Min`, line[k].min],
      [`${columnPrefix[k]}Max`, line[k].max],
    ]),
  ) as unknown as Omit<TransparencyRow, "reportId" | "country" | "instrument">;
  return { reportId, country: line.country, instrument: line.instrument, ...bounds };
}

export type { Bounds };

/**
 * SHA-256 of a revision's public figures as canonical JSON: the period, customers notified and
 * every line (sorted by country, then instrument), each count as `{ min, max }`. Anyone can
 * recompute it from the API's output and compare it with the ledger entry.
 */
export function transparencyContentHash(figures: { period: string; customersNotified: Count; rows: readonly TransparencyLine[] }): string {
  const rows = sortLines(figures.rows).map((line) => ({
    country: line.country,
    instrument: line.instrument,
    ...Object.fromEntries(countKeys.map((k) => [k, { min: line[k].min, max: line[k].max }])),
  }));
  return canonicalHash({ period: figures.period, customersNotified: { min: figures.customersNotified.min, max: figures.customersNotified.max }, rows });
}
