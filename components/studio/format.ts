import { formatTime } from "@/lib/format/date";

export function formatStudioTime(iso: string | null): string {
  return iso ? formatTime(iso) : "never";
}

export const studioLinkClass = "link-accent";
