import type { z } from "zod";
import { AppError } from "@/lib/errors";
import {
  DEFAULT_SORT,
  type DirectoryCursor,
  type DirectoryFilters,
  directoryApiQuerySchema,
  directoryFilterParams,
  directoryFiltersSchema,
  directorySorts,
  queryRecord,
  unknownParams,
} from "@/lib/validation/directory";

export const API_LIMIT_DEFAULT = 20;

/** The parameters `/api/v1/signatories` understands, in the order the documentation lists them. */
export const signatoriesApiParams = ["q", "country", "sector", "status", "version", "method", "sort", "limit", "cursor"] as const;

export type SignatoriesQuery = { filters: DirectoryFilters; limit: number; cursor: DirectoryCursor | undefined };

/**
 * The schemas accept "absent" or "one valid value" as a union, so a bad value surfaces as a bare
 * "Invalid input" union issue; the message worth showing is the one from the branch that took a value.
 */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code !== "invalid_union") return issue.message;
  const branch = issue.errors.find((errors) => !errors.every((e) => e.code === "invalid_type" && e.expected === "undefined"));
  return branch?.[0] ? issueMessage(branch[0]) : issue.message;
}

/** One coded 400 naming every offending parameter, with a message per parameter in `fields`. */
export function invalidQuery(fields: Record<string, string>): AppError {
  const sentences = Object.entries(fields).map(([name, message]) => `Invalid query parameter "${name}": ${message}.`);
  return new AppError("invalid", sentences.join(" "), fields);
}

/** Refuses any query parameter at all, for endpoints that take none (a typo should not pass silently). */
export function assertNoQuery(params: URLSearchParams): void {
  const names = [...new Set(params.keys())];
  if (names.length > 0) throw invalidQuery(Object.fromEntries(names.map((name) => [name, "this endpoint takes no query parameters"])));
}

/**
 * A cursor is a position in one sort order only (its shape and key are checked by the schema): a
 * cursor from a request with another sort is refused rather than read as a different position.
 */
function cursorProblem(cursor: DirectoryCursor, sort: (typeof directorySorts)[number]): string | null {
  return cursor.s === sort ? null : `this cursor belongs to sort=${cursor.s}, not sort=${sort}; keep the parameters of the request that returned it`;
}

/** Parses `/api/v1/signatories`'s query string, or throws a 400 AppError naming each bad parameter. */
export function parseSignatoriesQuery(params: URLSearchParams): SignatoriesQuery {
  const record = queryRecord(params);
  const unknown = unknownParams(record, signatoriesApiParams);
  if (unknown.length > 0) {
    throw invalidQuery(Object.fromEntries(unknown.map((name) => [name, `unknown parameter; the parameters are ${signatoriesApiParams.join(", ")}`])));
  }
  const parsed = directoryApiQuerySchema.safeParse(record);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? "query");
      fields[name] ??= issueMessage(issue);
    }
    throw invalidQuery(fields);
  }
  const { limit, cursor, ...filters } = parsed.data;
  if (cursor) {
    const problem = cursorProblem(cursor, filters.sort ?? DEFAULT_SORT);
    if (problem) throw invalidQuery({ cursor: problem });
  }
  return { filters: stripUnset(filters), limit: limit ?? API_LIMIT_DEFAULT, cursor };
}

function stripUnset(filters: DirectoryFilters): DirectoryFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as DirectoryFilters;
}

/** The canonical query string of a request: defaults dropped, a stable order, so equal requests give equal links. */
export function signatoriesQueryString({ filters, limit }: { filters: DirectoryFilters; limit: number }, cursor?: string | null): string {
  const params = directoryFilterParams(filters);
  if (limit !== API_LIMIT_DEFAULT) params.set("limit", String(limit));
  if (cursor) params.set("cursor", cursor);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The directory's filters as `/signatories.csv` takes them (its sort too), and as `/feed.xml` takes them (no sort: a feed is newest first). */
export const csvParams = ["q", "country", "sector", "status", "version", "method", "sort"] as const;
export const feedParams = ["q", "country", "sector", "status", "version", "method"] as const;

/**
 * Parses the directory's filters from an open-data endpoint's query string with the directory's
 * own schema, or throws a 400 AppError naming each bad or unknown parameter.
 */
export function parseFilterQuery(params: URLSearchParams, allowed: readonly string[]): DirectoryFilters {
  const record = queryRecord(params);
  const fields: Record<string, string> = {};
  for (const name of unknownParams(record, allowed)) fields[name] = `unknown parameter; the parameters are ${allowed.join(", ")}`;
  const known = Object.fromEntries(Object.entries(record).filter(([name]) => allowed.includes(name)));
  const parsed = directoryFiltersSchema.safeParse(known);
  if (!parsed.success) for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "query")] ??= issueMessage(issue);
  if (Object.keys(fields).length > 0 || !parsed.success) throw invalidQuery(fields);
  return stripUnset(parsed.data);
}

/** The canonical query string of a set of filters ("" or "?…"), as the feed names itself. */
export function filterQueryString(filters: DirectoryFilters): string {
  const text = directoryFilterParams(filters).toString();
  return text ? `?${text}` : "";
}
