import type { DirectoryEntry } from "@/db/queries/directory";

/**
 * What a row shows, and nothing more. The list (directory-list.tsx) is a client component on purpose: the page's
 * navigation payload then carries these few fields per row instead of every row's rendered
 * element tree, which more than halves the directory's bytes (and it is served thousands of
 * times a second from the page cache).
 */
export type DirectoryRow = Pick<
  DirectoryEntry,
  | "slug"
  | "name"
  | "domain"
  | "countryName"
  | "sectorLabel"
  | "status"
  | "reportOverdue"
  | "accordVersion"
  | "signedAt"
  | "withdrawnAt"
  | "commitmentCount"
  | "reportCount"
>;

export const toDirectoryRow = ({
  slug,
  name,
  domain,
  countryName,
  sectorLabel,
  status,
  reportOverdue,
  accordVersion,
  signedAt,
  withdrawnAt,
  commitmentCount,
  reportCount,
}: DirectoryEntry): DirectoryRow => ({
  slug,
  name,
  domain,
  countryName,
  sectorLabel,
  status,
  reportOverdue,
  accordVersion,
  signedAt,
  withdrawnAt,
  commitmentCount,
  reportCount,
});
