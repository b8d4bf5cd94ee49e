import { transparencyInstruments } from "@/db/schema";

/**
 * The figures of a transparency report, pure: counts that may be exact or a band, half-year
 * periods, the instruments and outcomes, and how counts add up. No I/O, so forms, the CSV upload,
 * the pages and the API all read figures by the same rules.
 */

export { transparencyInstruments };
export type Instrument = (typeof transparencyInstruments)[number];

export const instrumentLabels: Record<Instrument, string> = {
  court_order: "Court order or warrant",
  subpoena: "Subpoena or equivalent",
  emergency: "Emergency request",
  national_security: "National-security request",
  other: "Other",
};

/** A count as its bounds: equal bounds are an exact figure, different ones a band such as 0–249. */
export type Count = { min: number; max: number };

/** The largest count accepted: more than any provider has ever reported, and within a 32-bit column. */
export const COUNT_MAX = 1_000_000_000;

export const isExact = (count: Count) => count.min === count.max;

const numberFormat = new Intl.NumberFormat("en-GB");

/** "1,234" for an exact figure, "0–249" for a band (an en dash, as typeset ranges are). */
export function formatCount(count: Count): string {
  return isExact(count) ? numberFormat.format(count.min) : `${numberFormat.format(count.min)}–${numberFormat.format(count.max)}`;
}

/** The text a form or CSV cell holds for a count: "12", or "0-249" for a band (ASCII, for spreadsheets). */
export function countText(count: Count): string {
  return isExact(count) ? String(count.min) : `${count.min}-${count.max}`;
}

/**
 * Adds counts as ranges: the total of a band and an exact figure is a band, never an exact number
 * (its bounds are the sums of the bounds), so a band is never summed as if it were precise.
 */
export function sumCounts(counts: readonly Count[]): Count {
  return counts.reduce((total, c) => ({ min: total.min + c.min, max: total.max + c.max }), { min: 0, max: 0 });
}

export type CountResult = { ok: true; count: Count } | { ok: false; message: string };

/** Characters a count or band may take, spaces and separators included. */
const COUNT_MAX_LENGTH = 40;

export const COUNT_HINT = "a whole number of 0 or more, or a band such as 0-249 where law forbids an exact figure";

/**
 * Reads a count as people type it: "12", "1,234" or "1 234", or a band "0-249" / "0–249" / "0 to
 * 249". Anything else (negative, a fraction, text) is refused with a message for the field.
 */
export function parseCount(raw: string): CountResult {
  const text = raw.trim();
  if (text === "") return { ok: false, message: "is required: write 0 if there were none" };
  // The longest count anyone writes ("1,000,000,000 to 2,000,000,000") is 30 characters; a longer
  // cell is refused before any pattern runs, so a hostile upload cannot make the band pattern
  // backtrack over tens of kilobytes (it runs during validation, before the owner check).
  if (text.length > COUNT_MAX_LENGTH) return { ok: false, message: `must be ${COUNT_HINT}` };
  const number = (part: string): number | null => {
    const digits = part.trim().replace(/(?<=\d)[, ](?=\d{3}\b)/g, "");
    return /^\d{1,10}$/.test(digits) ? Number(digits) : null;
  };
  const band = text.match(/^(.+?)\s*(?:-|–|—|\bto\b)\s*(.+)$/);
  if (text.startsWith("-")) return { ok: false, message: "cannot be negative" };
  if (band) {
    const min = number(band[1]!);
    const max = number(band[2]!);
    if (min === null || max === null) return { ok: false, message: `must be ${COUNT_HINT}` };
    if (max > COUNT_MAX) return { ok: false, message: `must be at most ${numberFormat.format(COUNT_MAX)}` };
    if (min >= max) return { ok: false, message: "a band's lower bound must be below its upper bound (for an exact figure, write one number)" };
    return { ok: true, count: { min, max } };
  }
  const exact = number(text);
  if (exact === null) return { ok: false, message: /^\d*[.,]\d+$/.test(text) ? "must be a whole number" : `must be ${COUNT_HINT}` };
  if (exact > COUNT_MAX) return { ok: false, message: `must be at most ${numberFormat.format(COUNT_MAX)}` };
  return { ok: true, count: { min: exact, max: exact } };
}

/* ---------- Half-year periods ---------- */

