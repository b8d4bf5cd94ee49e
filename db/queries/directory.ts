import "server-only";
import { type SQL, and, asc, count, desc, eq, gt, lt, or, sql } from "drizzle-orm";
import { connection } from "next/server";
import { SIGNATORIES_TAG } from "@/lib/cache";
import { OVERDUE_GRACE_DAYS } from "@/lib/reports/due";
import { type DirectoryCursor, type DirectoryFilters, type DirectorySort, DEFAULT_SORT, encodeCursor } from "@/lib/validation/directory";
import { countryLabel, sectorLabel } from "@/lib/validation/organisation";
import { cachedRead } from "../cached-read";
import type { Db } from "../client";
import { signatoryListings } from "../schema";

/*
 * Reading the public directory (pages, API, CSV) from signatory_listings, which listings.ts keeps
 * in step with the source tables.
 */

const overdueSql = sql<boolean>`(${signatoryListings.status} = 'active' and ${signatoryListings.reportDueAt} < now() - make_interval(days => ${OVERDUE_GRACE_DAYS}))`;

const publicColumns = {
  slug: signatoryListings.slug,
  name: signatoryListings.name,
  legalName: signatoryListings.legalName,
  domain: signatoryListings.domain,
  website: signatoryListings.website,
  country: signatoryListings.country,
  sector: signatoryListings.sector,
  status: signatoryListings.status,
  statusReason: signatoryListings.statusReason,
  accordVersion: signatoryListings.accordVersion,
  contentHash: signatoryListings.contentHash,
  signerName: signatoryListings.signerName,
  signerTitle: signatoryListings.signerTitle,
  signedAt: signatoryListings.signedAt,
  signatureLedgerIndex: signatoryListings.signatureLedgerIndex,
  withdrawnAt: signatoryListings.withdrawnAt,
  withdrawalReason: signatoryListings.withdrawalReason,
  lastReportAt: signatoryListings.lastReportAt,
  reportDueAt: signatoryListings.reportDueAt,
  reportOverdue: overdueSql.mapWith(Boolean),
  verificationMethod: signatoryListings.verificationMethod,
  verifiedAt: signatoryListings.verifiedAt,
  commitmentCount: signatoryListings.commitmentCount,
  reportCount: signatoryListings.reportCount,
  isDemo: signatoryListings.isDemo,
};

type ListingRow = {
  [K in keyof typeof publicColumns]: K extends "reportOverdue" ? boolean : (typeof signatoryListings.$inferSelect)[Exclude<K, "reportOverdue">];
};

/**
 * One listed signatory as the directory, the API and the CSV show it: public fields only (no ids,
 * email addresses or tokens), dates as ISO strings so it survives the data cache and JSON.
 */
export type DirectoryEntry = {
  slug: string;
  name: string;
  legalName: string;
  domain: string;
  website: string | null;
  country: string;
  countryName: string;
  sector: string;
  sectorLabel: string;
  /** active, withdrawn or suspended; `reportOverdue` marks active signatories that stopped reporting. */
  status: "active" | "withdrawn" | "suspended";
  statusReason: string | null;
  reportOverdue: boolean;
  accordVersion: number;
  contentHash: string;
  signer: { name: string; title: string };
  signedAt: string;
  signatureLedgerIndex: number | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  verification: { method: string | null; at: string | null };
  commitmentCount: number;
  reportCount: number;
  lastReportAt: string | null;
  reportDueAt: string | null;
  isDemo: boolean;
};

function toEntry(row: ListingRow): DirectoryEntry {
  return {
    slug: row.slug,
    name: row.name,
    legalName: row.legalName,
    domain: row.domain,
    website: row.website,
    country: row.country,
    countryName: countryLabel(row.country),
    sector: row.sector,
    sectorLabel: sectorLabel(row.sector),
    status: row.status,
    statusReason: row.statusReason,
    reportOverdue: row.reportOverdue,
    accordVersion: row.accordVersion,
    contentHash: row.contentHash,
    signer: { name: row.signerName, title: row.signerTitle },
    signedAt: row.signedAt.toISOString(),
    signatureLedgerIndex: row.signatureLedgerIndex,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    withdrawalReason: row.withdrawalReason,
    verification: { method: row.verificationMethod, at: row.verifiedAt?.toISOString() ?? null },
    commitmentCount: row.commitmentCount,
    reportCount: row.reportCount,
    lastReportAt: row.lastReportAt?.toISOString() ?? null,
    reportDueAt: row.reportDueAt?.toISOString() ?? null,
    isDemo: row.isDemo,
  };
}

