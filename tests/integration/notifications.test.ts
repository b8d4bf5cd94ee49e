import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs, notificationOutbox } from "@/db/schema";
import { joinOrganisation } from "@/lib/orgs/membership";
import { registerOrganisation } from "@/lib/orgs/register";
import { notifyOrganisation, queueEmail } from "@/lib/notifications/notify";
import { person } from "../support/people";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

describe.each(drivers)("notification outbox on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(async () => {
    await cleanup();
  });

  async function organisation(domain: string, options: { isDemo?: boolean } = {}) {
    const db = await getReadyDatabase();
    const owner = await person(db, `owner@${domain}`);
    const org = await registerOrganisation(db, { userId: owner.id }, { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: "DE", sector: "cybersecurity" }, options);
    const member = await person(db, `member@${domain}`);
    await joinOrganisation(db, { userId: member.id }, org.id);
    return { db, org, owner, member };
  }

  const outboxOf = async (organisationId: string) => {
    const db = await getReadyDatabase();
    return db.select().from(notificationOutbox).where(eq(notificationOutbox.organisationId, organisationId));
  };

  it("notifyOrganisation queues one mail and one send job per owner and member, in the caller's transaction", async () => {
    const { db, org, owner, member } = await organisation("notify-one.test");
    await db.transaction(async (tx) => {
      await notifyOrganisation(tx, { organisationId: org.id, kind: "organisation.suspended", facts: { reason: "Selling exploits" } });
    });
    const rows = await outboxOf(org.id);
    expect(rows.map((r) => r.toAddress).sort()).toEqual([member.email, owner.email].sort());
    for (const row of rows) {
      expect(row.subject).toBe("notify-one.test is suspended");
      expect(row.textBody).toContain("Reason given: Selling exploits");
      expect(row.htmlBody).toContain("Selling exploits");
      expect(row.textBody).toContain(`http://localhost:3000/signatories/${org.slug}`);
      expect(row.messageId).toBe(`<${row.id}@localhost>`);
      const [job] = await db.select().from(jobs).where(eq(jobs.id, row.jobId!));
      expect(job).toMatchObject({ kind: "email.send", state: "queued", attempts: 0, payload: { outboxId: row.id } });
    }
  });

  it("a rolled-back change queues nothing", async () => {
    const { db, org } = await organisation("notify-rollback.test");
    await expect(
      db.transaction(async (tx) => {
        await notifyOrganisation(tx, { organisationId: org.id, kind: "organisation.delisted", facts: { reason: "x" } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await outboxOf(org.id)).toEqual([]);
  });

  it("demo organisations get no mail", async () => {
    const { db, org } = await organisation("notify-demo.example", { isDemo: true });
    await notifyOrganisation(db, { organisationId: org.id, kind: "organisation.suspended", facts: { reason: "x" } });
    expect(await outboxOf(org.id)).toEqual([]);
  });

  it("queueEmail queues one mail to one address, once per key", async () => {
    const db = await getReadyDatabase();
    const mail = { to: "invitee@queue.test", subject: "Join us", text: "Hello", html: "<p>Hello</p>", key: "invite:queue-once" };
    await queueEmail(db, mail);
    await queueEmail(db, mail);
    const rows = await db.select().from(notificationOutbox).where(eq(notificationOutbox.key, "invite:queue-once"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ toAddress: "invitee@queue.test", subject: "Join us", kind: "email" });
  });
});