export type Period = `${number}-H${1 | 2}`;
export const PERIOD_PATTERN = /^(\d{4})-H([12])$/;
export const FIRST_PERIOD_YEAR = 2000;

/** The first instant after the half-year: 1 July or 1 January (UTC). */
export function periodEnd(period: string): Date {
  const [, year, half] = period.match(PERIOD_PATTERN)!;
  return half === "1" ? new Date(Date.UTC(Number(year), 6, 1)) : new Date(Date.UTC(Number(year) + 1, 0, 1));
}

export function periodStart(period: string): Date {
  const [, year, half] = period.match(PERIOD_PATTERN)!;
  return new Date(Date.UTC(Number(year), half === "1" ? 0 : 6, 1));
}

/** "January–June 2026" for 2026-H1. */
export function periodLabel(period: string): string {
  const match = period.match(PERIOD_PATTERN);
  if (!match) return period;
  return `${match[2] === "1" ? "January–June" : "July–December"} ${match[1]}`;
}

/** The half-year holding `date`. */
export function periodOf(date: Date): Period {
  return `${date.getUTCFullYear()}-H${date.getUTCMonth() < 6 ? 1 : 2}` as Period;
}

export function previousPeriod(period: string): Period {
  const [, year, half] = period.match(PERIOD_PATTERN)!;
  return (half === "2" ? `${year}-H1` : `${Number(year) - 1}-H2`) as Period;
}

/** The `count` latest half-years that have ended by `now`, newest first (what the form offers). */
export function endedPeriods(now: Date, count: number): Period[] {
  const periods: Period[] = [];
  let period = previousPeriod(periodOf(now));
  for (let i = 0; i < count && Number(period.slice(0, 4)) >= FIRST_PERIOD_YEAR; i++) {
    periods.push(period);
    period = previousPeriod(period);
  }
  return periods;
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; message: string };

/** A half-year that exists and has ended by `now`: figures for a period still running would change. */
export function parsePeriod(raw: string, now: Date): PeriodResult {
  const text = raw.trim().toUpperCase();
  const match = text.match(PERIOD_PATTERN);
  if (!match) return { ok: false, message: "must be a half-year such as 2026-H1 (January–June) or 2026-H2 (July–December)" };
  if (Number(match[1]) < FIRST_PERIOD_YEAR) return { ok: false, message: `must be ${FIRST_PERIOD_YEAR} or later` };
  if (periodEnd(text) > now) return { ok: false, message: `${periodLabel(text)} has not ended yet: publish figures once the half-year is over` };
  return { ok: true, period: text as Period };
}

/* ---------- A report's lines ---------- */

export const outcomeKeys = ["contentDisclosed", "nonContentDisclosed", "noDataFound", "rejected", "pending"] as const;
export type OutcomeKey = (typeof outcomeKeys)[number];

export const outcomeLabels: Record<OutcomeKey, string> = {
  contentDisclosed: "Content disclosed",
  nonContentDisclosed: "Only non-content data disclosed",
  noDataFound: "No data found",
  rejected: "Rejected",
  pending: "Still pending",
};

/** Every count of a line, in the order of the form and the CSV. */
export const countKeys = ["requests", "accounts", ...outcomeKeys, "challenged"] as const;
export type CountKey = (typeof countKeys)[number];

export const countLabels: Record<CountKey, string> = {
  requests: "Requests",
  accounts: "Accounts or identifiers concerned",
  ...outcomeLabels,
  challenged: "Challenged in court",
};

export type TransparencyLine = { country: string; instrument: Instrument } & Record<CountKey, Count>;

export type TransparencyFigures = { period: Period; customersNotified: Count; rows: TransparencyLine[] };

/** Lines in a stable order (country, then instrument in the listed order): hashing and display never depend on input order. */
export function sortLines<T extends { country: string; instrument: Instrument }>(rows: readonly T[]): T[] {
  const order = (i: Instrument) => transparencyInstruments.indexOf(i);
  return [...rows].sort((a, b) => a.country.localeCompare(b.country) || order(a.instrument) - order(b.instrument));
}

/** Totals of every count over lines, as ranges. */
export function totalLines(rows: readonly Pick<TransparencyLine, CountKey>[]): Record<CountKey, Count> {
  return Object.fromEntries(countKeys.map((key) => [key, sumCounts(rows.map((r) => r[key]))])) as Record<CountKey, Count>;
}
