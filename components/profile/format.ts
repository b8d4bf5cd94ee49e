/** Dates on the public profile, in UTC so every reader sees the day the ledger records. */
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export const formatDate = (iso: string | Date) => dateFormat.format(typeof iso === "string" ? new Date(iso) : iso);

export const linkClass = "font-semibold text-accord-700 underline hover:text-accord-800 dark:text-accord-300";
