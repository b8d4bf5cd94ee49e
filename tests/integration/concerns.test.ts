import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countPublicConcernsByStatus,
  getConcernById,
  getConcernQueue,
  getConcernsOfSubmitter,
  getPublicConcern,
  listPublicConcerns,
} from "@/db/queries/concerns";
import { getLedgerSize } from "@/db/queries/ledger";
import { auditLog, concerns, notificationOutbox } from "@/db/schema";
import { signAccord } from "@/lib/accord/sign";
import { admitConcern, declineConcern, resolveConcern, respondToConcern, submitConcern, withdrawConcern, WITHDRAWN_REASON } from "@/lib/concerns/concerns";
import { concernContentHash } from "@/lib/concerns/content-hash";
import { joinOrganisation } from "@/lib/orgs/membership";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { admitConcernSchema, declineConcernSchema, resolveConcernSchema, respondToConcernSchema, submitConcernSchema } from "@/lib/validation/concern";
import { fullSignInput } from "../support/signing";
import { loggedEvent, person, refusal, refusalMessage } from "../support/people";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

const statement =
  "In March the company shipped an update that let a government agency read customers' messages without a warrant, as its own engineers later confirmed.";

const submission = (organisation: string, fields: Record<string, string> = {}) =>
  submitConcernSchema.parse({
    organisation,
    principle: "defence-not-offence",
    statement,
    evidenceLinks: "https://news.example/report\nhttps://court.example/filing",
    ...fields,
  });

/** The parts of the database a refused call must leave alone. */
async function footprint(db: Db) {
  const tally = async (table: typeof concerns | typeof notificationOutbox | typeof auditLog) => (await db.select({ n: count() }).from(table))[0]!.n;
  const rows = await db.select().from(concerns);
  return { concerns: await tally(concerns), outbox: await tally(notificationOutbox), audit: await tally(auditLog), ledger: await getLedgerSize(db), rows };
}

