import "server-only";
import { and, count, desc, eq, inArray, notExists, notInArray, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { commitments, hiddenOrganisationStatuses, organisations } from "../schema";

/** Marks ts_headline puts around matched words: characters stripped from the text first, so they can only be ours. */
export const MATCH_START = "\u0001";
export const MATCH_END = "\u0002";

/** The stored, indexed search document (db/schema.ts commitments_search_idx). */
const document = commitments.searchDocument;

export type CommitmentHit = {
  id: string;
  organisation: { slug: string; name: string };
  principleSlug: string;
  title: string;
  status: string;
  /** The description around the matches, with MATCH_START/MATCH_END around each matched word. */
  excerpt: string;
  updatedAt: string;
  rank: number;
};

/** Above this many hidden organisations, they are excluded by an anti-join rather than a list. */
const HIDDEN_LIST_MAX = 500;

/**
 * Public unless its organisation is hidden (pending or rejected). Those are few and found through
 * the status index before the search, so each match is checked against a short list (none at all
 * when nothing is hidden) instead of a join run once per match: a common phrase matches thousands.
 */
async function notHidden(db: DbOrTx): Promise<SQL | undefined> {
  const hidden = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(inArray(organisations.status, hiddenOrganisationStatuses))
    .limit(HIDDEN_LIST_MAX + 1);
  if (hidden.length === 0) return undefined;
  if (hidden.length <= HIDDEN_LIST_MAX)
    return notInArray(
      commitments.organisationId,
      hidden.map((h) => h.id),
    );
  return notExists(
    db
      .select({ one: sql`1` })
      .from(organisations)
      .where(and(eq(organisations.id, commitments.organisationId), inArray(organisations.status, hiddenOrganisationStatuses))),
  );
}

/**
 * Full-text search over the public commitments (of organisations whose profile is public) with
 * PostgreSQL's text search: English stemming, `websearch_to_tsquery` syntax ("quoted phrases",
 * `or`, `-word`), ranked by ts_rank then newest. Works the same on PGlite.
 */
export async function searchCommitments(
  db: DbOrTx,
  search: { q: string; principle?: string; limit: number; offset: number },
): Promise<{ hits: CommitmentHit[]; total: number }> {
  const query = sql`websearch_to_tsquery('english', ${search.q})`;
  const where = and(sql`${document} @@ ${query}`, await notHidden(db), search.principle ? eq(commitments.principleSlug, search.principle) : undefined) as SQL;
  const clean = sql`replace(replace(${commitments.description}, chr(1), ''), chr(2), '')`;
  const rank = sql<number>`ts_rank(${document}, ${query})`;
  // One pass ranks every match and counts them (a window over the same scan); the excerpts are cut
  // afterwards for the page's rows only, not for every match before the sort.
  const ranked = db
    .select({ id: commitments.id, rank: rank.as("rank"), total: sql<number>`count(*) over ()`.as("total") })
    .from(commitments)
    .where(where)
    .orderBy(desc(rank), desc(commitments.updatedAt), commitments.id)
    .limit(search.limit)
    .offset(search.offset)
    .as("ranked");
  const rows = await db
    .select({
      id: commitments.id,
      slug: organisations.slug,
      name: organisations.displayName,
      principleSlug: commitments.principleSlug,
      title: commitments.title,
      status: commitments.status,
      excerpt: sql<string>`ts_headline('english', ${clean}, ${query}, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=40, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "')`,
      updatedAt: commitments.updatedAt,
      rank: ranked.rank,
      total: ranked.total,
    })
    .from(ranked)
    .innerJoin(commitments, eq(commitments.id, ranked.id))
    .innerJoin(organisations, eq(organisations.id, commitments.organisationId))
    .orderBy(desc(ranked.rank), desc(commitments.updatedAt), commitments.id);
  // A page past the last has no row to carry the count: counted on its own then.
  let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  if (rows.length === 0 && search.offset > 0) {
    const [counted] = await db.select({ n: count() }).from(commitments).where(where);
    total = counted?.n ?? 0;
  }
  return {
    hits: rows.map((r) => ({
      id: r.id,
      organisation: { slug: r.slug, name: r.name },
      principleSlug: r.principleSlug,
      title: r.title,
      status: r.status,
      excerpt: r.excerpt,
      updatedAt: new Date(r.updatedAt).toISOString(),
      rank: Number(r.rank),
    })),
    total,
  };
}
