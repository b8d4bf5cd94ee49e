import { z } from "zod";
import { verificationMethods } from "@/db/schema";
import { countryCodes } from "./countries";
import { sectors } from "./organisation";

/** What the directory, the JSON API and the CSV can be filtered and sorted by, in URL form. */
export const directoryStatuses = ["active", "withdrawn", "suspended", "overdue"] as const;
export const directorySorts = ["name", "newest", "oldest"] as const;
export const DIRECTORY_QUERY_MAX = 100;
export const API_LIMIT_MAX = 100;

export type DirectoryStatus = (typeof directoryStatuses)[number];
export type DirectorySort = (typeof directorySorts)[number];

/**
 * One value per parameter: `?country=DE&country=FR` is refused rather than silently read as one
 * of them. Empty strings (an untouched select in a GET form) mean "not set".
 */
export const single = <T extends z.ZodType<unknown, string>>(schema: T, name: string) =>
  z
    .unknown()
    .transform((value, ctx): z.output<T> | undefined => {
      if (value === undefined || (typeof value === "string" && value.trim() === "")) return undefined;
      if (typeof value !== "string") {
        ctx.addIssue({ code: "custom", message: `give ${name} once` });
        return z.NEVER;
      }
      // The inner schema's own messages, not a union's generic "Invalid input".
      const result = schema.safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
        return z.NEVER;
      }
      return result.data as z.output<T>;
    })
    .optional();

const filterShape = {
  q: single(
    z
      .string()
      .trim()
      .max(DIRECTORY_QUERY_MAX, `the search must be at most ${DIRECTORY_QUERY_MAX} characters`)
      .refine((q) => !/[\u0000-\u001f\u007f]/.test(q), "the search cannot contain control characters"),
    "q",
  ),
  country: single(
    z
      .string()
      .trim()
      .toUpperCase()
      .refine((c) => countryCodes.has(c), "country must be an ISO 3166-1 code, such as DE or KE"),
    "country",
  ),
  sector: single(z.enum(sectors, { message: `sector must be one of: ${sectors.join(", ")}` }), "sector"),
  status: single(z.enum(directoryStatuses, { message: `status must be one of: ${directoryStatuses.join(", ")}` }), "status"),
  version: single(
    z
      .string()
      .regex(/^[1-9]\d{0,5}$/, "version must be an accord version number, such as 1")
      .transform(Number),
    "version",
  ),
  method: single(z.enum(verificationMethods, { message: `method must be one of: ${verificationMethods.join(", ")}` }), "method"),
  sort: single(z.enum(directorySorts, { message: `sort must be one of: ${directorySorts.join(", ")}` }), "sort"),
};

export const directoryFiltersSchema = z.object(filterShape);
export type DirectoryFilters = Partial<z.output<typeof directoryFiltersSchema>>;

/** The page's query string: the filters and `page` (1..10,000). */
export const directoryPageQuerySchema = z.object({
  ...filterShape,
  page: single(
    z
      .string()
      .regex(/^[1-9]\d{0,4}$/, "page must be a page number")
      .transform(Number)
      .pipe(z.number().max(10_000, "page must be at most 10000")),
    "page",
  ),
});

/** Keyset position in one sort order: the sort key of the last row seen and its slug. */
export const directoryCursorSchema = z
  .object({
    s: z.enum(directorySorts),
    k: z
      .string()
      .max(200)
      .refine((k) => !/[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(k)),
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .max(64),
  })
  // Date-sorted cursors carry the timestamp exactly as we wrote it (no signature predates 1970).
  .refine((c) => c.s === "name" || (/^(?:19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(c.k) && new Date(c.k).toISOString() === c.k));
export type DirectoryCursor = z.output<typeof directoryCursorSchema>;

export function encodeCursor(cursor: DirectoryCursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

/** A cursor is opaque to clients, so anything that does not decode to our own shape is refused. */
export const cursorParamSchema = z
  .string()
  .max(400, "cursor is malformed")
  .regex(/^[A-Za-z0-9_-]+$/, "cursor is malformed")
  .transform((raw, ctx) => {
    try {
      return directoryCursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    } catch {
      ctx.addIssue({ code: "custom", message: "cursor is malformed" });
      return z.NEVER;
    }
  });

/** `/api/v1/signatories`: the filters, `limit` (1..100, default 20) and an opaque `cursor`. */
export const directoryApiQuerySchema = z.object({
  ...filterShape,
  limit: single(
    z
      .string()
      .regex(/^\d{1,6}$/, `limit must be a whole number from 1 to ${API_LIMIT_MAX}`)
      .transform(Number)
      .pipe(z.number().min(1, `limit must be at least 1`).max(API_LIMIT_MAX, `limit must be at most ${API_LIMIT_MAX}`)),
    "limit",
  ),
  cursor: single(cursorParamSchema, "cursor"),
});

/**
 * URLSearchParams or Next's searchParams object as a plain record; repeated keys become arrays,
 * which `single` then refuses with a message.
 */
export function queryRecord(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  if (params instanceof URLSearchParams) {
    for (const key of new Set(params.keys())) {
      const all = params.getAll(key);
      record[key] = all.length === 1 ? all[0]! : all;
    }
    return record;
  }
  for (const [key, value] of Object.entries(params)) if (value !== undefined) record[key] = value;
  return record;
}

/** Unknown parameters are refused too, so a typo (`?contry=DE`) is reported rather than ignored. */
export function unknownParams(record: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(record).filter((key) => !allowed.includes(key));
}

/** The filters as URL parameters: defaults dropped, a stable order, so equal views give equal links and cache keys. */
export function directoryFilterParams(filters: DirectoryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.country) params.set("country", filters.country);
  if (filters.sector) params.set("sector", filters.sector);
  if (filters.status) params.set("status", filters.status);
  if (filters.version) params.set("version", String(filters.version));
  if (filters.method) params.set("method", filters.method);
  if (filters.sort && filters.sort !== DEFAULT_SORT) params.set("sort", filters.sort);
  return params;
}

/** The directory page's query string for a set of filters and a page. */
export function directorySearchString(filters: DirectoryFilters & { page?: number }): string {
  const params = directoryFilterParams(filters);
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export const DEFAULT_SORT: DirectorySort = "name";
