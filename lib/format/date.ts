/**
 * Every date the registry shows, in one place: British English, in UTC, so every reader sees the
 * day and time the ledger records whatever their own time zone ("4 Dec 2026", "4 Dec 2026, 10:00 UTC").
 * Inputs are Dates or ISO strings (what cached and client data carry).
 */

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const minute = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const second = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
const longMonth = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const shortMonth = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

const toDate = (value: Date | string) => (typeof value === "string" ? new Date(value) : value);

/** "4 Dec 2026" */
export const formatDate = (value: Date | string) => day.format(toDate(value));

/** "4 Dec 2026, 10:00 UTC" (with `seconds`, "4 Dec 2026, 10:00:00 UTC") */
export const formatTime = (value: Date | string, { seconds = false }: { seconds?: boolean } = {}) => `${(seconds ? second : minute).format(toDate(value))} UTC`;

/** A calendar day stored as YYYY-MM-DD (a commitment's target date); anything unparsable is shown as given. */
export function formatCalendarDay(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : day.format(parsed);
}

/** "December 2026" or, short, "Dec 2026" */
export const formatMonthYear = (value: Date, style: "long" | "short" = "long") => (style === "long" ? longMonth : shortMonth).format(value);
