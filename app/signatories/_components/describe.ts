import type { DirectoryFilters, DirectorySort, DirectoryStatus } from "@/lib/validation/directory";
import { countryLabel, sectorLabel } from "@/lib/validation/organisation";

export const statusLabels: Record<DirectoryStatus, string> = {
  active: "Active",
  withdrawn: "Withdrawn",
  suspended: "Suspended",
  overdue: "Report overdue",
};

export const methodLabels: Record<string, string> = {
  email_domain: "Work email at the domain",
  dns_txt: "DNS TXT record",
  moderator: "Moderator review",
};

const methodPhrases: Record<string, string> = {
  email_domain: "verified by a work email address",
  dns_txt: "verified by a DNS TXT record",
  moderator: "verified by a moderator",
};

export const sortLabels: Record<DirectorySort, string> = {
  name: "Name A–Z",
  newest: "Newest signatures",
  oldest: "Oldest signatures",
};

export const sortPhrases: Record<DirectorySort, string> = {
  name: "in name order (A–Z)",
  newest: "newest signatures first",
  oldest: "oldest signatures first",
};

const numberFormat = new Intl.NumberFormat("en-GB");

function sectorPhrase(sector: string): string {
  return sector === "other" ? "in other sectors" : `in the ${sectorLabel(sector).toLowerCase()} sector`;
}

/** "in Germany, in the software sector, …": the filters other than the search and the status adjective. */
function qualifiers(filters: DirectoryFilters): string {
  const parts: string[] = [];
  if (filters.country) parts.push(`in ${countryLabel(filters.country)}`);
  if (filters.sector) parts.push(sectorPhrase(filters.sector));
  if (filters.version) parts.push(`that signed version ${filters.version}`);
  if (filters.method) parts.push(methodPhrases[filters.method] ?? `verified by ${filters.method}`);
  if (filters.status === "overdue") parts.push("with a report overdue");
  return parts.length > 0 ? ` ${parts.join(", ")}` : "";
}

/** active, withdrawn and suspended read as adjectives ("2 withdrawn signatories"); overdue as a qualifier. */
function statusAdjective(filters: DirectoryFilters): string {
  return filters.status && filters.status !== "overdue" ? `${filters.status} ` : "";
}

/** The results heading: "40 signatories", "3 signatories match “zur” in Germany", "No withdrawn signatories". */
export function describeResults(total: number, filters: DirectoryFilters): string {
  const count = total === 0 ? "No" : numberFormat.format(total);
  const noun = total === 1 ? "signatory" : "signatories";
  const search = filters.q ? ` ${total === 1 ? "matches" : "match"} “${filters.q}”` : "";
  return `${count} ${statusAdjective(filters)}${noun}${search}${qualifiers(filters)}`;
}

/** The page title for a view: "Signatories", "Active signatories matching “zur” in Germany". */
export function describeView(filters: DirectoryFilters): string {
  const subject = `${statusAdjective(filters)}signatories`;
  const search = filters.q ? ` matching “${filters.q}”` : "";
  const text = `${subject}${search}${qualifiers(filters)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export type ActiveFilter = { key: keyof Omit<DirectoryFilters, "sort">; text: string };

/** Each filter in force, named for a person, so an empty result can say what to loosen. */
export function activeFilters(filters: DirectoryFilters): ActiveFilter[] {
  const list: ActiveFilter[] = [];
  if (filters.q) list.push({ key: "q", text: `search “${filters.q}”` });
  if (filters.country) list.push({ key: "country", text: `country: ${countryLabel(filters.country)}` });
  if (filters.sector) list.push({ key: "sector", text: `sector: ${sectorLabel(filters.sector)}` });
  if (filters.status) list.push({ key: "status", text: `status: ${statusLabels[filters.status].toLowerCase()}` });
  if (filters.version) list.push({ key: "version", text: `accord version ${filters.version}` });
  if (filters.method) list.push({ key: "method", text: `verification: ${methodLabels[filters.method] ?? filters.method}` });
  return list;
}
