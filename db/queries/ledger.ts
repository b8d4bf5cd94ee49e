import "server-only";
import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { ledgerCheckpoints, ledgerEntries, ledgerHashes } from "../schema";

/** Arbitrary constant naming the ledger's sequencer lock; every appender takes it. */
const LEDGER_LOCK = 7461627;

/** Serialises appends across connections and app instances; released when the transaction ends. */
export async function lockLedger(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LEDGER_LOCK})`);
}

export async function getLedgerSize(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ index: ledgerEntries.index }).from(ledgerEntries).orderBy(desc(ledgerEntries.index)).limit(1);
  return row ? row.index + 1 : 0;
}

export async function insertLedgerEntry(tx: DbOrTx, values: typeof ledgerEntries.$inferInsert): Promise<void> {
  await tx.insert(ledgerEntries).values(values);
}

export async function insertLedgerHashes(tx: DbOrTx, rows: { level: number; index: number; hash: Uint8Array }[]): Promise<void> {
  if (rows.length > 0) await tx.insert(ledgerHashes).values(rows);
}

type LedgerEntryValues = { index: number; data: Uint8Array; kind: string; organisationSlug: string | null; at: Date };
type LedgerHashValues = { level: number; index: number; hash: Uint8Array };
type LedgerCheckpointValues = { size: number; rootHash: Uint8Array; signedNote: string };

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/**
 * Many entries, their subtree hashes and checkpoints in three statements, for the bulk loader.
 * One JSON parameter per table: drizzle would spread a JS array into one parameter per value, and
 * thousands of rows would pass the drivers' parameter limits. The checkpoints' created_at is the
 * transaction's time.
 */
export async function insertLedgerRowsInBulk(
  tx: DbOrTx,
  rows: { entries: readonly LedgerEntryValues[]; hashes: readonly LedgerHashValues[]; checkpoints: readonly LedgerCheckpointValues[] },
): Promise<void> {
  if (rows.entries.length === 0) return;
  // Through Date, as insertLedgerEntry stores it: PostgreSQL would keep digits below a millisecond.
  const entries = rows.entries.map((e) => [e.index, hex(e.data), e.kind, e.organisationSlug, e.at.toISOString()]);
  const hashes = rows.hashes.map((h) => [h.level, h.index, hex(h.hash)]);
  const checkpoints = rows.checkpoints.map((c) => [c.size, hex(c.rootHash), c.signedNote]);
  await tx.execute(sql`
    insert into ledger_entries (idx, data, kind, organisation_slug, at)
    select (r->>0)::bigint, decode(r->>1, 'hex'), r->>2, r->>3, (r->>4)::timestamptz
    from jsonb_array_elements(${JSON.stringify(entries)}::jsonb) as r`);
  await tx.execute(sql`
    insert into ledger_hashes (level, idx, hash)
    select (r->>0)::integer, (r->>1)::bigint, decode(r->>2, 'hex')
    from jsonb_array_elements(${JSON.stringify(hashes)}::jsonb) as r`);
  await tx.execute(sql`
    insert into ledger_checkpoints (size, root_hash, signed_note)
    select (r->>0)::bigint, decode(r->>1, 'hex'), r->>2
    from jsonb_array_elements(${JSON.stringify(checkpoints)}::jsonb) as r`);
}

/** Hashes at the given (level, index) coordinates, in one round trip, keyed "level/index". */
export async function getLedgerHashes(db: DbOrTx, coordinates: { level: number; index: number }[]): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  if (coordinates.length === 0) return found;
  const byLevel = new Map<number, number[]>();
  for (const c of coordinates) byLevel.set(c.level, [...(byLevel.get(c.level) ?? []), c.index]);
  const conditions = [...byLevel].map(([level, indexes]) => and(eq(ledgerHashes.level, level), inArray(ledgerHashes.index, indexes)));
  const rows = await db
    .select()
    .from(ledgerHashes)
    .where(
      sql.join(
        conditions.map((c) => sql`(${c})`),
        sql` or `,
      ),
    );
  for (const row of rows) found.set(`${row.level}/${row.index}`, row.hash);
  return found;
}

/** Consecutive hashes at one height, for a tile: indexes [from, from + count). */
export async function getLedgerHashRange(db: DbOrTx, level: number, from: number, count: number): Promise<Uint8Array[]> {
  const rows = await db
    .select({ hash: ledgerHashes.hash })
    .from(ledgerHashes)
    .where(and(eq(ledgerHashes.level, level), gte(ledgerHashes.index, from), lt(ledgerHashes.index, from + count)))
    .orderBy(asc(ledgerHashes.index));
  return rows.map((r) => r.hash);
}

export async function getLedgerEntryRange(db: DbOrTx, from: number, count: number) {
  return db
    .select()
    .from(ledgerEntries)
    .where(and(gte(ledgerEntries.index, from), lt(ledgerEntries.index, from + count)))
    .orderBy(asc(ledgerEntries.index));
}

export async function getLedgerEntry(db: DbOrTx, index: number) {
  const [row] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.index, index)).limit(1);
  return row ?? null;
}

/** Newest first, for the human view of the log. */
export async function getLedgerEntriesPage(db: DbOrTx, { before, limit }: { before: number; limit: number }) {
  return db.select().from(ledgerEntries).where(lt(ledgerEntries.index, before)).orderBy(desc(ledgerEntries.index)).limit(limit);
}

export async function getOrganisationLedgerEntries(db: DbOrTx, slug: string, limit: number) {
  return db.select().from(ledgerEntries).where(eq(ledgerEntries.organisationSlug, slug)).orderBy(desc(ledgerEntries.index)).limit(limit);
}

export async function insertLedgerCheckpoint(tx: DbOrTx, values: typeof ledgerCheckpoints.$inferInsert): Promise<void> {
  await tx.insert(ledgerCheckpoints).values(values);
}

export async function getLatestLedgerCheckpoint(db: DbOrTx) {
  const [row] = await db.select().from(ledgerCheckpoints).orderBy(desc(ledgerCheckpoints.size)).limit(1);
  return row ?? null;
}

export async function getLedgerCheckpointAt(db: DbOrTx, size: number) {
  const [row] = await db.select().from(ledgerCheckpoints).where(eq(ledgerCheckpoints.size, size)).limit(1);
  return row ?? null;
}
