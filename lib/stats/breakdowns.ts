import { countryLabel, sectorLabel } from "@/lib/validation/organisation";
import { type CategoryCount, sortCategories, topWithOther } from "./categories";

/** How many countries the chart names before merging the rest into "Other". */
export const TOP_COUNTRIES = 12;

/** Countries by standing signatories, by English name, the twelve largest and "Other". */
export function countryBars(rows: readonly { country: string; count: number }[]): CategoryCount[] {
  return topWithOther(
    rows.map((r) => ({ key: r.country, label: countryLabel(r.country), count: r.count })),
    TOP_COUNTRIES,
    (merged) => `Other (${merged} countries)`,
  );
}

/** Sectors by standing signatories, with their labels from the registration form; there are few enough to show all. */
export function sectorBars(rows: readonly { sector: string; count: number }[]): CategoryCount[] {
  return sortCategories(rows.filter((r) => r.count > 0).map((r) => ({ key: r.sector, label: sectorLabel(r.sector), count: r.count })));
}
