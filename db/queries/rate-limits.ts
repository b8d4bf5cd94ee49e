import "server-only";
import { and, count, eq, gt, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../client";
import { rateLimitHits } from "../schema";

export type RateLimitBucket = { bucket: string; max: number; windowMs: number };
export type RateLimitResult = { bucket: string; count: number; allowed: boolean };

/**
 * Counts hits in each bucket's window and, if every bucket is under its `max`, records one hit in
 * each, atomically per bucket (a transaction-scoped advisory lock on the bucket's hash), so
 * concurrent requests on several app instances cannot all slip under the limit. When any bucket
 * is full nothing is recorded: a refused request costs the other buckets nothing. Returns the
 * count before this hit.
 */
export async function consumeRateLimit(db: Db, buckets: RateLimitBucket[], now = new Date()): Promise<RateLimitResult[]> {
  return db.transaction(async (tx) => {
    const results = [];
    for (const { bucket, max, windowMs } of [...buckets].sort((a, b) => a.bucket.localeCompare(b.bucket))) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${bucket}))`);
      results.push({ bucket, count: await countRateLimitHits(tx, bucket, new Date(now.getTime() - windowMs)), max });
    }
    const allowed = results.every((r) => r.count < r.max);
    if (allowed && results.length > 0) await tx.insert(rateLimitHits).values(results.map((r) => ({ bucket: r.bucket, at: now })));
    // Old hits are useless after a day; pruning here keeps the table small without a job.
    await tx.delete(rateLimitHits).where(lt(rateLimitHits.at, new Date(now.getTime() - 86_400_000)));
    return results.map((r) => ({ bucket: r.bucket, count: r.count, allowed: r.count < r.max }));
  });
}

export async function countRateLimitHits(tx: DbOrTx, bucket: string, since: Date): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.bucket, bucket), gt(rateLimitHits.at, since)));
  return row?.n ?? 0;
}
