import "server-only";
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { jobs, ledgerCosignatures, ledgerWitnessStatus } from "../schema";

/**
 * Makes sure one queued job of `kind` is due by `now`, in one statement: a queued job (waiting, or
 * backing off) is pulled forward; only when none is queued is one inserted. So however many
 * appends happen, the queue holds at most one such job waiting (plus the one running): it submits
 * whatever checkpoint is latest when it runs.
 */
export async function queueCoalescedJob(tx: DbOrTx, kind: string, now: Date): Promise<void> {
  const at = sql`${now.toISOString()}::timestamptz`;
  // The common case in a burst of appends: a job is already waiting and due. A read (on the
  // partial index of queued jobs) is cheaper than the upsert below.
  // Without parameters (the kind is a code constant, checked below): PGlite then skips the extended
  // protocol, which costs it more than the query.
  if (!/^[a-z.-]+$/.test(kind)) throw new Error(`invalid job kind ${kind}`);
  const waiting = await tx.execute(
    sql`select 1 from ${jobs} where ${jobs.state} = 'queued' and ${jobs.runAt} <= now() and ${jobs.kind} = '${sql.raw(kind)}' limit 1`,
  );
  if ((Array.isArray(waiting) ? waiting : ((waiting as { rows?: unknown[] }).rows ?? [])).length > 0) return;
  await tx.execute(sql`
    with pulled as (
      update ${jobs} set run_at = least(${jobs.runAt}, ${at}), updated_at = ${at}
      where ${jobs.kind} = ${kind} and ${jobs.state} = 'queued'
      returning ${jobs.id}
    )
    insert into ${jobs} (kind, payload, run_at, max_attempts, created_at, updated_at)
    select ${kind}, '{}'::jsonb, ${at}, 12, ${at}, ${at}
    where not exists (select 1 from pulled)`);
}

export type WitnessStatusRow = typeof ledgerWitnessStatus.$inferSelect;

export async function getWitnessStatuses(db: DbOrTx, witnessKeys: readonly string[]): Promise<WitnessStatusRow[]> {
  if (witnessKeys.length === 0) return [];
  return db
    .select()
    .from(ledgerWitnessStatus)
    .where(inArray(ledgerWitnessStatus.witnessKey, [...witnessKeys]));
}

export async function upsertWitnessStatus(
  db: DbOrTx,
  values: { witnessKey: string; knownSize?: number; failures: number; lastError: string | null; lastAttemptAt: Date; nextAttemptAt: Date | null },
): Promise<void> {
  const set = {
    failures: values.failures,
    lastError: values.lastError,
    lastAttemptAt: values.lastAttemptAt,
    nextAttemptAt: values.nextAttemptAt,
    updatedAt: values.lastAttemptAt,
    ...(values.knownSize !== undefined ? { knownSize: values.knownSize } : {}),
  };
  await db
    .insert(ledgerWitnessStatus)
    .values({ witnessKey: values.witnessKey, knownSize: values.knownSize ?? 0, ...set })
    .onConflictDoUpdate({ target: ledgerWitnessStatus.witnessKey, set });
}

export async function insertCosignature(db: DbOrTx, values: { witnessKey: string; size: number; signatureLine: string; cosignedAt: Date }): Promise<void> {
  await db
    .insert(ledgerCosignatures)
    .values(values)
    .onConflictDoUpdate({
      target: [ledgerCosignatures.witnessKey, ledgerCosignatures.size],
      set: { signatureLine: values.signatureLine, cosignedAt: values.cosignedAt },
    });
}

/** The largest tree size cosigned by at least `quorum` of `witnessKeys`, or undefined. */
export async function getLatestQuorumSize(db: DbOrTx, witnessKeys: readonly string[], quorum: number): Promise<number | undefined> {
  if (witnessKeys.length === 0 || quorum < 1) return undefined;
  const [row] = await db
    .select({ size: ledgerCosignatures.size })
    .from(ledgerCosignatures)
    .where(inArray(ledgerCosignatures.witnessKey, [...witnessKeys]))
    .groupBy(ledgerCosignatures.size)
    .having(sql`count(distinct ${ledgerCosignatures.witnessKey}) >= ${quorum}`)
    .orderBy(desc(ledgerCosignatures.size))
    .limit(1);
  return row?.size;
}

/**
 * Forgets the cosignatures of these witnesses below `size`, the largest size they cosigned with a
 * quorum: the served checkpoint only moves forward, so they are never read again, and keeping them
 * made the table (and the quorum query over it) grow with every append.
 */
export async function deleteCosignaturesBelow(db: DbOrTx, witnessKeys: readonly string[], size: number): Promise<void> {
  if (witnessKeys.length === 0) return;
  await db.delete(ledgerCosignatures).where(and(inArray(ledgerCosignatures.witnessKey, [...witnessKeys]), lt(ledgerCosignatures.size, size)));
}

export async function getCosignaturesAt(db: DbOrTx, size: number, witnessKeys: readonly string[]) {
  if (witnessKeys.length === 0) return [];
  return db
    .select()
    .from(ledgerCosignatures)
    .where(and(eq(ledgerCosignatures.size, size), inArray(ledgerCosignatures.witnessKey, [...witnessKeys])));
}

/** Each witness's latest cosignature (largest size). */
export async function getLatestCosignatures(db: DbOrTx, witnessKeys: readonly string[]) {
  if (witnessKeys.length === 0) return [];
  return db
    .selectDistinctOn([ledgerCosignatures.witnessKey])
    .from(ledgerCosignatures)
    .where(inArray(ledgerCosignatures.witnessKey, [...witnessKeys]))
    .orderBy(ledgerCosignatures.witnessKey, desc(ledgerCosignatures.size));
}
