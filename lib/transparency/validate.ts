import { countryName } from "@/lib/validation/countries";
import { type LineColumn, lineColumns, type RawLine } from "./columns";
import {
  type Count,
  type CountKey,
  countKeys,
  formatCount,
  type Instrument,
  instrumentLabels,
  isExact,
  outcomeKeys,
  parseCount,
  sortLines,
  sumCounts,
  type TransparencyLine,
  transparencyInstruments,
} from "./figures";

/**
 * The rules every line of a report must meet, whether it came from the form or a CSV file: one
 * function, so the two can never disagree. Problems are named by line and column; the caller
 * turns them into field errors (form) or "row 4, column requests" messages (CSV).
 */

export { type LineColumn, lineColumns, type RawLine };

export const columnOfCount: Record<CountKey, LineColumn> = {
  requests: "requests",
  accounts: "accounts",
  contentDisclosed: "content_disclosed",
  nonContentDisclosed: "non_content_disclosed",
  noDataFound: "no_data_found",
  rejected: "rejected",
  pending: "pending",
  challenged: "challenged_in_court",
};

/** Most lines a report may hold: every country times every instrument. */
export const MAX_LINES = 249 * transparencyInstruments.length;

export type LineProblem = { line: number; column: LineColumn; message: string };

/** Reads an instrument as its code ("court_order") or its label ("Court order or warrant"), any case. */
export function parseInstrument(raw: string): Instrument | null {
  const text = raw.trim().toLowerCase();
  for (const instrument of transparencyInstruments) {
    if (text === instrument || text === instrumentLabels[instrument].toLowerCase()) return instrument;
  }
  return null;
}

const instrumentMessage = `must be one of ${transparencyInstruments.join(", ")} (${transparencyInstruments.map((i) => instrumentLabels[i].toLowerCase()).join("; ")})`;

/** A line the form left entirely blank is not a line. */
export function isBlankLine(raw: RawLine): boolean {
  return lineColumns.every((c) => (raw[c] ?? "").trim() === "");
}

/**
 * Checks lines (numbered from 1 in `numbers`, or their position) and returns them sorted, or
 * every problem found. Rules: a known country and instrument; each count a non-negative whole
 * number or a band; exact outcomes that add up to the requests (with bands, outcomes that could
 * add up to them); no more challenged in court than requests; each country and instrument once.
 */
export function validateLines(
  raws: readonly RawLine[],
  numbers: readonly number[] = raws.map((_, i) => i + 1),
): { ok: true; rows: TransparencyLine[] } | { ok: false; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const rows: TransparencyLine[] = [];
  const seen = new Map<string, number>();
  raws.forEach((raw, index) => {
    const line = numbers[index]!;
    const problem = (column: LineColumn, message: string) => problems.push({ line, column, message });
    const countryText = (raw.country ?? "").trim().toUpperCase();
    const country = countryName(countryText) ? countryText : null;
    if (!country) problem("country", countryText ? "must be an ISO 3166-1 country code, such as DE or KE" : "is required");
    const instrumentText = raw.instrument ?? "";
    const instrument = parseInstrument(instrumentText);
    if (!instrument) problem("instrument", instrumentText.trim() ? instrumentMessage : "is required");
    const counts: Partial<Record<CountKey, Count>> = {};
    for (const key of countKeys) {
      const result = parseCount(raw[columnOfCount[key]] ?? "");
      if (result.ok) counts[key] = result.count;
      else problem(columnOfCount[key], result.message);
    }
    if (country && instrument) {
      const key = `${country} ${instrument}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problem(
          "country",
          `repeats line ${first} (${countryName(country)}, ${instrumentLabels[instrument].toLowerCase()}): give each country and instrument once`,
        );
      } else seen.set(key, line);
    }
    const requests = counts.requests;
    const outcomes = outcomeKeys.map((k) => counts[k]);
    if (requests && outcomes.every((o): o is Count => o !== undefined)) {
      const sum = sumCounts(outcomes);
      if (isExact(requests) && outcomes.every(isExact)) {
        if (sum.min !== requests.min) {
          problem(
            "requests",
            `the outcomes add up to ${formatCount(sum)}, not ${formatCount(requests)}: content disclosed, non-content only, no data found, rejected and pending must add up to the requests`,
          );
        }
      } else if (sum.min > requests.max || sum.max < requests.min) {
        problem("requests", `the outcomes (${formatCount(sum)} in all) cannot add up to ${formatCount(requests)} requests`);
      }
    }
    if (requests && counts.challenged && counts.challenged.min > requests.max) {
      problem("challenged_in_court", `cannot be more than the requests (${formatCount(requests)})`);
    }
    if (problems.length === 0 && country && instrument) {
      rows.push({ country, instrument, ...(counts as Record<CountKey, Count>) });
    }
  });
  if (raws.length > MAX_LINES) problems.push({ line: numbers[MAX_LINES]!, column: "country", message: `a report has at most ${MAX_LINES} lines` });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows: sortLines(rows) };
}
