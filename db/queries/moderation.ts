import "server-only";
import { type SQL, type SQLWrapper, and, asc, count, desc, eq, gt, ilike, isNull, lt, lte, or, sql } from "drizzle-orm";
import { type ModerationCursor, type ModerationFilters, type ModerationSort, defaultSort, encodeModerationCursor } from "@/lib/validation/moderation-query";
import type { DbOrTx } from "../client";
import { type Organisation, organisations } from "../schema";

/*
 * /admin's list of organisations: search, filters, an order and keyset pages (a cursor after the
 * last row shown, like the directory's API), so finding one organisation among thousands is one
 * search and the next page costs the same as the first.
 */

const DAY = 24 * 60 * 60 * 1000;

/** ILIKE treats % and _ as wildcards and \ as the escape: a search for "100%" means the characters. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function conditions(filters: ModerationFilters, now: Date): SQL | undefined {
  const where: (SQL | undefined)[] = [eq(organisations.status, filters.status ?? "pending")];
  if (filters.search) {
    const pattern = likePattern(filters.search);
    where.push(
      or(
        ilike(organisations.displayName, pattern),
        ilike(organisations.legalName, pattern),
        ilike(organisations.slug, pattern),
        ilike(organisations.primaryDomain, pattern),
      ),
    );
  }
  if (filters.method === "none") where.push(isNull(organisations.verificationMethod));
  else if (filters.method) where.push(eq(organisations.verificationMethod, filters.method));
  if (filters.country) where.push(eq(organisations.country, filters.country));
  if (filters.age) where.push(lte(organisations.createdAt, new Date(now.getTime() - Number(filters.age) * DAY)));
  return and(...where);
}

const sortName = sql<string>`lower(${organisations.displayName})`;

/** Each order's key (the id breaks ties) and direction. */
const orders: Record<ModerationSort, { key: SQLWrapper; ascending: boolean }> = {
  oldest: { key: organisations.createdAt, ascending: true },
  newest: { key: organisations.createdAt, ascending: false },
  name: { key: sortName, ascending: true },
  updated: { key: organisations.updatedAt, ascending: false },
};

/** An order's ORDER BY, or the same read backwards (from a page's start towards the first page). */
function orderBy(sort: ModerationSort, backwards = false): SQL[] {
  const { key, ascending } = orders[sort];
  const direction = ascending !== backwards ? asc : desc;
  return [direction(key), direction(organisations.id)];
}

/* Timestamps go into cursors exactly as PostgreSQL stores them (microseconds): a JavaScript Date
 * keeps milliseconds only, and a cursor rounded down would show its own row again. */
const exactTime = (column: typeof organisations.createdAt | typeof organisations.updatedAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const keyColumns = { nameKey: sortName, createdKey: exactTime(organisations.createdAt), updatedKey: exactTime(organisations.updatedAt) };
type KeyedRow = Organisation & { nameKey: string; createdKey: string; updatedKey: string };

function sortKey(sort: ModerationSort, row: Pick<KeyedRow, "nameKey" | "createdKey" | "updatedKey">): string {
  return sort === "name" ? row.nameKey : sort === "updated" ? row.updatedKey : row.createdKey;
}

/** Rows strictly after the cursor in its order (the id breaks ties, as in orderBy). */
function afterCursor(cursor: ModerationCursor): SQL {
  const id = organisations.id;
  switch (cursor.s) {
    case "name":
      return or(gt(sortName, cursor.k), and(eq(sortName, cursor.k), gt(id, cursor.id)))!;
    case "oldest": {
      const at = sql`${cursor.k}::timestamptz`;
      return or(gt(organisations.createdAt, at), and(eq(organisations.createdAt, at), gt(id, cursor.id)))!;
    }
    case "newest": {
      const at = sql`${cursor.k}::timestamptz`;
      return or(lt(organisations.createdAt, at), and(eq(organisations.createdAt, at), lt(id, cursor.id)))!;
    }
    case "updated": {
      const at = sql`${cursor.k}::timestamptz`;
      return or(lt(organisations.updatedAt, at), and(eq(organisations.updatedAt, at), lt(id, cursor.id)))!;
    }
  }
}

export type ModerationPage = { items: Organisation[]; total: number; nextCursor: string | null; sort: ModerationSort };

/** One page of organisations for moderators, after `cursor`, with the total matching the filters. */
export async function getModerationPage(
  db: DbOrTx,
  filters: ModerationFilters,
  options: { cursor?: ModerationCursor; limit: number; now: Date },
): Promise<ModerationPage> {
  const sort = filters.sort ?? defaultSort(filters.status);
  // A cursor from another order points nowhere in this one: start from the top.
  const cursor = options.cursor && options.cursor.s === sort ? options.cursor : undefined;
  const where = conditions(filters, options.now);
  const [rows, [total]] = await Promise.all([
    db
      .select({ organisation: organisations, ...keyColumns })
      .from(organisations)
      .where(cursor ? and(where, afterCursor(cursor)) : where)
      .orderBy(...orderBy(sort))
      .limit(options.limit + 1),
    db.select({ n: count() }).from(organisations).where(where),
  ]);
  const page = rows.slice(0, options.limit).map((r) => ({ ...r.organisation, nameKey: r.nameKey, createdKey: r.createdKey, updatedKey: r.updatedKey }));
  const last = page.at(-1);
  const nextCursor = rows.length > options.limit && last ? encodeModerationCursor({ s: sort, k: sortKey(sort, last), id: last.id }) : null;
  return { items: page.map(({ nameKey: _n, createdKey: _c, updatedKey: _u, ...org }) => org), total: total?.n ?? 0, nextCursor, sort };
}

/**
 * Where the page before the one after `cursor` begins: the cursor to ask for it with, or null when
 * that page is the first (no cursor). Keyset pages keep only where a page ends, so this reads the
 * rows up to the cursor's backwards: the one `limit` rows back ends the page before it.
 */
export async function getPreviousModerationCursor(
  db: DbOrTx,
  filters: ModerationFilters,
  options: { cursor: ModerationCursor; limit: number; now: Date },
): Promise<string | null> {
  const sort = filters.sort ?? defaultSort(filters.status);
  if (options.cursor.s !== sort) return null;
  const rows = await db
    .select({ id: organisations.id, ...keyColumns })
    .from(organisations)
    .where(and(conditions(filters, options.now), sql`not (${afterCursor(options.cursor)})`))
    .orderBy(...orderBy(sort, true))
    .limit(options.limit + 1);
  const end = rows[options.limit];
  if (!end) return null;
  return encodeModerationCursor({ s: sort, k: sortKey(sort, end), id: end.id });
}

/** How many rows come before the cursor's position, to say "showing 21–40 of 250". */
export async function countBeforeCursor(db: DbOrTx, filters: ModerationFilters, cursor: ModerationCursor, now: Date): Promise<number> {
  const sort = filters.sort ?? defaultSort(filters.status);
  if (cursor.s !== sort) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(organisations)
    .where(and(conditions(filters, now), sql`not (${afterCursor(cursor)})`));
  return row?.n ?? 0;
}