/** LIKE treats % and _ as wildcards and \ as the escape: a search for "100%" means the characters. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The directory's filters as SQL over signatory_listings (the feed filters its events by them too). */
export function filterConditions(filters: DirectoryFilters): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.q) conditions.push(sql`${signatoryListings.searchText} like '%' || lower(unaccent(${likeEscape(filters.q)})) || '%'`);
  if (filters.country) conditions.push(eq(signatoryListings.country, filters.country));
  if (filters.sector) conditions.push(eq(signatoryListings.sector, filters.sector));
  if (filters.version) conditions.push(eq(signatoryListings.accordVersion, filters.version));
  if (filters.method) conditions.push(eq(signatoryListings.verificationMethod, filters.method));
  if (filters.status === "overdue") conditions.push(overdueSql);
  else if (filters.status) conditions.push(eq(signatoryListings.status, filters.status));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

const orderBy = {
  name: [asc(signatoryListings.sortName), asc(signatoryListings.slug)],
  newest: [desc(signatoryListings.signedAt), asc(signatoryListings.slug)],
  oldest: [asc(signatoryListings.signedAt), asc(signatoryListings.slug)],
} satisfies Record<DirectorySort, SQL[]>;

/** The sort key of a row, as a cursor carries it (timestamps as ISO strings). */
function sortKey(sort: DirectorySort, row: ListingRow & { sortName: string }): string {
  return sort === "name" ? row.sortName : row.signedAt.toISOString();
}

/** Rows strictly after the cursor in its sort order (the slug breaks ties, as in orderBy). */
function afterCursor(cursor: DirectoryCursor): SQL {
  const slug = signatoryListings.slug;
  if (cursor.s === "name") return or(gt(signatoryListings.sortName, cursor.k), and(eq(signatoryListings.sortName, cursor.k), gt(slug, cursor.id)))!;
  const at = new Date(cursor.k);
  return cursor.s === "newest"
    ? or(lt(signatoryListings.signedAt, at), and(eq(signatoryListings.signedAt, at), gt(slug, cursor.id)))!
    : or(gt(signatoryListings.signedAt, at), and(eq(signatoryListings.signedAt, at), gt(slug, cursor.id)))!;
}

/** Normalised filters as a stable cache key part (defaults and absent values dropped). */
function filtersKey(filters: DirectoryFilters): string {
  return JSON.stringify([
    filters.q ?? "",
    filters.country ?? "",
    filters.sector ?? "",
    filters.status ?? "",
    filters.version ?? 0,
    filters.method ?? "",
    filters.sort ?? DEFAULT_SORT,
  ]);
}

export type DirectoryPage = { items: DirectoryEntry[]; total: number };

/** One page of the directory and the total matching, for the page's offset pagination. */
export async function getDirectoryPage(filters: DirectoryFilters, { page, pageSize }: { page: number; pageSize: number }): Promise<DirectoryPage> {
  await connection();
  return cachedDirectoryPage(filtersKey(filters), filters, page, pageSize);
}

const cachedDirectoryPage = cachedRead(
  "directory-page",
  async (db: Db, _key: string, filters: DirectoryFilters, page: number, pageSize: number): Promise<DirectoryPage> => {
    const where = filterConditions(filters);
    const [rows, [total]] = await Promise.all([
      db
        .select({ ...publicColumns, sortName: signatoryListings.sortName })
        .from(signatoryListings)
        .where(where)
        .orderBy(...orderBy[filters.sort ?? DEFAULT_SORT])
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ n: count() }).from(signatoryListings).where(where),
    ]);
    return { items: rows.map(toEntry), total: total?.n ?? 0 };
  },
  { tags: [SIGNATORIES_TAG], revalidate: 300, duringBuild: () => ({ items: [], total: 0 }) },
);

/**
 * The directory's default view (no filters, first page, default order) for its static page: unlike
 * getDirectoryPage it does not mark the page dynamic, so the page stays in the page cache until the
 * public data changes (tag `signatories`).
 */
export async function getDefaultDirectoryPage(pageSize: number): Promise<DirectoryPage> {
  return cachedDirectoryPage(filtersKey({}), {}, 1, pageSize);
}

export type DirectorySlice = { items: DirectoryEntry[]; total: number; nextCursor: string | null };

/** A slice of the directory after an opaque cursor (keyset pagination, stable under inserts), with the total. */
export async function getDirectorySlice(filters: DirectoryFilters, { cursor, limit }: { cursor?: DirectoryCursor; limit: number }): Promise<DirectorySlice> {
  await connection();
  return cachedDirectorySlice(filtersKey(filters), filters, cursor ? JSON.stringify(cursor) : "", limit);
}

