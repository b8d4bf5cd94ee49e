import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOrganisationOutbox } from "@/db/queries/outbox";
import { getStudioDocument } from "@/db/queries/studio";
import { jobs, notificationOutbox } from "@/db/schema";
import { signAccord, withdrawSignature } from "@/lib/accord/sign";
import { joinOrganisation } from "@/lib/orgs/membership";
import { moderateOrganisation } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { notifyOrganisation, queueEmail } from "@/lib/notifications/notify";
import { splitSource } from "@/lib/studio/document";
import { saveDraft } from "@/lib/studio/drafts";
import { kindOfKey, principleKey } from "@/lib/studio/keys";
import { publishDocument } from "@/lib/studio/publish";
import { person } from "../support/people";
import { fullSignInput } from "../support/signing";
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
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: "DE", sector: "cybersecurity" },
      options,
    );
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
    const rows = await byKind(org.id, "organisation.suspended");
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
    expect(await byKind(org.id, "organisation.delisted")).toEqual([]);
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

  /** A verified organisation with an owner and a member; the verification's own notices are cleared. */
  async function verified(domain: string) {
    const w = await organisation(domain);
    await verifyByEmailDomain(w.db, { userId: w.owner.id }, w.org.id);
    await w.db.delete(notificationOutbox).where(eq(notificationOutbox.organisationId, w.org.id));
    return w;
  }

  const byKind = async (organisationId: string, kind: string) => {
    const db = await getReadyDatabase();
    return db
      .select()
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.organisationId, organisationId), eq(notificationOutbox.kind, kind)))
      .orderBy(asc(notificationOutbox.toAddress));
  };

  it("signing queues the signer's confirmation and a notice to every other owner and member, in the signing transaction", async () => {
    const { db, org, owner, member } = await verified("notify-sign.test");
    await signAccord(db, { userId: owner.id }, await fullSignInput(db, org.id, { signerName: "Ada Lovelace", signerTitle: "Chief Executive" }));
    const rows = await byKind(org.id, "accord.signed");
    expect(rows.map((r) => r.toAddress).sort()).toEqual([member.email, owner.email].sort());
    const confirmation = rows.find((r) => r.toAddress === owner.email)!;
    expect(confirmation.subject).toMatch(/^notify-sign\.test signed version \d+ of the accord$/);
    expect(confirmation.textBody).toContain("Content hash (SHA-256)");
    const notice = rows.find((r) => r.toAddress === member.email)!;
    expect(notice.subject).toMatch(/^notify-sign\.test signed version \d+ of the accord$/);
    expect(notice.textBody).toContain("the signature was made by Ada Lovelace, Chief Executive");
    expect(notice.textBody).toContain(`http://localhost:3000/dashboard/organisations/${org.slug}`);
  });

  it("a refused signing queues nothing", async () => {
    const { db, org, member } = await verified("notify-sign-refused.test");
    await expect(signAccord(db, { userId: member.id }, await fullSignInput(db, org.id, { signerName: "Mallory", signerTitle: "Intern" }))).rejects.toThrow();
    expect(await outboxOf(org.id)).toEqual([]);
  });

  it("withdrawing queues a notice with the public reason to every owner and member", async () => {
    const { db, org, owner, member } = await verified("notify-withdraw.test");
    await signAccord(db, { userId: owner.id }, await fullSignInput(db, org.id, { signerName: "Ada Lovelace", signerTitle: "Chief Executive" }));
    await withdrawSignature(db, { userId: owner.id }, { organisationId: org.id, reason: "The board no longer supports it" });
    const rows = await byKind(org.id, "signature.withdrawn");
    expect(rows.map((r) => r.toAddress).sort()).toEqual([member.email, owner.email].sort());
    expect(rows[0]!.subject).toBe("notify-withdraw.test withdrew its signature");
    expect(rows[0]!.textBody).toContain("Reason given: The board no longer supports it");
  });

  it("suspending, reinstating and delisting each tell every owner and member, with the reason", async () => {
    const { db, org, owner, member } = await verified("notify-moderate.test");
    const moderator = await person(db, "mod@registry.test", "moderator");
    for (const change of ["suspend", "reinstate", "delist"] as const) {
      await moderateOrganisation(db, { userId: moderator.id }, { organisationId: org.id, change, reason: `Reason for ${change}` });
    }
    for (const [kind, subject, reason] of [
      ["organisation.suspended", "notify-moderate.test is suspended", "Reason given: Reason for suspend"],
      ["organisation.reinstated", "notify-moderate.test is reinstated", "Note: Reason for reinstate"],
      ["organisation.delisted", "notify-moderate.test is delisted", "Reason given: Reason for delist"],
    ] as const) {
      const rows = await byKind(org.id, kind);
      expect(rows.map((r) => r.toAddress).sort()).toEqual([member.email, owner.email].sort());
      expect(rows.every((r) => r.subject === subject && r.textBody.includes(reason))).toBe(true);
    }
    // The moderator, not a member, is not told.
    expect((await outboxOf(org.id)).some((r) => r.toAddress === moderator.email)).toBe(false);
  });

  it("a new accord version asks every owner and member of organisations on an older version to re-affirm, and nobody else", async () => {
    const older = await verified("notify-older.test");
    const db = older.db;
    await signAccord(db, { userId: older.owner.id }, await fullSignInput(db, older.org.id, { signerName: "Ada", signerTitle: "CEO" }));
    const unsigned = await verified("notify-unsigned.test");
    const withdrawn = await verified("notify-withdrawn.test");
    await signAccord(db, { userId: withdrawn.owner.id }, await fullSignInput(db, withdrawn.org.id, { signerName: "Ada", signerTitle: "CEO" }));
    await withdrawSignature(db, { userId: withdrawn.owner.id }, { organisationId: withdrawn.org.id, reason: "No longer" });

    const editor = await person(db, "editor@registry.test", "editor");
    const key = principleKey("coordinated-disclosure");
    const doc = (await getStudioDocument(db, key))!;
    const current = splitSource(kindOfKey(key), doc.publishedSource!);
    const saved = await saveDraft(
      db,
      { userId: editor.id },
      {
        key,
        baseRevision: doc.draftRevision,
        fields: current.fields,
        body: current.body.replace("## What this means", "Disclosure protects everyone.\n\n## What this means"),
      },
    );
    const published = await publishDocument(
      db,
      { userId: editor.id },
      { key, draftRevision: (saved as { revision: number }).revision, changelog: "Say why disclosure matters." },
      { requireReview: false },
    );
    const version = published.version!.number;

    const rows = await byKind(older.org.id, "accord.reaffirm_requested");
    expect(rows.map((r) => r.toAddress).sort()).toEqual([older.member.email, older.owner.email].sort());
    expect(rows[0]!.subject).toBe(`notify-older.test: please re-affirm version ${version} of the accord`);
    expect(rows[0]!.textBody).toContain(`signature stands for version ${version - 1}`);
    expect(rows[0]!.textBody).toContain("What changed: Say why disclosure matters.");
    expect(await byKind(unsigned.org.id, "accord.reaffirm_requested")).toEqual([]);
    expect(await byKind(withdrawn.org.id, "accord.reaffirm_requested")).toEqual([]);
    // Re-affirming the new version: that organisation is not asked again by a later check.
    await signAccord(db, { userId: older.owner.id }, await fullSignInput(db, older.org.id, { signerName: "Ada", signerTitle: "CEO" }));
    expect((await byKind(older.org.id, "accord.reaffirmed")).map((r) => r.toAddress).sort()).toEqual([older.member.email, older.owner.email].sort());
  });

  it("the dashboard list pages through an organisation's mail, newest first, with its delivery state", async () => {
    const { db, org } = await verified("notify-list.test");
    const base = Date.now();
    for (let i = 0; i < 12; i++) {
      await notifyOrganisation(db, {
        organisationId: org.id,
        kind: "membership.changed",
        facts: { member: `m${i}@notify-list.test`, change: "joined" },
        now: new Date(base + i * 1_000),
      });
    }
    const first = await listOrganisationOutbox(db, org.id, { limit: 10, offset: 0 });
    expect(first.total).toBe(24);
    expect(first.items).toHaveLength(10);
    expect(first.items[0]!.subject).toBe("Membership of notify-list.test changed");
    expect(first.items[0]!.createdAt.getTime()).toBe(base + 11_000);
    expect(first.items.every((i) => i.status === "queued" && i.attempts === 0)).toBe(true);
    const third = await listOrganisationOutbox(db, org.id, { limit: 10, offset: 20 });
    expect(third.items).toHaveLength(4);
    expect(third.items.at(-1)!.createdAt.getTime()).toBe(base);
    const ids = [...first.items, ...third.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(14);
  });
});
