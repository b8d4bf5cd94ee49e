import { z } from "zod";
import { organisationStatuses, verificationMethods } from "@/db/schema";
import { countryCodes } from "./countries";
import { single } from "./directory";
import { organisationSlugSchema } from "./organisation";

/**
 * /admin's query string: which organisations a moderator sees (status tab, search by name, slug or
 * domain, proof method, country, time waiting), in which order, from where (a keyset cursor, as
 * the directory's API pages), plus the people search and the message of the action just taken.
 * Every parameter is checked; a bad one is named in a message on the page, never a server error.
 */

export const moderationSorts = ["oldest", "newest", "name", "updated"] as const;
export type ModerationSort = (typeof moderationSorts)[number];
/** "Waiting longer than": registrations older than this many days. */
export const moderationAges = ["1", "7", "30", "90"] as const;
export const moderationMethods = [...verificationMethods, "none"] as const;
export const MODERATION_SEARCH_MAX = 100;

const searchText = (what: string) =>
  z
    .string()
    .trim()
    .max(MODERATION_SEARCH_MAX, `${what} must be at most ${MODERATION_SEARCH_MAX} characters`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), `${what} cannot contain control characters`);

/** Keyset position: the sort key of the last row shown and its id. */
const cursorSchema = z
  .strictObject({
    s: z.enum(moderationSorts),
    k: z.string().max(300),
    id: z.uuid(),
  })
  .refine((c) => c.s === "name" || (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(c.k) && !Number.isNaN(Date.parse(c.k))));
export type ModerationCursor = z.output<typeof cursorSchema>;

export function encodeModerationCursor(cursor: ModerationCursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

const cursorParam = z
  .string()
  .max(600, "the page position (after) is malformed: start again from the first page")
  .regex(/^[A-Za-z0-9_-]+$/, "the page position (after) is malformed: start again from the first page")
  .transform((raw, ctx) => {
    try {
      return cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    } catch {
      ctx.addIssue({ code: "custom", message: "the page position (after) is malformed: start again from the first page" });
      return z.NEVER;
    }
  });

export const moderationNotices = ["approved", "rejected", "released", "suspended", "delisted", "reinstated", "role"] as const;

const shape = {
  status: single(z.enum(organisationStatuses, { message: `status must be one of: ${organisationStatuses.join(", ")}` }), "status"),
  search: single(searchText("the search"), "search"),
  method: single(z.enum(moderationMethods, { message: `proof method must be one of: ${moderationMethods.join(", ")}` }), "method"),
  country: single(
    z
      .string()
      .trim()
      .toUpperCase()
      .refine((c) => countryCodes.has(c), "country must be an ISO 3166-1 code, such as DE or KE"),
    "country",
  ),
  age: single(z.enum(moderationAges, { message: `waiting time must be one of: ${moderationAges.join(", ")} days` }), "age"),
  sort: single(z.enum(moderationSorts, { message: `sort must be one of: ${moderationSorts.join(", ")}` }), "sort"),
  after: single(cursorParam, "after"),
  q: single(searchText("the people search"), "q"),
  users: single(
    z
      .string()
      .regex(/^[1-9]\d{0,4}$/, "the people page must be a page number")
      .transform(Number),
    "users",
  ),
  notice: single(z.enum(moderationNotices, { message: "unknown notice" }), "notice"),
  org: single(organisationSlugSchema, "org"),
  user: single(z.string().min(1).max(100), "user"),
  // Which action the notice belongs to: a fresh value for each one, so forms start clean after it.
  done: single(z.string().regex(/^[a-z0-9]{1,16}$/, "done is malformed"), "done"),
};

export const moderationQuerySchema = z.object(shape);
export type ModerationQuery = z.output<typeof moderationQuerySchema>;
export const moderationParams = Object.keys(shape);

export type ModerationFilters = Pick<ModerationQuery, "status" | "search" | "method" | "country" | "age" | "sort">;

/** The default order of a tab: the queue oldest first (fair), public organisations by last change. */
export function defaultSort(status: ModerationQuery["status"]): ModerationSort {
  return (status ?? "pending") === "pending" ? "oldest" : "updated";
}

/** The view's filters as a query string (defaults dropped, a stable order); no cursor, notice or people search. */
export function moderationViewParams(filters: ModerationFilters): URLSearchParams {
  const params = new URLSearchParams();
  const status = filters.status ?? "pending";
  params.set("status", status);
  if (filters.search) params.set("search", filters.search);
  if (filters.method) params.set("method", filters.method);
  if (filters.country) params.set("country", filters.country);
  if (filters.age) params.set("age", filters.age);
  if (filters.sort && filters.sort !== defaultSort(status)) params.set("sort", filters.sort);
  return params;
}

/**
 * The address an action returns to: the view its form was posted from (`view`, the query string
 * the page rendered), re-validated and re-written so a redirect never carries input nobody
 * checked, then the action's own notice. `done` is new for every action, so the page's forms start
 * clean and no earlier message lingers beside a later, unrelated one.
 */
export function moderationReturnPath(
  basePath: string,
  view: unknown,
  notice: { notice: (typeof moderationNotices)[number]; org?: string; user?: string; status?: ModerationQuery["status"] },
  now: Date = new Date(),
): string {
  const record: Record<string, string> = {};
  if (typeof view === "string" && view.length <= 2000) for (const [key, value] of new URLSearchParams(view)) record[key] = value;
  const parsed = moderationQuerySchema.safeParse(record);
  const query = parsed.success ? parsed.data : {};
  const params = moderationViewParams({ ...query, status: notice.status ?? query.status });
  // A page position belongs to its tab: kept only while the tab stays the same.
  if (query.after && (!notice.status || notice.status === query.status)) params.set("after", encodeModerationCursor(query.after));
  if (query.q) params.set("q", query.q);
  if (query.users && query.users > 1) params.set("users", String(query.users));
  params.set("notice", notice.notice);
  if (notice.org) params.set("org", notice.org);
  if (notice.user) params.set("user", notice.user);
  params.set("done", now.getTime().toString(36));
  return `${basePath}?${params}`;
}
