import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getReportRemindersFor } from "@/db/queries/reminders";
import { concerns, jobs, moderatorDigests, notificationOutbox, organisations, reportReminders, signatoryListings, users } from "@/db/schema";
import { signAccord } from "@/lib/accord/sign";
import { clearEnvCache, parseEnv } from "@/lib/env";
import { JobRunner } from "@/lib/jobs/runner";
import { joinOrganisation } from "@/lib/orgs/membership";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import {
  REMINDER_SCAN_JOB,
  digestDay,
  ensureReminderScan,
  reminderFor,
  reminderScanJob,
  scheduleReminderScan,
  sendModeratorDigest,
  sendReportReminders,
} from "@/lib/reports/reminders";
import { person } from "../support/people";
import { fullSignInput } from "../support/signing";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

describe("which reminder a due date calls for", () => {
  const due = new Date("2027-03-01T10:00:00.000Z");
  const at = (days: number) => new Date(due.getTime() + days * DAY);
  it("60 days before, 14 days before, and once the profile says overdue (more than 90 whole days late)", () => {
    expect(reminderFor(due, at(-61))).toBeNull();
    expect(reminderFor(due, at(-60))).toBe("due_60");
    expect(reminderFor(due, at(-15))).toBe("due_60");
    expect(reminderFor(due, at(-14))).toBe("due_14");
    expect(reminderFor(due, at(90))).toBe("due_14");
    expect(reminderFor(due, at(90.99))).toBe("due_14");
    expect(reminderFor(due, at(91))).toBe("overdue");
  });
  it("the digest of a day is due from its hour; before it, yesterday's", () => {
    expect(digestDay(new Date("2027-03-01T06:59:59Z"), 7)).toBe("2027-02-28");
    expect(digestDay(new Date("2027-03-01T07:00:00Z"), 7)).toBe("2027-03-01");
    expect(digestDay(new Date("2027-03-01T23:59:00Z"), 0)).toBe("2027-03-01");
  });
  it("MODERATOR_DIGEST_HOUR is an hour from 0 to 23 (default 8); anything else stops start-up naming it", () => {
    expect(parseEnv({}).moderatorDigestHour).toBe(8);
    expect(parseEnv({ MODERATOR_DIGEST_HOUR: "0" }).moderatorDigestHour).toBe(0);
    expect(parseEnv({ MODERATOR_DIGEST_HOUR: "23" }).moderatorDigestHour).toBe(23);
    for (const bad of ["24", "-1", "7am", "7.5"])
      expect(() => parseEnv({ MODERATOR_DIGEST_HOUR: bad })).toThrow(/MODERATOR_DIGEST_HOUR must be an hour of the day in UTC/);
  });
});

