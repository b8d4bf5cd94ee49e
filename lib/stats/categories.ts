/** One bar of a breakdown: a labelled count, and for the "Other" bar how many groups it merges. */
export type CategoryCount = { key: string; label: string; count: number; merged?: number };

/** Largest first; equal counts in label order, so the chart never reshuffles between requests. */
export function sortCategories<T extends { label: string; count: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "en") || 0);
}

/**
 * The `limit` largest groups, the rest merged into one "Other" bar. Merging a single leftover
 * group would hide its name for nothing, so then every group is shown as it is.
 */
export function topWithOther(items: readonly CategoryCount[], limit: number, otherLabel: (merged: number) => string): CategoryCount[] {
  const sorted = sortCategories(items.filter((i) => i.count > 0));
  if (sorted.length <= limit + 1) return sorted;
  const rest = sorted.slice(limit);
  return [...sorted.slice(0, limit), { key: "other", label: otherLabel(rest.length), count: rest.reduce((sum, i) => sum + i.count, 0), merged: rest.length }];
}
