import { formatTime } from "@/lib/format/date";

export function formatStudioTime(iso: string | null): string {
  return iso ? formatTime(iso) : "never";
}

export const studioLinkClass = "font-semibold text-accord-700 underline hover:text-accord-800 dark:text-accord-300";
