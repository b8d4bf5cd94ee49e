import "server-only";
import { and, countDistinct, desc, eq, isNull, lte } from "drizzle-orm";
import { type AccordDiff, diffAccordSnapshots } from "@/lib/accord/diff";
import { type AccordSnapshot, parseAccordSnapshot } from "@/lib/accord/snapshot";
import { ACCORD_VERSIONS_TAG, SIGNATORIES_TAG } from "@/lib/cache";
import { canonicalJson } from "@/lib/ledger/canonical-json";
import { ledgerEventSchema } from "@/lib/ledger/events";
import { cachedRead } from "../cached-read";
import type { Db, DbOrTx } from "../client";
import { accordVersions, ledgerEntries, organisations, signatures } from "../schema";

/** A published version without its text. Dates are ISO strings so the object survives the data cache. */
export type AccordVersionMeta = {
  number: number;
  contentHash: string;
  changelog: string;
  publishedAt: string;
  /** Its `accord.published` ledger entry; null only if the log lacks one, which the page says. */
  ledgerIndex: number | null;
};

export type AccordVersionSummary = AccordVersionMeta & {
  /** Organisations whose signature of this version stands: not withdrawn, and not suspended or delisted. */
  standingSignatories: number;
};

export type PublishedAccordVersion = AccordVersionMeta & {
  snapshot: AccordSnapshot;
  /** The canonical JSON whose SHA-256 is `contentHash`, byte for byte. */
  snapshotJson: string;
};

export type AccordVersionDiff = { version: AccordVersionMeta; previous: AccordVersionMeta | null; diff: AccordDiff | null };

const metaColumns = {
  number: accordVersions.number,
  contentHash: accordVersions.contentHash,
  changelog: accordVersions.changelog,
  publishedAt: accordVersions.publishedAt,
};

/**
 * Each version's `accord.published` entry, by version number. Those entries name no organisation,
 * so the (organisation_slug, idx) index finds them without reading the whole log.
 */
async function getPublicationEntries(tx: DbOrTx): Promise<Map<number, number>> {
  const rows = await tx
    .select({ index: ledgerEntries.index, data: ledgerEntries.data })
    .from(ledgerEntries)
    .where(and(isNull(ledgerEntries.organisationSlug), eq(ledgerEntries.kind, "accord.published")))
    .orderBy(ledgerEntries.index);
  const byVersion = new Map<number, number>();
  for (const row of rows) {
    // Parsed, never cast: the same schema the ledger pages and the verifier use.
    const event = ledgerEventSchema.parse(JSON.parse(new TextDecoder().decode(row.data)));
    if (event.kind === "accord.published" && !byVersion.has(event.version)) byVersion.set(event.version, row.index);
  }
  return byVersion;
}

function toMeta(row: { number: number; contentHash: string; changelog: string; publishedAt: Date }, entries: Map<number, number>): AccordVersionMeta {
  return { ...row, publishedAt: row.publishedAt.toISOString(), ledgerIndex: entries.get(row.number) ?? null };
}

/*
 * The readers below leave the versions pages static: each page is kept in the page cache under the
 * tags its reads carry (a miss too: the tag is taken before the read), so a publication purges it.
 * While `next build` prerenders there is no database, and that render is never served.
 */

/** Every published version, newest first, with how many organisations' signatures of it stand. */
export const getAccordVersionSummaries = cachedRead(
  "accord-version-summaries",
  async (db: Db): Promise<AccordVersionSummary[]> => {
    const [versions, counts, entries] = await Promise.all([
      db.select(metaColumns).from(accordVersions).orderBy(desc(accordVersions.number)),
      db
        .select({ version: signatures.accordVersion, n: countDistinct(signatures.organisationId) })
        .from(signatures)
        .innerJoin(organisations, eq(organisations.id, signatures.organisationId))
        // The same rule as the directory, so the counts here and on the home page agree.
        .where(and(isNull(signatures.withdrawnAt), eq(organisations.status, "verified")))
        .groupBy(signatures.accordVersion),
      getPublicationEntries(db),
    ]);
    const standing = new Map(counts.map((c) => [c.version, c.n]));
    return versions.map((v) => ({ ...toMeta(v, entries), standingSignatories: standing.get(v.number) ?? 0 }));
  },
  // Signature counts move with signatures (tag `signatories`); the list itself with publication.
  { tags: [ACCORD_VERSIONS_TAG, SIGNATORIES_TAG], revalidate: 300, duringBuild: () => [] },
);

/**
 * Thrown inside a cached loader for a number not (yet) published: the data cache keeps results
 * but not errors, so a version shows up the moment it is committed, even before the tag is purged.
 */
class NotPublished extends Error {}

async function uncachedMisses<T>(load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof NotPublished) return null;
    throw error;
  }
}

/** One version with its text, or null. A published version never changes, so it is cached per version. */
export async function getPublishedAccordVersion(number: number): Promise<PublishedAccordVersion | null> {
  return uncachedMisses(() => cachedVersion(number));
}

const cachedVersion = cachedRead(
  "accord-version",
  // Never null from the database (a miss throws NotPublished): only while `next build` prerenders.
  async (db: Db, number: number): Promise<PublishedAccordVersion | null> => {
    const [row] = await db
      .select({ ...metaColumns, content: accordVersions.content })
      .from(accordVersions)
      .where(eq(accordVersions.number, number))
      .limit(1);
    if (!row) throw new NotPublished();
    const { content, ...meta } = row;
    return {
      ...toMeta(meta, await getPublicationEntries(db)),
      snapshot: parseAccordSnapshot(content),
      // The stored value itself, not the parsed copy: parsing drops unknown keys, and the hash
      // was taken over everything that was stored.
      snapshotJson: canonicalJson(content),
    };
  },
  { tags: [ACCORD_VERSIONS_TAG], revalidate: 3600, duringBuild: () => null },
);

/** A version and what changed since the one before it (null for the first version), or null. */
export async function getAccordVersionDiff(number: number): Promise<AccordVersionDiff | null> {
  return uncachedMisses(() => cachedDiff(number));
}

const cachedDiff = cachedRead(
  "accord-version-diff",
  async (db: Db, number: number): Promise<AccordVersionDiff | null> => {
    // The version and the one before it: numbers should have no gaps, but a gap must not hide the diff.
    const [current, previous] = await db
      .select({ ...metaColumns, content: accordVersions.content })
      .from(accordVersions)
      .where(lte(accordVersions.number, number))
      .orderBy(desc(accordVersions.number))
      .limit(2);
    if (!current || current.number !== number) throw new NotPublished();
    const entries = await getPublicationEntries(db);
    const { content, ...meta } = current;
    if (!previous) return { version: toMeta(meta, entries), previous: null, diff: null };
    const { content: previousContent, ...previousMeta } = previous;
    return {
      version: toMeta(meta, entries),
      previous: toMeta(previousMeta, entries),
      diff: diffAccordSnapshots(parseAccordSnapshot(previousContent), parseAccordSnapshot(content)),
    };
  },
  { tags: [ACCORD_VERSIONS_TAG], revalidate: 3600, duringBuild: () => null },
);