const cachedDirectorySlice = cachedRead(
  "directory-slice",
  async (db: Db, _key: string, filters: DirectoryFilters, cursorJson: string, limit: number): Promise<DirectorySlice> => {
    const sort = filters.sort ?? DEFAULT_SORT;
    const cursor = cursorJson ? (JSON.parse(cursorJson) as DirectoryCursor) : undefined;
    if (cursor && cursor.s !== sort) return { items: [], total: 0, nextCursor: null };
    const where = filterConditions(filters);
    const [rows, [total]] = await Promise.all([
      db
        .select({ ...publicColumns, sortName: signatoryListings.sortName })
        .from(signatoryListings)
        .where(cursor ? and(where, afterCursor(cursor)) : where)
        .orderBy(...orderBy[sort])
        .limit(limit + 1),
      db.select({ n: count() }).from(signatoryListings).where(where),
    ]);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor({ s: sort, k: sortKey(sort, last), id: last.slug }) : null;
    return { items: items.map(toEntry), total: total?.n ?? 0, nextCursor };
  },
  { tags: [SIGNATORIES_TAG], revalidate: 300 },
);

/**
 * Every listed signatory matching the directory's filters, in the filters' sort order (slug order
 * when none is given), `batchSize` rows per query with keyset pagination, for streaming the CSV
 * (never cached).
 */
export async function* iterateDirectory(db: Db, batchSize = 1_000, filters: DirectoryFilters = {}): AsyncGenerator<DirectoryEntry[]> {
  const where = filterConditions(filters);
  const sort = filters.sort;
  let cursor: DirectoryCursor | null = null;
  let after: string | null = null;
  for (;;) {
    const rows: (ListingRow & { sortName: string })[] = await db
      .select({ ...publicColumns, sortName: signatoryListings.sortName })
      .from(signatoryListings)
      .where(and(where, sort ? (cursor ? afterCursor(cursor) : undefined) : after === null ? undefined : gt(signatoryListings.slug, after)))
      .orderBy(...(sort ? orderBy[sort] : [asc(signatoryListings.slug)]))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows.map(toEntry);
    if (rows.length < batchSize) return;
    const last = rows.at(-1)!;
    after = last.slug;
    if (sort) cursor = { s: sort, k: sortKey(sort, last), id: last.slug };
  }
}

/** One listed signatory by slug, or null (unknown, delisted, never signed). */
export async function getDirectoryEntry(slug: string): Promise<DirectoryEntry | null> {
  await connection();
  return cachedDirectoryEntry(slug);
}

const cachedDirectoryEntry = cachedRead(
  "directory-entry",
  async (db: Db, slug: string): Promise<DirectoryEntry | null> => {
    const [row] = await db.select(publicColumns).from(signatoryListings).where(eq(signatoryListings.slug, slug)).limit(1);
    return row ? toEntry(row) : null;
  },
  { tags: [SIGNATORIES_TAG], revalidate: 300 },
);

export type DirectoryFacets = {
  status: Record<"active" | "withdrawn" | "suspended" | "overdue", number>;
  countries: { value: string; count: number }[];
  sectors: { value: string; count: number }[];
  versions: { value: number; count: number }[];
  methods: { value: string; count: number }[];
  total: number;
};

/** How many listed signatories each filter value has (over the whole directory), for the filter menus. */
export async function getDirectoryFacets(): Promise<DirectoryFacets> {
  await connection();
  return cachedDirectoryFacets();
}

const cachedDirectoryFacets = cachedRead(
  "directory-facets",
  async (db: Db): Promise<DirectoryFacets> => {
    const l = signatoryListings;
    const [statuses, [overdue], countries, sectors, versions, methods] = await Promise.all([
      db.select({ value: l.status, count: count() }).from(l).groupBy(l.status),
      db.select({ count: count() }).from(l).where(overdueSql),
      db.select({ value: l.country, count: count() }).from(l).groupBy(l.country).orderBy(desc(count()), asc(l.country)),
      db.select({ value: l.sector, count: count() }).from(l).groupBy(l.sector).orderBy(desc(count()), asc(l.sector)),
      db.select({ value: l.accordVersion, count: count() }).from(l).groupBy(l.accordVersion).orderBy(desc(l.accordVersion)),
      db.select({ value: l.verificationMethod, count: count() }).from(l).groupBy(l.verificationMethod).orderBy(desc(count())),
    ]);
    const byStatus = Object.fromEntries(statuses.map((s) => [s.value, s.count]));
    return {
      status: { active: byStatus.active ?? 0, withdrawn: byStatus.withdrawn ?? 0, suspended: byStatus.suspended ?? 0, overdue: overdue?.count ?? 0 },
      countries,
      sectors,
      versions,
      methods: methods.flatMap((m) => (m.value === null ? [] : [{ value: m.value, count: m.count }])),
      total: statuses.reduce((sum, s) => sum + s.count, 0),
    };
  },
  {
    tags: [SIGNATORIES_TAG],
    revalidate: 300,
    duringBuild: () => ({ status: { active: 0, withdrawn: 0, suspended: 0, overdue: 0 }, countries: [], sectors: [], versions: [], methods: [], total: 0 }),
  },
);

/** The filter counts without marking the page dynamic: for the directory's layout, shared by its static default view. */
export async function getCachedDirectoryFacets(): Promise<DirectoryFacets> {
  return cachedDirectoryFacets();
}