describe.each(drivers)("public concerns on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(async () => {
    await cleanup();
  });

  /** A signed, verified organisation with an owner, a member who is also a moderator, and people outside it. */
  async function world(domain: string) {
    const db = await getReadyDatabase();
    const owner = await person(db, `owner@${domain}`);
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: "DE", sector: "software" },
    );
    const member = await person(db, `member@${domain}`);
    await joinOrganisation(db, { userId: member.id }, org.id);
    const insider = await person(db, `insider@${domain}`, "moderator");
    await joinOrganisation(db, { userId: insider.id }, org.id);
    await verifyByEmailDomain(db, { userId: owner.id }, org.id);
    await signAccord(db, { userId: owner.id }, await fullSignInput(db, org.id, { signerName: "Grace Hopper", signerTitle: "Chief Executive" }));
    return {
      db,
      org,
      owner,
      member,
      insider,
      submitter: await person(db, "whistle@elsewhere.test"),
      outsider: await person(db, "someone@elsewhere.test"),
      moderator: await person(db, "mod@registry.test", "moderator"),
      admin: await person(db, "admin@registry.test", "admin"),
    };
  }

  type World = Awaited<ReturnType<typeof world>>;
  const submit = (w: World, fields: Record<string, string> = {}, now?: Date) =>
    submitConcern(w.db, { userId: w.submitter.id }, submission(w.org.slug, fields), { now });
  const admit = (w: World, concernId: string, userId = w.moderator.id, text = statement) =>
    admitConcern(w.db, { userId }, admitConcernSchema.parse({ concernId, statement: text, evidenceLinks: "https://news.example/report" }));

  it("a submission is private: stored with its submitter, nothing public, nothing logged, nobody mailed", async () => {
    const w = await world("private.test");
    const before = await footprint(w.db);
    const concern = await submit(w);
    expect(concern).toMatchObject({
      status: "submitted",
      submitterId: w.submitter.id,
      statement,
      evidenceLinks: ["https://news.example/report", "https://court.example/filing"],
      publicStatement: null,
    });
    expect(await getPublicConcern(w.db, concern.id)).toBeNull();
    expect((await listPublicConcerns(w.db, { organisationSlug: w.org.slug, limit: 20, offset: 0 })).total).toBe(0);
    const after = await footprint(w.db);
    expect(after.ledger).toBe(before.ledger);
    expect(after.outbox).toBe(before.outbox);
    expect((await getConcernsOfSubmitter(w.db, w.submitter.id)).map((c) => c.status)).toEqual(["submitted"]);
  });

  it("refuses a stranger, an unknown signatory or principle, and a pending organisation, writing nothing", async () => {
    const w = await world("refuse-submit.test");
    const before = await footprint(w.db);
    expect(await refusal(submitConcern(w.db, { userId: "no-such-user" }, submission(w.org.slug)))).toBe("unauthenticated");
    expect(await refusal(submitConcern(w.db, { userId: w.submitter.id }, submission("no-such-org")))).toBe("invalid");
    expect(await refusal(submit(w, { principle: "no-such-principle" }))).toBe("invalid");
    const pendingOwner = await person(w.db, "owner@pending-concern.test");
    const pending = await registerOrganisation(
      w.db,
      { userId: pendingOwner.id },
      { legalName: "Pending Ltd", displayName: "Pending", primaryDomain: "pending-concern.test", country: "DE", sector: "software" },
    );
    expect(await refusal(submitConcern(w.db, { userId: w.submitter.id }, submission(pending.slug)))).toBe("invalid");
    expect(await footprint(w.db)).toEqual(before);
  });

  it("the form's rules: https links only (at most five, no credentials), safe text of a sensible length", () => {
    const problems = (fields: Record<string, string>) => {
      const result = submitConcernSchema.safeParse({ organisation: "acme", principle: "defence-not-offence", statement, evidenceLinks: "", ...fields });
      return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
    };
    expect(problems({})).toEqual({});
    expect(problems({ evidenceLinks: "http://news.example/report" }).evidenceLinks).toMatch(/https/);
    expect(problems({ evidenceLinks: "javascript:alert(1)" }).evidenceLinks).toMatch(/https/);
    expect(problems({ evidenceLinks: "https://user:pw@news.example/" }).evidenceLinks).toMatch(/user name or password/);
    expect(problems({ evidenceLinks: Array.from({ length: 6 }, (_, i) => `https://n${i}.example/`).join("\n") }).evidenceLinks).toMatch(/at most 5/);
    expect(problems({ statement: "Too short." }).statement).toMatch(/at least 50/);
    expect(problems({ statement: "x".repeat(4001) }).statement).toMatch(/too long/);
    expect(problems({ statement: `${statement}\u202e reversed` }).statement).toMatch(/invisible formatting/);
    expect(problems({ statement: `${statement}\u0007` }).statement).toMatch(/control/);
    expect(problems({ statement: "" }).statement).toBe("Say what the signatory did");
    expect(problems({ principle: "" }).principle).toBe("Choose a principle");
    // Line breaks count once, as the browser counts them.
    expect(problems({ statement: `${"a".repeat(2000)}\r\n${"b".repeat(1999)}` })).toEqual({});
  });

  it("rate limits per submitter: three a day, ten in thirty days, one waiting per signatory, each with a clear message", async () => {
    const w = await world("rate.test");
    const others = await Promise.all(
      ["rate-a.test", "rate-b.test", "rate-c.test", "rate-d.test"].map(async (domain) => {
        const owner = await person(w.db, `owner@${domain}`);
        const org = await registerOrganisation(
          w.db,
          { userId: owner.id },
          { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: "FR", sector: "software" },
        );
        await verifyByEmailDomain(w.db, { userId: owner.id }, org.id);
        return org;
      }),
    );
    const start = new Date("2030-01-01T09:00:00Z");
    const at = (hours: number) => new Date(start.getTime() + hours * 3600_000);
    const submitAbout = (slug: string, now: Date) => submitConcern(w.db, { userId: w.submitter.id }, submission(slug), { now });

    await submitAbout(w.org.slug, at(0));
    // A second concern about the same signatory waits for the first.
    const message = await refusalMessage(submitAbout(w.org.slug, at(1)));
    expect(message).toBe(
      `Your earlier concern about ${w.org.displayName} is still waiting for a moderator. Add to it by withdrawing it and raising one that says everything.`,
    );
    await submitAbout(others[0]!.slug, at(1));
    await submitAbout(others[1]!.slug, at(2));
    const before = await footprint(w.db);
    expect(await refusal(submitAbout(others[2]!.slug, at(3)))).toBe("rate_limited");
    expect(await refusalMessage(submitAbout(others[2]!.slug, at(3)))).toBe(
      "You have raised 3 concerns in 24 hours, the most the registry accepts from one person. You can raise another from 2 Jan 2030, 09:00 UTC.",
    );
    expect(await footprint(w.db)).toEqual(before);
    // A day later the window has moved on; another person was never limited.
    await submitAbout(others[2]!.slug, at(24.5));
    await submitConcern(w.db, { userId: w.outsider.id }, submission(others[3]!.slug), { now: at(3) });

    // The monthly ceiling: ten in thirty days, whatever the spacing.
    const heavy = await person(w.db, "heavy@elsewhere.test");
    const slugs = [w.org.slug, ...others.map((o) => o.slug)];
    for (let i = 0; i < 10; i++) {
      const concern = await submitConcern(w.db, { userId: heavy.id }, submission(slugs[i % slugs.length]!), { now: at(100 + i * 48) });
      await withdrawConcern(w.db, { userId: heavy.id }, { concernId: concern.id }, { now: at(100 + i * 48) });
    }
    expect(await refusalMessage(submitConcern(w.db, { userId: heavy.id }, submission(w.org.slug), { now: at(100 + 10 * 48) }))).toMatch(
      /^You have raised 10 concerns in 30 days, the most the registry accepts from one person\./,
    );
  });

  it("admission: the moderator's text is the public one, logged with its hash, owners told; the submitter is never shown", async () => {
    const w = await world("admit.test");
    const concern = await submit(w);
    const edited = "The company shipped an update that let a government agency read customers' messages without a warrant (reported in March).";
    const before = await getLedgerSize(w.db);
    const { concern: admitted } = await admit(w, concern.id, w.moderator.id, edited);
    expect(admitted.status).toBe("under_review");
    expect(await getLedgerSize(w.db)).toBe(before + 1);

    const shown = await getPublicConcern(w.db, concern.id);
    expect(shown).toMatchObject({
      status: "under_review",
      statement: edited,
      evidenceLinks: ["https://news.example/report"],
      organisation: { slug: w.org.slug, name: w.org.displayName },
      admissionLedgerIndex: admitted.admissionLedgerIndex,
    });
    const event = await loggedEvent(w.db, admitted.admissionLedgerIndex!);
    expect(event).toMatchObject({
      kind: "concern.admitted",
      concernId: concern.id,
      principle: "defence-not-offence",
      contentHash: concernContentHash({ principle: "defence-not-offence", statement: edited, evidenceLinks: ["https://news.example/report"] }),
      organisation: { slug: w.org.slug },
    });
    // Neither the submitter nor the moderator is named anywhere public.
    const publicText = JSON.stringify([shown, event, await listPublicConcerns(w.db, { limit: 50, offset: 0 })]);
    for (const secret of [w.submitter.id, w.submitter.email, w.moderator.id, w.moderator.email, statement]) expect(publicText).not.toContain(secret);

    const mails = await w.db.select().from(notificationOutbox).where(eq(notificationOutbox.kind, "concern.admitted"));
    expect(mails.map((m) => m.recipientUserId).sort()).toEqual([w.owner.id, w.member.id, w.insider.id].sort());
    expect(mails[0]!.textBody).toContain(edited);
    expect(mails[0]!.textBody).not.toContain(w.submitter.email);
    // The submitter alone is told it is public, at their own address.
    const told = await w.db.select().from(notificationOutbox).where(eq(notificationOutbox.kind, "concern.to_submitter"));
    expect(told.map((m) => m.toAddress)).toEqual([w.submitter.email]);
    expect(told[0]!.textBody).toContain(`/concerns/${concern.id}`);
    const audit = await w.db.select().from(auditLog).where(eq(auditLog.targetId, concern.id));
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["concern.admit", w.moderator.id]]);
  });

  it("who may moderate: not a moderator of the same organisation, not the submitter, not an ordinary user; nothing changes", async () => {
    const w = await world("who-moderates.test");
    const concern = await submit(w);
    const before = await footprint(w.db);
    expect(await refusalMessage(admit(w, concern.id, w.insider.id))).toBe(`You belong to ${w.org.displayName}; another moderator must decide.`);
    expect(await refusal(admit(w, concern.id, w.owner.id))).toBe("forbidden");
    expect(await refusal(admit(w, concern.id, w.outsider.id))).toBe("forbidden");
    expect(
      await refusal(declineConcern(w.db, { userId: w.insider.id }, declineConcernSchema.parse({ concernId: concern.id, reason: "Not about this signatory." }))),
    ).toBe("forbidden");
    const modSubmitter = await person(w.db, "mod-submitter@registry.test", "moderator");
    const own = await submitConcern(w.db, { userId: modSubmitter.id }, submission(w.org.slug));
    const mid = await footprint(w.db);
    expect(await refusalMessage(admit(w, own.id, modSubmitter.id))).toBe("You raised this concern; another moderator must decide it.");
    expect(await footprint(w.db)).toEqual(mid);
    expect((await footprint(w.db)).ledger).toBe(before.ledger);
    // The queue marks the ones the viewer must leave to others.
    // A moderator who works at the organisation sees that a concern waits, never its words or links.
    const queue = await getConcernQueue(w.db, w.insider.id);
    expect(queue.find((q) => q.id === concern.id)).toMatchObject({ viewerBelongs: true, statement: null, evidenceLinks: [] });
    expect((await getConcernQueue(w.db, w.moderator.id)).find((q) => q.id === concern.id)).toMatchObject({
      viewerBelongs: false,
      submittedByViewer: false,
      statement: submission(w.org.slug).statement,
    });
    // An admin from outside may.
    expect(await refusal(admit(w, concern.id, w.admin.id))).toBe("allowed");
    expect(await refusal(admit(w, concern.id, w.moderator.id))).toBe("conflict");
  });

  it("a declined concern is never public: the reason goes to the submitter only (by mail too), no log entry, nothing to the organisation", async () => {
    const w = await world("decline.test");
    const concern = await submit(w);
    const before = await footprint(w.db);
    const reason = "The evidence does not concern this signatory's conduct.";
    await declineConcern(w.db, { userId: w.moderator.id }, declineConcernSchema.parse({ concernId: concern.id, reason }));
    const after = await footprint(w.db);
    expect(after.ledger).toBe(before.ledger);
    const mails = await w.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.key, `concern:${concern.id}:declined`));
    expect(after.outbox).toBe(before.outbox + 1);
    expect(mails.map((m) => [m.toAddress, m.kind])).toEqual([[w.submitter.email, "concern.to_submitter"]]);
    expect(mails[0]!.textBody).toContain(reason);
    expect(await getPublicConcern(w.db, concern.id)).toBeNull();
    expect(await countPublicConcernsByStatus(w.db)).not.toHaveProperty("declined");
    for (const status of ["under_review", "upheld", "not_upheld", "withdrawn"] as const) {
      expect((await listPublicConcerns(w.db, { status, organisationSlug: w.org.slug, limit: 50, offset: 0 })).rows).toEqual([]);
    }
    expect((await getConcernsOfSubmitter(w.db, w.submitter.id))[0]).toMatchObject({ status: "declined", declineReason: reason });
    // Declined is final: it cannot be admitted afterwards, nor responded to.
    expect(await refusal(admit(w, concern.id))).toBe("conflict");
    expect(
      await refusal(
        respondToConcern(w.db, { userId: w.owner.id }, respondToConcernSchema.parse({ concernId: concern.id, response: "We disagree with this." })),
      ),
    ).toBe("not_found");
  });

  it("the response: owners only, once, to an admitted concern; logged with its hash", async () => {
    const w = await world("respond.test");
    const concern = await submit(w);
    const response = "We did not ship such an update; the release notes and an independent audit are linked on our site.";
    const respond = (userId: string, text = response) =>
      respondToConcern(w.db, { userId }, respondToConcernSchema.parse({ concernId: concern.id, response: text }));
    // Not yet public: as if it did not exist.
    expect(await refusal(respond(w.owner.id))).toBe("not_found");
    await admit(w, concern.id);
    const before = await footprint(w.db);
    expect(await refusalMessage(respond(w.member.id))).toBe(`Only owners of ${w.org.displayName} can respond to a public concern.`);
    expect(await refusal(respond(w.outsider.id))).toBe("forbidden");
    expect(await refusal(respond(w.moderator.id))).toBe("forbidden");
    expect(await refusal(respond(w.submitter.id))).toBe("forbidden");
    expect(await footprint(w.db)).toEqual(before);
    const { concern: answered } = await respond(w.owner.id);
    expect(await loggedEvent(w.db, answered.responseLedgerIndex!)).toMatchObject({ kind: "concern.responded", concernId: concern.id });
    expect((await getPublicConcern(w.db, concern.id))?.response).toMatchObject({ text: response, ledgerIndex: answered.responseLedgerIndex });
    const once = await footprint(w.db);
    expect(await refusalMessage(respond(w.owner.id, "A second, different response to the same concern."))).toBe(
      `${w.org.displayName} has already responded to this concern; a response is published once.`,
    );
    expect(await footprint(w.db)).toEqual(once);
  });

  it("outcomes: upheld or not upheld with a public reason, logged, owners told; decided once", async () => {
    const w = await world("resolve.test");
    const concern = await submit(w);
    const resolve = (outcome: "upheld" | "not_upheld", userId = w.moderator.id) =>
      resolveConcern(w.db, { userId }, resolveConcernSchema.parse({ concernId: concern.id, outcome, reason: "The release notes confirm the update shipped." }));
    expect(await refusal(resolve("upheld"))).toBe("conflict");
    await admit(w, concern.id);
    expect(await refusal(resolve("upheld", w.insider.id))).toBe("forbidden");
    const { concern: decided } = await resolve("upheld");
    expect(await loggedEvent(w.db, decided.resolutionLedgerIndex!)).toMatchObject({
      kind: "concern.resolved",
      outcome: "upheld",
      reason: "The release notes confirm the update shipped.",
    });
    expect(await getPublicConcern(w.db, concern.id)).toMatchObject({ status: "upheld", outcome: { reason: "The release notes confirm the update shipped." } });
    expect(await w.db.select().from(notificationOutbox).where(eq(notificationOutbox.kind, "concern.resolved"))).toHaveLength(3);
    expect(await refusal(resolve("not_upheld"))).toBe("conflict");
    expect(resolveConcernSchema.safeParse({ concernId: concern.id, outcome: "declined", reason: "A reason long enough" }).success).toBe(false);
  });

  it("withdrawal: the submitter only; before admission it stays private, after it stays public marked withdrawn and logged", async () => {
    const w = await world("withdraw.test");
    const first = await submit(w);
    expect(await refusal(withdrawConcern(w.db, { userId: w.outsider.id }, { concernId: first.id }))).toBe("not_found");
    expect(await refusal(withdrawConcern(w.db, { userId: w.moderator.id }, { concernId: first.id }))).toBe("not_found");
    const before = await getLedgerSize(w.db);
    expect((await withdrawConcern(w.db, { userId: w.submitter.id }, { concernId: first.id })).wasPublic).toBe(false);
    expect(await getLedgerSize(w.db)).toBe(before);
    expect(await getPublicConcern(w.db, first.id)).toBeNull();

    const second = await submit(w);
    await admit(w, second.id);
    const { concern: withdrawn, wasPublic } = await withdrawConcern(w.db, { userId: w.submitter.id }, { concernId: second.id });
    expect(wasPublic).toBe(true);
    expect(await loggedEvent(w.db, withdrawn.resolutionLedgerIndex!)).toMatchObject({
      kind: "concern.resolved",
      outcome: "withdrawn",
      reason: WITHDRAWN_REASON,
    });
    expect(await getPublicConcern(w.db, second.id)).toMatchObject({ status: "withdrawn" });
    expect(await refusal(withdrawConcern(w.db, { userId: w.submitter.id }, { concernId: second.id }))).toBe("conflict");
    expect((await getConcernById(w.db, second.id))?.status).toBe("withdrawn");
  });

  it("the public list filters by status and pages, newest admission first", async () => {
    const w = await world("list.test");
    const people = await Promise.all([1, 2, 3, 4, 5].map((i) => person(w.db, `list${i}@elsewhere.test`)));
    const ids: string[] = [];
    for (const [i, p] of people.entries()) {
      const c = await submitConcern(w.db, { userId: p.id }, submission(w.org.slug));
      await admitConcern(w.db, { userId: w.moderator.id }, admitConcernSchema.parse({ concernId: c.id, statement, evidenceLinks: "" }), {
        now: new Date(Date.UTC(2030, 0, 1 + i)),
      });
      ids.push(c.id);
    }
    await resolveConcern(
      w.db,
      { userId: w.moderator.id },
      resolveConcernSchema.parse({ concernId: ids[0], outcome: "not_upheld", reason: "No evidence of the update." }),
    );
    const page1 = await listPublicConcerns(w.db, { organisationSlug: w.org.slug, limit: 2, offset: 0 });
    const page3 = await listPublicConcerns(w.db, { organisationSlug: w.org.slug, limit: 2, offset: 4 });
    expect(page1.total).toBe(5);
    expect(page1.rows.map((r) => r.id)).toEqual([ids[4], ids[3]]);
    expect(page3.rows.map((r) => r.id)).toEqual([ids[0]]);
    expect((await listPublicConcerns(w.db, { status: "not_upheld", organisationSlug: w.org.slug, limit: 20, offset: 0 })).rows.map((r) => r.id)).toEqual([
      ids[0],
    ]);
    expect((await listPublicConcerns(w.db, { status: "under_review", organisationSlug: w.org.slug, limit: 20, offset: 0 })).total).toBe(4);
  });
});
