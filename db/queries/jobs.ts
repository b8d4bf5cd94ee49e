import "server-only";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { type Job, jobs } from "../schema";

export type NewJob = { kind: string; payload?: Record<string, unknown>; key?: string | null; runAt: Date; maxAttempts?: number };

/**
 * Queues jobs (in the caller's transaction). A job whose key is already queued is kept as it was,
 * so queueing the same work twice runs it once. Returns the rows inserted or found, in input order.
 */
export async function insertJobs(tx: DbOrTx, values: (NewJob & { id?: string })[]): Promise<{ id: string }[]> {
  if (values.length === 0) return [];
  const rows = values.map((v) => ({
    ...(v.id ? { id: v.id } : {}),
    kind: v.kind,
    payload: v.payload ?? {},
    key: v.key ?? null,
    runAt: v.runAt,
    maxAttempts: v.maxAttempts ?? 12,
    createdAt: v.runAt,
    updatedAt: v.runAt,
  }));
  return tx.insert(jobs).values(rows).onConflictDoNothing({ target: jobs.key }).returning({ id: jobs.id });
}

/**
 * Leases up to `limit` due jobs for `worker` until `until`: queued jobs whose time has come, and
 * running jobs whose lease expired (their runner died). One statement, so the pick and the lease
 * are atomic; SKIP LOCKED lets concurrent runners (other instances) take disjoint rows instead of
 * waiting on each other. Each lease counts as an attempt.
 */
export async function leaseDueJobs(tx: DbOrTx, options: { worker: string; now: Date; until: Date; limit: number; kinds: string[] }): Promise<Job[]> {
  const { worker, now, until, limit, kinds } = options;
  if (kinds.length === 0) return [];
  const kindList = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  // Times go as ISO strings with a cast: both drivers then read them the same way.
  const at = sql`${now.toISOString()}::timestamptz`;
  const result = await tx.execute(sql`
    with picked as (
      select id from ${jobs}
      where ${jobs.kind} in (${kindList})
        and ((${jobs.state} = 'queued' and ${jobs.runAt} <= ${at}) or (${jobs.state} = 'running' and ${jobs.lockedUntil} <= ${at}))
      order by ${jobs.runAt}
      limit ${limit}
      for update skip locked
    )
    update ${jobs} set state = 'running', locked_by = ${worker}, locked_until = ${until.toISOString()}::timestamptz, attempts = ${jobs.attempts} + 1, updated_at = ${at}
    from picked where ${jobs.id} = picked.id
    returning ${jobs.id} as "id"`);
  const ids = rowsOf<{ id: string }>(result).map((r) => r.id);
  if (ids.length === 0) return [];
  return tx.select().from(jobs).where(inArray(jobs.id, ids)).orderBy(jobs.runAt);
}

/** postgres-js returns the rows as the result; PGlite wraps them in `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Marks a leased job done; only the runner holding the lease may (a retaken lease fences it off). */
export async function completeJob(tx: DbOrTx, id: string, worker: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set({ state: "done", lockedBy: null, lockedUntil: null, lastError: null, finishedAt: now, updatedAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, worker), eq(jobs.state, "running")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Records a failed attempt: back to the queue at `retryAt`, or dead when `retryAt` is null. */
export async function failJob(tx: DbOrTx, id: string, worker: string, error: string, retryAt: Date | null, now: Date): Promise<boolean> {
  const rows = await tx
    .update(jobs)
    .set(
      retryAt
        ? { state: "queued", runAt: retryAt, lockedBy: null, lockedUntil: null, lastError: error, updatedAt: now }
        : { state: "dead", lockedBy: null, lockedUntil: null, lastError: error, finishedAt: now, updatedAt: now },
    )
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, worker), eq(jobs.state, "running")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function getJobById(tx: DbOrTx, id: string): Promise<Job | null> {
  const [row] = await tx.select().from(jobs).where(eq(jobs.id, id)).limit(1);
  return row ?? null;
}

/** Jobs per state, for health checks and tests. */
export async function countJobsByState(tx: DbOrTx, kind?: string): Promise<Record<Job["state"], number>> {
  const rows = await tx
    .select({ state: jobs.state, n: count() })
    .from(jobs)
    .where(kind ? eq(jobs.kind, kind) : undefined)
    .groupBy(jobs.state);
  const counts = { queued: 0, running: 0, done: 0, dead: 0 };
  for (const row of rows) counts[row.state] = row.n;
  return counts;
}

/** The earliest time a queued job is due, or null: lets a runner (and tests) know when to look again. */
export async function getNextDueAt(tx: DbOrTx, kinds: string[]): Promise<Date | null> {
  if (kinds.length === 0) return null;
  const [row] = await tx
    .select({ at: sql<Date | string | null>`min(${jobs.runAt})` })
    .from(jobs)
    .where(and(eq(jobs.state, "queued"), inArray(jobs.kind, kinds)));
  return row?.at ? new Date(row.at) : null;
}
