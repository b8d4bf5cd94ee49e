/** Dates on the signing pages, in UTC so every reader sees the day the ledger records. */
export const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
export const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export const formatDate = (date: Date) => dateFormat.format(date);
export const formatTime = (date: Date) => `${timeFormat.format(date)} UTC`;
