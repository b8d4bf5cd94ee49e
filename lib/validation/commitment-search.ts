import { z } from "zod";
import { queryRecord, unknownParams } from "./directory";

export const COMMITMENT_QUERY_MAX = 200;
export const COMMITMENT_SEARCH_LIMIT_MAX = 100;
export const COMMITMENT_SEARCH_PAGE_MAX = 500;

/** A value given once (an empty one, as a GET form sends, means "not set"); a repeated parameter is refused rather than silently read as one of them. */
const once = <T extends z.ZodType>(name: string, schema: T) =>
  z
    .unknown()
    .transform((value, ctx): z.output<T> | undefined => {
      if (value === undefined || value === "") return undefined;
      if (typeof value !== "string") {
        ctx.addIssue({ code: "custom", message: `give ${name} once` });
        return z.NEVER;
      }
      const result = schema.safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
        return z.NEVER;
      }
      return result.data as z.output<T>;
    })
    .optional();

const searchShape = {
  q: once(
    "q",
    z
      .string()
      .trim()
      .max(COMMITMENT_QUERY_MAX, `the search must be at most ${COMMITMENT_QUERY_MAX} characters`)
      .refine((q) => !/[\u0000-\u001f\u007f]/.test(q), "the search cannot contain control characters"),
  ),
  principle: once(
    "principle",
    z
      .string()
      .max(80, "principle must be one of the accord's principles")
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "principle must be one of the accord's principles (its slug, such as defence-not-offence)"),
  ),
  page: once(
    "page",
    z
      .string()
      .regex(/^[1-9]\d{0,3}$/, "page must be a page number")
      .transform(Number)
      .pipe(z.number().max(COMMITMENT_SEARCH_PAGE_MAX, `page must be at most ${COMMITMENT_SEARCH_PAGE_MAX}`)),
  ),
};

export const commitmentSearchPageSchema = z.object(searchShape);
export const commitmentSearchApiSchema = z.object({
  ...searchShape,
  limit: once(
    "limit",
    z
      .string()
      .regex(/^\d{1,6}$/, `limit must be a whole number from 1 to ${COMMITMENT_SEARCH_LIMIT_MAX}`)
      .transform(Number)
      .pipe(z.number().min(1, "limit must be at least 1").max(COMMITMENT_SEARCH_LIMIT_MAX, `limit must be at most ${COMMITMENT_SEARCH_LIMIT_MAX}`)),
  ),
});

export type CommitmentSearch = { q: string; principle?: string; page: number; limit: number };

/**
 * Reads a commitment search from a query string: every problem by parameter (unknown ones too), or
 * the search. An empty `q` is a search for nothing (the page shows its form; the API refuses it).
 */
export function parseCommitmentSearch(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
  { api }: { api: boolean },
): { ok: true; search: CommitmentSearch } | { ok: false; problems: Record<string, string> } {
  const record = queryRecord(params);
  const schema = api ? commitmentSearchApiSchema : commitmentSearchPageSchema;
  const allowed = Object.keys(schema.shape);
  const problems: Record<string, string> = {};
  for (const name of unknownParams(record, allowed)) problems[name.slice(0, 40)] = `unknown parameter; the parameters are ${allowed.join(", ")}`;
  const parsed = schema.safeParse(record);
  if (!parsed.success) for (const issue of parsed.error.issues) problems[String(issue.path[0] ?? "query")] ??= issue.message;
  if (Object.keys(problems).length > 0 || !parsed.success) return { ok: false, problems };
  const data = parsed.data as { q?: string; principle?: string; page?: number; limit?: number };
  if (api && !data.q) return { ok: false, problems: { q: "give the words to search for, such as q=vulnerability disclosure" } };
  return { ok: true, search: { q: data.q ?? "", principle: data.principle || undefined, page: data.page ?? 1, limit: data.limit ?? 20 } };
}
