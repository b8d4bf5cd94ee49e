import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { leaseDueJobs, completeJob, countJobsByState, getNextDueAt } from "@/db/queries/jobs";
import { listOrganisationOutbox } from "@/db/queries/outbox";
import { getOrganisationById } from "@/db/queries/organisations";
import { jobs, notificationOutbox } from "@/db/schema";
import { readOutbox } from "@/lib/email/outbox";
import { clearEnvCache } from "@/lib/env";
import { jobHandlers } from "@/lib/jobs/kinds";
import { JobRunner } from "@/lib/jobs/runner";
import { queueEmail } from "@/lib/notifications/notify";
import { joinOrganisation } from "@/lib/orgs/membership";
import { moderateOrganisation } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { person } from "../support/people";
import { startSmtpSink, type SinkMessage, type SmtpSink } from "../support/smtp-sink";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

const messageIdOf = (message: SinkMessage) => /^message-id:\s*(<[^>]+>)/im.exec(message.raw)?.[1];

describe.each(drivers)("the job runner and the mail outbox on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let sink: SmtpSink;
  let port: number;
  let db: Db;
  /** The injected clock: tests move it instead of sleeping. */
  let clock: number;
  const now = () => new Date(clock);
  const runner = (options: { workerId?: string; batchSize?: number } = {}) =>
    new JobRunner({ db, handlers: jobHandlers, now, random: () => 1, log: () => {}, ...options });

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    sink = await startSmtpSink();
    port = Number(new URL(sink.url).port);
    process.env.SMTP_URL = sink.url;
    clearEnvCache();
    db = await getReadyDatabase();
  });
  afterAll(async () => {
    await sink.close();
    await cleanup();
  });
  async function clearOutbox() {
    await db.delete(notificationOutbox);
    await db.delete(jobs);
  }
  beforeEach(async () => {
    // Earlier tests' leftovers (jobs left dead on purpose) stay out of the next test's counts.
    await clearOutbox();
    clock = Date.now() + 1_000;
  });

  /** A verified organisation with an owner and a member, suspended by a moderator: two notices queued. */
  async function suspendedOrganisation(domain: string) {
    const owner = await person(db, `owner@${domain}`);
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: "DE", sector: "cybersecurity" },
    );
    const member = await person(db, `member@${domain}`);
    await joinOrganisation(db, { userId: member.id }, org.id);
    await verifyByEmailDomain(db, { userId: owner.id }, org.id);
    // Only the suspension's notices in the outbox (the verification queued its own).
    await clearOutbox();
    const moderator = await person(db, "mod@registry.test", "moderator");
    await moderateOrganisation(db, { userId: moderator.id }, { organisationId: org.id, change: "suspend", reason: "Selling exploits to brokers" });
    return { org, owner, member };
  }

  const outboxRows = () => db.select().from(notificationOutbox);
  const received = (ids: string[]) => sink.messages.filter((m) => ids.includes(messageIdOf(m) ?? ""));

  it("sends each queued mail over SMTP with its text, HTML and stable Message-ID, exactly once", async () => {
    const { owner, member } = await suspendedOrganisation("runner-send.test");
    const rows = await outboxRows();
    expect(rows).toHaveLength(2);
    const before = sink.messages.length;

    expect(await runner().drain()).toMatchObject({ leased: 2, done: 2, failed: 0 });
    const got = sink.messages.slice(before);
    expect(got.map((m) => m.to[0]).sort()).toEqual([member.email, owner.email].sort());
    for (const message of got) {
      const row = rows.find((r) => r.toAddress === message.to[0])!;
      expect(messageIdOf(message)).toBe(row.messageId);
      expect(message.subject).toBe("runner-send.test is suspended");
      expect(message.text).toContain("Reason given: Selling exploits to brokers");
      expect(message.html).toContain("Selling exploits to brokers");
      expect(message.html).toContain("<!DOCTYPE html>");
    }
    expect((await outboxRows()).every((r) => r.sentAt !== null)).toBe(true);
    expect(await countJobsByState(db, "email.send")).toEqual({ queued: 0, running: 0, done: 2, dead: 0 });

    // Nothing is sent twice.
    expect(await runner().drain()).toMatchObject({ leased: 0 });
    expect(sink.messages.length).toBe(before + 2);
  });

  it("with the SMTP server down for a minute the change commits, attempts back off, and every mail is sent once after it returns", async () => {
    await sink.close();
    const { org } = await suspendedOrganisation("runner-outage.test");
    // The change committed although no mail could be sent.
    expect((await getOrganisationById(db, org.id))!.status).toBe("suspended");
    const ids = (await outboxRows()).map((r) => r.messageId);
    const start = clock;
    const r = runner();

    // A minute of outage, the runner looking every 2 seconds as the server's loop does.
    const attemptsAt: number[] = [];
    for (; clock <= start + 60_000; clock += 2_000) {
      const round = await r.drain();
      if (round.leased > 0) attemptsAt.push(clock - start);
      expect(round.done).toBe(0);
    }
    // First attempt at once; with full jitter (random = 1) the next after 1 minute.
    expect(attemptsAt).toEqual([0, 60_000]);
    const [job] = await db.select().from(jobs).limit(1);
    expect(job).toMatchObject({ state: "queued", attempts: 2 });
    expect(job!.lastError).toMatch(/Email delivery via smtp:\/\/127\.0\.0\.1:\d+ failed/);
    // The second failure waits twice as long: 2 minutes.
    expect((await getNextDueAt(db, ["email.send"]))!.getTime()).toBe(start + 60_000 + 120_000);
    const listed = await listOrganisationOutbox(db, org.id, { limit: 10, offset: 0 });
    expect(listed.items.map((i) => [i.status, i.attempts])).toEqual([
      ["retrying", 2],
      ["retrying", 2],
    ]);
    expect(received(ids)).toEqual([]);

    // The server returns; at the next due time everything goes, once.
    sink = await startSmtpSink({ port });
    clock = (await getNextDueAt(db, ["email.send"]))!.getTime();
    expect(await r.drain()).toMatchObject({ done: 2, failed: 0 });
    clock += 3_600_000;
    expect(await r.drain()).toMatchObject({ leased: 0 });
    expect(received(ids).map(messageIdOf).sort()).toEqual([...ids].sort());
    expect((await outboxRows()).every((row) => row.sentAt !== null)).toBe(true);
    const after = await listOrganisationOutbox(db, org.id, { limit: 10, offset: 0 });
    expect(after.items.map((i) => [i.status, i.attempts])).toEqual([
      ["sent", 3],
      ["sent", 3],
    ]);
    console.log(
      `[measure ${driver}] SMTP sink down for 60 s (clock): change committed, ${ids.length} mails, attempts at +0 s and +60 s failed, ` +
        `sent once each at +${(clock - 3_600_000 - start) / 1000} s when due after the sink returned; none lost, none twice`,
    );
  });

  it("backs off exponentially up to an hour and gives up after the job's last attempt (failed on the dashboard)", async () => {
    await sink.close();
    const { org } = await suspendedOrganisation("runner-dead.test");
    await db.update(jobs).set({ maxAttempts: 9 });
    const r = runner();
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 9; attempt++) {
      const round = await r.drain();
      expect(round.leased).toBe(2);
      const next = await getNextDueAt(db, ["email.send"]);
      if (next) {
        waits.push((next.getTime() - clock) / 60_000);
        clock = next.getTime();
      }
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(await countJobsByState(db, "email.send")).toEqual({ queued: 0, running: 0, done: 0, dead: 2 });
    const listed = await listOrganisationOutbox(db, org.id, { limit: 10, offset: 0 });
    expect(listed.items.map((i) => i.status)).toEqual(["failed", "failed"]);
    // A dead job is not retried, even when the server is back.
    sink = await startSmtpSink({ port });
    clock += 24 * 3_600_000;
    expect(await r.drain()).toMatchObject({ leased: 0 });
  });

  it("takes over a lease that expired (its runner crashed); the crashed runner can no longer complete it", async () => {
    await queueEmail(db, {
      to: "crash@runner.test",
      subject: "After a crash",
      text: "Hello",
      html: "<p>Hello</p>",
      key: "crash-test",
      now: new Date(clock - 1_000),
    });
    // Runner A leases the job for 5 minutes and dies before sending.
    const [leased] = await leaseDueJobs(db, { worker: "crashed", now: now(), until: new Date(clock + 300_000), limit: 10, kinds: ["email.send"] });
    expect(leased).toMatchObject({ state: "running", lockedBy: "crashed", attempts: 1 });
    const b = runner({ workerId: "survivor" });
    clock += 60_000;
    expect(await b.drain()).toMatchObject({ leased: 0 });
    clock += 300_000;
    const before = sink.messages.length;
    expect(await b.drain()).toMatchObject({ leased: 1, done: 1 });
    expect(sink.messages.slice(before).map((m) => m.to[0])).toEqual(["crash@runner.test"]);
    expect(await completeJob(db, leased!.id, "crashed", now())).toBe(false);
    const [job] = await db.select().from(jobs).where(eq(jobs.id, leased!.id));
    expect(job).toMatchObject({ state: "done", attempts: 2 });
  });

  it("two runners draining at once never send a row twice (FOR UPDATE SKIP LOCKED)", async () => {
    await db.transaction(async (tx) => {
      for (let i = 0; i < 40; i++) {
        await queueEmail(tx, {
          to: `many-${i}@runner.test`,
          subject: `Mail ${i}`,
          text: "Hello",
          html: "<p>Hello</p>",
          key: `many-${i}`,
          now: new Date(clock - 1_000),
        });
      }
    });
    const ids = (await outboxRows()).map((r) => r.messageId);
    const [a, b] = [runner({ workerId: "a", batchSize: 3 }), runner({ workerId: "b", batchSize: 3 })];
    const [ra, rb] = await Promise.all([a.drain(), b.drain()]);
    expect(ra.done + rb.done).toBe(40);
    if (driver === "postgres") {
      // Both really worked, side by side.
      expect(ra.done).toBeGreaterThan(0);
      expect(rb.done).toBeGreaterThan(0);
    }
    const got = received(ids).map(messageIdOf);
    expect(got).toHaveLength(40);
    expect(new Set(got).size).toBe(40);
    const rows = await db
      .select()
      .from(jobs)
      .where(inArray(jobs.state, ["done"]));
    expect(rows.every((j) => j.attempts === 1)).toBe(true);
  });

  it("in demo mode without SMTP_URL the runner keeps mail in the dev outbox, as direct mail is", async () => {
    const saved = { mode: process.env.REGISTRY_MODE, smtp: process.env.SMTP_URL };
    process.env.REGISTRY_MODE = "demo";
    delete process.env.SMTP_URL;
    clearEnvCache();
    try {
      await queueEmail(db, {
        to: "demo@runner.test",
        subject: "Kept in the dev outbox",
        text: "Hello",
        html: "<p>Hello</p>",
        key: "demo-outbox",
        now: new Date(clock - 1_000),
      });
      const before = sink.messages.length;
      expect(await runner().drain()).toMatchObject({ done: 1 });
      expect(sink.messages.length).toBe(before);
      const [newest] = await readOutbox(1);
      expect(newest).toMatchObject({ to: "demo@runner.test", subject: "Kept in the dev outbox", text: "Hello" });
    } finally {
      process.env.REGISTRY_MODE = saved.mode;
      process.env.SMTP_URL = saved.smtp;
      clearEnvCache();
    }
  });

  it("measures: the server's loop delivers mail moments after the change commits", async () => {
    const r = new JobRunner({ db, handlers: jobHandlers, log: () => {} });
    r.start();
    try {
      const before = sink.messages.length;
      const domain = "runner-latency.test";
      const owner = await person(db, `owner@${domain}`);
      const org = await registerOrganisation(
        db,
        { userId: owner.id },
        { legalName: "Latency Ltd", displayName: "Latency", primaryDomain: domain, country: "DE", sector: "software" },
      );
      await verifyByEmailDomain(db, { userId: owner.id }, org.id);
      const moderator = await person(db, "mod@registry.test", "moderator");
      const latencies: number[] = [];
      for (const change of ["suspend", "reinstate", "suspend", "reinstate", "suspend"] as const) {
        const after = sink.messages.length;
        await moderateOrganisation(db, { userId: moderator.id }, { organisationId: org.id, change, reason: "Measuring latency" });
        const committed = Date.now();
        const message = await sink.waitForMessage(owner.email, { after, timeoutMs: 10_000 });
        latencies.push(message.receivedAt - committed);
      }
      expect(sink.messages.length).toBe(before + 5);
      console.log(`[measure ${driver}] commit → SMTP sink latency (ms): ${latencies.join(", ")}`);
      expect(Math.max(...latencies)).toBeLessThan(2_000);
    } finally {
      await r.stop();
    }
  });
});