describe.each(drivers)("report reminders and the moderators' digest on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let db: Db;
  let clock: number;
  const now = () => new Date(clock);
  const runner = (workerId: string) => new JobRunner({ db, handlers: { [REMINDER_SCAN_JOB]: reminderScanJob }, now, workerId, random: () => 1, log: () => {} });

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    db = await getReadyDatabase();
  });
  afterAll(async () => {
    await cleanup();
  });
  beforeEach(async () => {
    // Every test starts with no reminders, mail or jobs; organisations from earlier tests stay
    // but are demo-flagged so they are not reminded again.
    await db.update(organisations).set({ isDemo: true });
    await db.update(signatoryListings).set({ isDemo: true });
    await db.update(users).set({ siteRole: "member" });
    await db.delete(reportReminders);
    await db.delete(concerns);
    await db.delete(moderatorDigests);
    await db.delete(notificationOutbox);
    await db.delete(jobs);
  });

  /** A signed organisation with an owner and a member; returns when its report falls due. */
  async function signatory(domain: string, options: { isDemo?: boolean } = {}) {
    const owner = await person(db, `owner@${domain}`);
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: "DE", sector: "software" },
      { isDemo: options.isDemo },
    );
    const member = await person(db, `member@${domain}`);
    await joinOrganisation(db, { userId: member.id }, org.id);
    await verifyByEmailDomain(db, { userId: owner.id }, org.id);
    await signAccord(db, { userId: owner.id }, await fullSignInput(db, org.id, { signerName: "Ada Lovelace", signerTitle: "Chief Executive" }));
    const [listing] = await db.select().from(signatoryListings).where(eq(signatoryListings.organisationId, org.id));
    return { org, owner, member, dueAt: listing!.reportDueAt! };
  }

  const mailsFor = (organisationId: string) =>
    db
      .select({ kind: notificationOutbox.kind, to: notificationOutbox.toAddress, subject: notificationOutbox.subject, text: notificationOutbox.textBody })
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.organisationId, organisationId), like(notificationOutbox.kind, "report.%")))
      .orderBy(notificationOutbox.createdAt);

  it("owners are reminded 60 and 14 days before and once when overdue, each once; members and repeated scans get nothing more", async () => {
    const s = await signatory("remind.test");
    const scanAt = async (days: number) => sendReportReminders(db, new Date(s.dueAt.getTime() + days * DAY));

    expect(await scanAt(-61)).toEqual({ sent: 0, skipped: 0, mails: 0 });
    expect(await scanAt(-59.9)).toMatchObject({ sent: 1, mails: 1 });
    expect(await scanAt(-59)).toMatchObject({ sent: 0 });
    let mails = await mailsFor(s.org.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: "report.due_60", to: s.owner.email });
    expect(mails[0]!.subject).toContain("progress report due on");
    expect(mails[0]!.text).toMatch(/in 60 days/);

    await scanAt(-14);
    await scanAt(-3);
    await scanAt(91.5);
    await scanAt(200);
    mails = await mailsFor(s.org.id);
    expect(mails.map((m) => m.kind)).toEqual(["report.due_60", "report.due_14", "report.overdue"]);
    expect(new Set(mails.map((m) => m.to))).toEqual(new Set([s.owner.email]));
    expect(mails[2]!.text).toContain("report overdue");
    const rows = await getReportRemindersFor(db, s.org.id);
    expect(rows.map((r) => [r.kind, r.skipped, r.recipients])).toEqual([
      ["due_60", false, 1],
      ["due_14", false, 1],
      ["overdue", false, 1],
    ]);
  });

  it("a reminder recorded for one organisation does not stand in for another's with the same due date", async () => {
    const a = await signatory("same-day-a.test");
    const b = await signatory("same-day-b.test");
    expect(a.dueAt.toISOString().slice(0, 10)).toBe(b.dueAt.toISOString().slice(0, 10));
    await sendReportReminders(db, new Date(a.dueAt.getTime() - 59 * DAY));
    await db.delete(notificationOutbox);
    await db.delete(reportReminders).where(eq(reportReminders.organisationId, b.org.id));
    const round = await sendReportReminders(db, new Date(a.dueAt.getTime() - 58 * DAY));
    expect(round).toMatchObject({ sent: 1, mails: 1 });
    expect((await mailsFor(b.org.id)).map((m) => m.kind)).toEqual(["report.due_60"]);
    expect(await mailsFor(a.org.id)).toEqual([]);
  });

  it("two runners scanning at once on one database send each reminder and the digest once", async () => {
    const a = await signatory("twins-a.test");
    const b = await signatory("twins-b.test");
    const moderator = await person(db, "mod@registry.test", "moderator");
    const claimant = await person(db, "claimant@waiting.test");
    await registerOrganisation(
      db,
      { userId: claimant.id },
      { legalName: "Waiting Ltd", displayName: "Waiting", primaryDomain: "waiting.test", country: "FR", sector: "software" },
    );
    clock = a.dueAt.getTime() - 10 * DAY;
    // Two scans due (two instances each queued one), two runners draining at the same moment.
    await scheduleReminderScan(db, new Date(clock - HOUR));
    await scheduleReminderScan(db, new Date(clock - 2 * HOUR));
    const [r1, r2] = [runner("instance-1"), runner("instance-2")];
    const results = await Promise.all([r1.drain(), r2.drain()]);
    expect(results.reduce((n, r) => n + r.done, 0)).toBe(2);
    // And the domain functions called head to head, twice more.
    await Promise.all([sendReportReminders(db, now()), sendReportReminders(db, now()), sendModeratorDigest(db, now(), 8), sendModeratorDigest(db, now(), 8)]);

    for (const s of [a, b]) expect((await mailsFor(s.org.id)).map((m) => m.kind)).toEqual(["report.due_14"]);
    const digests = await db.select().from(notificationOutbox).where(eq(notificationOutbox.kind, "moderator.digest"));
    expect(digests.map((d) => d.toAddress)).toEqual([moderator.email]);
    expect(digests[0]!.subject).toBe("1 registration waiting for review");
    expect(digests[0]!.textBody).toContain("Waiting (waiting.test)");
  });

  it("reminders missed while the server was down go out when it is back; one made pointless by a later one is recorded as skipped", async () => {
    const s = await signatory("downtime.test");
    clock = s.dueAt.getTime() - 300 * DAY;
    await ensureReminderScan(db, now());
    expect(await runner("up").drain()).toMatchObject({ done: 1 });
    expect(await mailsFor(s.org.id)).toEqual([]);
    // The next scan is queued for the next hour, and nothing else.
    const queued = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, REMINDER_SCAN_JOB), eq(jobs.state, "queued")));
    expect(queued.map((j) => j.runAt.getTime())).toEqual([Math.floor(clock / HOUR) * HOUR + HOUR]);

    // Down for eight months, past the 60-day mark: the queued scan is due at once when it is back.
    clock = s.dueAt.getTime() - 40 * DAY;
    expect(await runner("back").drain()).toMatchObject({ done: 1 });
    expect((await mailsFor(s.org.id)).map((m) => m.kind)).toEqual(["report.due_60"]);

    // Down again through the 14-day mark and into "overdue": only the overdue reminder goes out.
    clock = s.dueAt.getTime() + 120 * DAY;
    expect(await runner("back-again").drain()).toMatchObject({ done: 1 });
    expect((await mailsFor(s.org.id)).map((m) => m.kind)).toEqual(["report.due_60", "report.overdue"]);
    const rows = await getReportRemindersFor(db, s.org.id);
    expect(Object.fromEntries(rows.map((r) => [r.kind, r.skipped]))).toEqual({ due_60: false, due_14: true, overdue: false });
  });

  it("demo organisations get no mail, and nor do demo claims appear in the digest", async () => {
    const s = await signatory("fictional.example", { isDemo: true });
    await person(db, "mod@registry.test", "moderator");
    const claimant = await person(db, "claimant@demo.example");
    await registerOrganisation(
      db,
      { userId: claimant.id },
      { legalName: "Demo Claim Ltd", displayName: "Demo Claim", primaryDomain: "claim.example", country: "FR", sector: "software" },
      { isDemo: true },
    );
    await sendReportReminders(db, new Date(s.dueAt.getTime() + 200 * DAY));
    const digest = await sendModeratorDigest(db, new Date(s.dueAt.getTime() + 200 * DAY), 8);
    expect(digest).toMatchObject({ waiting: 0, sent: false, mails: 0 });
    expect(await mailsFor(s.org.id)).toEqual([]);
    expect(await getReportRemindersFor(db, s.org.id)).toEqual([]);
    expect(await db.select().from(notificationOutbox).where(like(notificationOutbox.kind, "report.%"))).toEqual([]);
  });

  it("the digest names public concerns waiting for moderators too", async () => {
    const moderator = await person(db, "mod@registry.test", "moderator");
    const s = await signatory("concerned.test");
    await db.insert(concerns).values({ organisationId: s.org.id, principleSlug: "defence-not-offence", statement: "A statement that waits for a moderator." });
    const round = await sendModeratorDigest(db, new Date(Date.UTC(2032, 0, 5, 9)), 8);
    expect(round).toMatchObject({ day: "2032-01-05", sent: true, waiting: 1, mails: 1 });
    const [mail] = await db.select().from(notificationOutbox).where(eq(notificationOutbox.kind, "moderator.digest"));
    expect(mail).toMatchObject({ toAddress: moderator.email, subject: "1 concern waiting for review" });
    expect(mail!.textBody).toContain("http://localhost:3000/admin/concerns");
  });

  it("the digest goes out at the configured UTC hour (MODERATOR_DIGEST_HOUR), once a day, to moderators and admins only", async () => {
    const moderator = await person(db, "mod@registry.test", "moderator");
    const admin = await person(db, "admin@registry.test", "admin");
    await person(db, "editor@registry.test", "editor");
    const claimant = await person(db, "claimant@digest.test");
    await registerOrganisation(
      db,
      { userId: claimant.id },
      { legalName: "Digest Ltd", displayName: "Digest", primaryDomain: "digest.test", country: "FR", sector: "software" },
    );
    process.env.MODERATOR_DIGEST_HOUR = "7";
    clearEnvCache();
    try {
      const day = Date.UTC(2031, 4, 12);
      // Yesterday's digest was recorded; from 06:00 to 06:59 nothing more goes out, at 07:00 today's.
      await db.insert(moderatorDigests).values({ day: "2031-05-11", waiting: 1, recipients: 2, createdAt: new Date(day - 17 * HOUR) });
      const digestMails = async () => db.select().from(notificationOutbox).where(eq(notificationOutbox.kind, "moderator.digest"));
      for (const at of [day + 6 * HOUR, day + 6 * HOUR + 59 * 60_000]) {
        clock = at;
        await scheduleReminderScan(db, now());
        await runner(`r${at}`).drain();
        expect(await digestMails()).toEqual([]);
      }
      clock = day + 7 * HOUR;
      await scheduleReminderScan(db, now());
      await runner("seven").drain();
      let mails = await digestMails();
      expect(new Set(mails.map((m) => m.toAddress))).toEqual(new Set([moderator.email, admin.email]));
      expect(mails[0]!.textBody).toContain("07:00 UTC");
      clock = day + 13 * HOUR;
      await scheduleReminderScan(db, now());
      await runner("later").drain();
      mails = await digestMails();
      expect(mails).toHaveLength(2);
      expect((await db.select().from(moderatorDigests).where(eq(moderatorDigests.day, "2031-05-12")))[0]).toMatchObject({ waiting: 1, recipients: 2 });
    } finally {
      delete process.env.MODERATOR_DIGEST_HOUR;
      clearEnvCache();
    }
  });
});
