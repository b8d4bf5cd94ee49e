import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Db } from "@/db/client";
import { completeJob, failJob, leaseDueJobs } from "@/db/queries/jobs";
import type { Job } from "@/db/schema";
import { onJobNudge } from "./nudge";

/**
 * The one job runner: background work queued in the `jobs` table (mail from the outbox first;
 * later witness cosigning, reminders, closing expired claims) runs here, after the change that
 * queued it has committed.
 *
 * - Jobs are leased in the database (one UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED)), so
 *   several instances share the queue and never run one job at the same time; a lease that
 *   expires (its instance crashed) is taken over by the next runner that looks.
 * - A failure backs off exponentially with jitter (capped), and after `maxAttempts` the job is
 *   dead: kept, with its last error, for people to see.
 * - Delivery is at least once: a runner that dies after the work but before marking it done
 *   leaves it to be done again. Handlers must be idempotent (mail carries a stable Message-ID).
 * - Time comes from `now()`, so tests drive back-off and lease expiry with a clock, not sleeps.
 */

export type JobContext = { db: Db; now: () => Date; workerId: string };
export type JobHandler = (job: Job, context: JobContext) => Promise<void>;

export type RunnerOptions = {
  db: Db;
  /** Handlers by job kind; a runner only leases kinds it can run. */
  handlers: Record<string, JobHandler>;
  workerId?: string;
  now?: () => Date;
  /** Uniform [0, 1), for jitter. */
  random?: () => number;
  /** How long a lease lasts before another runner may take the job over. */
  leaseMs?: number;
  /** Jobs leased per round. */
  batchSize?: number;
  /** Poll interval of the background loop. */
  pollMs?: number;
  backoff?: { baseMs: number; capMs: number };
  log?: (message: string) => void;
};

export const DEFAULT_BACKOFF = { baseMs: 60_000, capMs: 3_600_000 };

/**
 * The wait before the next attempt after `attempts` failed ones: base·2^(attempts−1), capped,
 * then "equal jitter" (a random point in its upper half) so instances recovering from the same
 * outage do not retry in lockstep.
 */
export function backoffDelay(attempts: number, random: () => number = Math.random, backoff = DEFAULT_BACKOFF): number {
  const exponential = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

export type RoundResult = { leased: number; done: number; failed: number; dead: number };

const oneLine = (value: string) => value.replace(/\s+/g, " ").trim().slice(0, 1000);

export class JobRunner {
  readonly workerId: string;
  private readonly db: Db;
  private readonly handlers: Record<string, JobHandler>;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly backoff: { baseMs: number; capMs: number };
  private readonly log: (message: string) => void;

  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private eagerUntil = 0;
  private rerun = false;
  private unsubscribe: (() => void) | undefined;

  constructor(options: RunnerOptions) {
    this.db = options.db;
    this.handlers = options.handlers;
    this.workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 20;
    this.pollMs = options.pollMs ?? 2_000;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.log = options.log ?? ((message) => console.log(message));
  }

  /** Leases one batch of due jobs and runs them. Used by the loop, and directly by tests. */
  async runOnce(): Promise<RoundResult> {
    const now = this.now();
    const leased = await leaseDueJobs(this.db, {
      worker: this.workerId,
      now,
      until: new Date(now.getTime() + this.leaseMs),
      limit: this.batchSize,
      kinds: Object.keys(this.handlers),
    });
    const result: RoundResult = { leased: leased.length, done: 0, failed: 0, dead: 0 };
    // One at a time: mail servers prefer it, and a batch is small.
    for (const job of leased) {
      const handler = this.handlers[job.kind]!;
      if (job.attempts > job.maxAttempts) {
        // Only a lease retaken again and again gets here: a job that kills its runner every time.
        await failJob(this.db, job.id, this.workerId, job.lastError ?? "Its runner stopped during every attempt", null, this.now());
        result.dead++;
        continue;
      }
      try {
        await handler(job, { db: this.db, now: this.now, workerId: this.workerId });
        await completeJob(this.db, job.id, this.workerId, this.now());
        result.done++;
      } catch (error) {
        const message = oneLine(error instanceof Error ? error.message : String(error));
        const failedAt = this.now();
        const dead = job.attempts >= job.maxAttempts;
        const retryAt = dead ? null : new Date(failedAt.getTime() + backoffDelay(job.attempts, this.random, this.backoff));
        await failJob(this.db, job.id, this.workerId, message, retryAt, failedAt);
        if (dead) {
          result.dead++;
          this.log(`[registry] job ${job.kind} ${job.id} failed for good after ${job.attempts} attempts: ${message}`);
        } else {
          result.failed++;
          this.log(
            `[registry] job ${job.kind} ${job.id} failed (attempt ${job.attempts} of ${job.maxAttempts}), next at ${retryAt!.toISOString()}: ${message}`,
          );
        }
      }
    }
    return result;
  }

  /** Rounds until nothing is due now (tests: "run everything that is due at this clock time"). */
  async drain(maxRounds = 1_000): Promise<RoundResult> {
    const total: RoundResult = { leased: 0, done: 0, failed: 0, dead: 0 };
    for (let round = 0; round < maxRounds; round++) {
      const result = await this.runOnce();
      for (const key of Object.keys(total) as (keyof RoundResult)[]) total[key] += result[key];
      if (result.leased === 0) break;
    }
    return total;
  }

  /** Starts the background loop: a round every `pollMs`, and at once when nudged. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = onJobNudge(() => this.nudge());
    this.schedule(0);
  }

  /**
   * Work was probably just queued. The nudge may arrive before that transaction commits, so for a
   * short while an empty round is retried quickly rather than after a full poll interval.
   */
  nudge(): void {
    if (this.stopped) return;
    this.eagerUntil = Date.now() + 3_000;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.schedule(0);
  }

  /** Stops the loop and waits for the round in progress (its jobs finish or their leases lapse). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.loop().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
    // The loop never keeps a process alive on its own (scripts, tests, shutdown).
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    let next = this.pollMs;
    try {
      this.rerun = false;
      const result = await this.runOnce();
      if (result.leased === this.batchSize || this.rerun) next = 0;
      else if (result.leased === 0 && Date.now() < this.eagerUntil) next = 50;
    } catch (error) {
      // The database may be briefly unreachable: log, and try again at the next poll.
      this.log(`[registry] job runner round failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.schedule(next);
  }
}
