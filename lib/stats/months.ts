import { formatMonthYear } from "@/lib/format/date";
/** A calendar month as `YYYY-MM`, the key the statistics query groups by (always UTC). */
export type Month = string;

/** Organisations that became, and stopped being, standing signatories in one month. */
export type MonthCount = { month: Month; joined: number; left: number };

/** One month of the time series: its changes and the standing total at the month's end. */
export type MonthPoint = MonthCount & { standing: number };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function parseMonth(month: Month): { year: number; index: number } {
  const match = MONTH.exec(month);
  if (!match) throw new Error(`not a YYYY-MM month: ${JSON.stringify(month)}`);
  return { year: Number(match[1]), index: Number(match[2]) - 1 };
}

/** The UTC month a moment falls in, as the database's `date_trunc('month', at at time zone 'UTC')` sees it. */
export function monthOf(date: Date): Month {
  return date.toISOString().slice(0, 7);
}

/** The month `count` months after `month` (negative counts go back). */
export function addMonths(month: Month, count: number): Month {
  const { year, index } = parseMonth(month);
  const total = year * 12 + index + count;
  return `${String(Math.floor(total / 12)).padStart(4, "0")}-${String((total % 12) + 1).padStart(2, "0")}`;
}

/**
 * A gap-free monthly series from the first month with any change to `until` (or to the last
 * change, should one be later), carrying the running total: months with no change repeat the
 * previous total, so the chart shows quiet months rather than skipping them.
 */
export function buildMonthSeries(counts: readonly MonthCount[], until: Month): MonthPoint[] {
  parseMonth(until);
  if (counts.length === 0) return [];
  const byMonth = new Map<Month, MonthCount>();
  for (const c of counts) {
    parseMonth(c.month);
    const seen = byMonth.get(c.month);
    byMonth.set(c.month, { month: c.month, joined: (seen?.joined ?? 0) + c.joined, left: (seen?.left ?? 0) + c.left });
  }
  const months = [...byMonth.keys()].sort();
  const first = months[0]!;
  const last = [months.at(-1)!, until].sort().at(-1)!;
  const series: MonthPoint[] = [];
  let standing = 0;
  for (let month = first; month <= last; month = addMonths(month, 1)) {
    const c = byMonth.get(month) ?? { month, joined: 0, left: 0 };
    standing += c.joined - c.left;
    series.push({ month, joined: c.joined, left: c.left, standing });
  }
  return series;
}

/** "November 2026" (long, for sentences and tables) or "Nov 2026" (short, for axis labels). */
export function formatMonth(month: Month, style: "long" | "short" = "long"): string {
  const { year, index } = parseMonth(month);
  return formatMonthYear(new Date(Date.UTC(year, index, 1)), style);
}
