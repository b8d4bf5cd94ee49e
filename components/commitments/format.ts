import { commitmentStatusLabels } from "@/lib/validation/commitment";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** A commitment's target date (YYYY-MM-DD, a calendar day) as shown on pages. */
export function formatTargetDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : dateFormat.format(parsed);
}

/** The status select's options, in the lifecycle's order. */
export const statusOptions = Object.entries(commitmentStatusLabels).map(([value, label]) => ({ value, label }));
