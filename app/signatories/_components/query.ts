import type { z } from "zod";
import { type DirectoryFilters, directoryPageQuerySchema, directorySearchString, queryRecord, unknownParams } from "@/lib/validation/directory";

export const DIRECTORY_PAGE_SIZE = 20;

const allowedParams = Object.keys(directoryPageQuerySchema.shape);

export type DirectoryQuery =
  { ok: true; filters: DirectoryFilters; page: number; /** the canonical query string, "" or "?…" */ canonical: string } | { ok: false; problems: string[] };

/**
 * The schema wraps each parameter in a union (absent, or given once), so zod reports a bad value
 * as a bare "Invalid input": the message worth showing is the one from the branch that got a value.
 */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_union") {
    const inner = issue.errors.at(-1)?.[0];
    if (inner) return issueMessage(inner);
  }
  return issue.message;
}

/** Reads the directory's query string: every problem named in words, or the filters, page and canonical form. */
export function parseDirectoryQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): DirectoryQuery {
  const record = queryRecord(params);
  const problems = unknownParams(record, allowedParams).map(
    (name) => `“${name.length > 40 ? `${name.slice(0, 40)}…` : name}” is not a setting of the directory`,
  );
  const parsed = directoryPageQuerySchema.safeParse(record);
  if (!parsed.success) problems.push(...parsed.error.issues.map(issueMessage));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: [...new Set(problems)] };
  const { page = 1, ...filters } = parsed.data;
  return { ok: true, filters, page, canonical: directorySearchString({ ...filters, page }) };
}

/** The query string as Next hands it to a page, re-encoded (repeated keys kept) for comparisons and cache keys. */
export function searchStringOf(params: Record<string, string | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** True when something narrows the list (the sort only orders it). */
export function hasFilters(filters: DirectoryFilters): boolean {
  return Boolean(filters.q || filters.country || filters.sector || filters.status || filters.version || filters.method);
}
