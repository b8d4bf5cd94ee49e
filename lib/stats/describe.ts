import type { CategoryCount } from "./categories";
import { formatMonth, type MonthPoint } from "./months";

const number = new Intl.NumberFormat("en-GB");

/** Counts as the page prints them: 10,000 rather than 10000. */
export const formatCount = (n: number) => number.format(n);

/** The one-sentence summary of the time series that screen readers get as the chart's description. */
export function describeGrowth(series: readonly MonthPoint[]): string {
  const first = series[0];
  const last = series.at(-1);
  if (!first || !last) return "No organisation has signed the accord yet.";
  const from = `${formatCount(first.standing)} in ${formatMonth(first.month)}`;
  const to = `${formatCount(last.standing)} in ${formatMonth(last.month)}`;
  if (first === last) {
    const were = last.standing === 1 ? "was one standing signatory" : `were ${formatCount(last.standing)} standing signatories`;
    return `There ${were} in ${formatMonth(last.month)}.`;
  }
  if (last.standing > first.standing) return `Standing signatories grew from ${from} to ${to}.`;
  if (last.standing < first.standing) return `Standing signatories fell from ${from} to ${to}.`;
  return `Standing signatories numbered ${from} and ${to}.`;
}

/**
 * The one-sentence summary of a breakdown: how many groups the standing signatories come from and
 * the largest three with their counts.
 */
export function describeBreakdown(bars: readonly CategoryCount[], total: number, groups: number, noun: { one: string; many: string }): string {
  const named = bars.filter((b) => b.merged === undefined).slice(0, 3);
  if (named.length === 0 || total === 0) return "There are no standing signatories at the moment.";
  if (total === 1) return `The one standing signatory comes from one ${noun.one}: ${named[0]!.label}.`;
  if (groups === 1) return `All ${formatCount(total)} standing signatories come from one ${noun.one}: ${named[0]!.label}.`;
  const list = named.map((b) => `${b.label} (${formatCount(b.count)})`);
  const largest = list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
  return `The ${formatCount(total)} standing signatories come from ${formatCount(groups)} ${noun.many}; the largest groups are ${largest}.`;
}
