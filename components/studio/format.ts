const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function formatStudioTime(iso: string | null): string {
  return iso ? `${timeFormat.format(new Date(iso))} UTC` : "never";
}

export const studioLinkClass = "font-semibold text-accord-700 underline hover:text-accord-800 dark:text-accord-300";
