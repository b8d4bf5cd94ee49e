import "server-only";
import { and, count, eq, gt, lt, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "../client";
import { rateLimitHits } from "../schema";

/**
 * Counts hits in the window and, if under `max`, records one more, atomically per bucket
 * (a transaction-scoped advisory lock on the bucket's hash), so concurrent requests on several
 * app instances cannot all slip under the limit. Returns the count before this hit.
 */
export async function consumeRateLimit(buckets: { bucket: string; max: number; since: Date }[]): Promise<{ bucket: string; count: number; allowed: boolean }[]> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const results = [];
    for (const { bucket, max, since } of [...buckets].sort((a, b) => a.bucket.localeCompare(b.bucket))) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${bucket}))`);
      results.push({ bucket, count: await countHits(tx, bucket, since), allowed: true, max });
    }
    const allowed = results.every((r) => r.count < r.max);
    if (allowed) await tx.insert(rateLimitHits).values(results.map((r) => ({ bucket: r.bucket })));
    // Old hits are useless after a day; pruning here keeps the table small without a job.
    await tx.delete(rateLimitHits).where(lt(rateLimitHits.at, new Date(Date.now() - 86_400_000)));
    return results.map((r) => ({ bucket: r.bucket, count: r.count, allowed: r.count < r.max }));
  });
}

export async function countRateLimitHits(bucket: string, since: Date): Promise<number> {
  return countHits(await getDb(), bucket, since);
}

async function countHits(tx: DbOrTx, bucket: string, since: Date): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(rateLimitHits).where(and(eq(rateLimitHits.bucket, bucket), gt(rateLimitHits.at, since)));
  return row?.n ?? 0;
}
