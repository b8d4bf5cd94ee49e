import { asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLedgerSize } from "@/db/queries/ledger";
import { getOrganisationById } from "@/db/queries/organisations";
import { auditLog, signatures } from "@/db/schema";
import { signAccord } from "@/lib/accord/sign";
import { joinOrganisation } from "@/lib/orgs/membership";
import { moderateOrganisation } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { moderateSchema } from "@/lib/validation/organisation";
import { fullSignInput } from "../support/signing";
import { loggedEvent, person, refusal } from "../support/people";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

describe.each(drivers)("moderation on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(async () => {
    await cleanup();
  });

  /** A verified organisation with an owner and a member, and people of every other kind. */
  async function world(domain: string) {
    const db = await getReadyDatabase();
    const owner = await person(db, `owner@${domain}`);
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: "DE", sector: "cybersecurity" },
    );
    const member = await person(db, `member@${domain}`);
    await joinOrganisation(db, { userId: member.id }, org.id);
    await verifyByEmailDomain(db, { userId: owner.id }, org.id);
    return {
      db,
      org,
      owner,
      member,
      editor: await person(db, "editor@registry.test", "editor"),
      outsider: await person(db, "someone@elsewhere.test"),
      moderator: await person(db, "mod@registry.test", "moderator"),
      admin: await person(db, "admin@registry.test", "admin"),
    };
  }

  /** What a refused change must leave exactly as it was. */
  async function footprint(db: Db, organisationId: string) {
    const org = await getOrganisationById(db, organisationId);
    const [audit] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.targetId, organisationId));
    return { status: org?.status, statusReason: org?.statusReason, updatedAt: org?.updatedAt.getTime(), audit: audit!.n, ledger: await getLedgerSize(db) };
  }

  const auditRows = (db: Db, organisationId: string) =>
    db.select().from(auditLog).where(eq(auditLog.targetId, organisationId)).orderBy(asc(auditLog.createdAt));

  it("a moderator suspends a verified organisation: status and public reason, audit row, ledger organisation.suspended", async () => {
    const w = await world("suspend.test");
    const reason = "Under investigation for selling exploits to a government agency";
    const result = await moderateOrganisation(w.db, { userId: w.moderator.id }, { organisationId: w.org.id, change: "suspend", reason });
    expect(result.organisation).toMatchObject({ status: "suspended", statusReason: reason });
    expect(await getOrganisationById(w.db, w.org.id)).toMatchObject({ status: "suspended", statusReason: reason, verificationMethod: "email_domain" });

    const audit = await auditRows(w.db, w.org.id);
    expect(audit.map((a) => [a.action, a.actorId, a.reason])).toEqual([["organisation.suspend", w.moderator.id, reason]]);

    const event = await loggedEvent(w.db, result.ledgerIndex);
    expect(event).toMatchObject({
      kind: "organisation.suspended",
      reason,
      organisation: { slug: w.org.slug, name: w.org.displayName, domain: "suspend.test" },
    });
    // The log is public and permanent: it names the organisation, never the moderator.
    expect(JSON.stringify(event)).not.toContain("@");
    expect(JSON.stringify(event)).not.toContain(w.moderator.id);
  });

  it("reinstating clears the public reason from the status, logs organisation.reinstated with its own reason", async () => {
    const w = await world("reinstate.test");
    await moderateOrganisation(w.db, { userId: w.admin.id }, { organisationId: w.org.id, change: "suspend", reason: "Pending review of a complaint" });
    const reason = "Complaint reviewed and found unsubstantiated";
    const result = await moderateOrganisation(w.db, { userId: w.moderator.id }, { organisationId: w.org.id, change: "reinstate", reason });
    expect(await getOrganisationById(w.db, w.org.id)).toMatchObject({ status: "verified", statusReason: null });
    expect(await loggedEvent(w.db, result.ledgerIndex)).toMatchObject({ kind: "organisation.reinstated", reason, organisation: { slug: w.org.slug } });
    expect((await auditRows(w.db, w.org.id)).map((a) => a.action)).toEqual(["organisation.suspend", "organisation.reinstate"]);
  });

  it("delists from verified and from suspended, and a delisted organisation can be reinstated", async () => {
    const w = await world("delist.test");
    const first = await moderateOrganisation(
      w.db,
      { userId: w.moderator.id },
      { organisationId: w.org.id, change: "delist", reason: "Ceased trading; the domain lapsed" },
    );
    expect(await getOrganisationById(w.db, w.org.id)).toMatchObject({ status: "delisted", statusReason: "Ceased trading; the domain lapsed" });
    expect(await loggedEvent(w.db, first.ledgerIndex)).toMatchObject({ kind: "organisation.delisted", reason: "Ceased trading; the domain lapsed" });
    await moderateOrganisation(
      w.db,
      { userId: w.moderator.id },
      { organisationId: w.org.id, change: "reinstate", reason: "Trading again under the same domain" },
    );

    const v = await world("delist-suspended.test");
    await moderateOrganisation(v.db, { userId: v.moderator.id }, { organisationId: v.org.id, change: "suspend", reason: "Investigation opened on a report" });
    await moderateOrganisation(v.db, { userId: v.moderator.id }, { organisationId: v.org.id, change: "delist", reason: "Investigation confirmed the report" });
    expect(await getOrganisationById(v.db, v.org.id)).toMatchObject({ status: "delisted", statusReason: "Investigation confirmed the report" });
  });

  it("transitions that make no sense are conflicts and write nothing", async () => {
    const w = await world("transitions.test");
    const change = (c: "suspend" | "delist" | "reinstate", organisationId = w.org.id) =>
      moderateOrganisation(w.db, { userId: w.moderator.id }, { organisationId, change: c, reason: "A reason long enough" });

    // verified: cannot be reinstated
    let before = await footprint(w.db, w.org.id);
    expect(await refusal(change("reinstate"))).toBe("conflict");
    expect(await footprint(w.db, w.org.id)).toEqual(before);

    // suspended: cannot be suspended again
    await change("suspend");
    before = await footprint(w.db, w.org.id);
    expect(await refusal(change("suspend"))).toBe("conflict");
    expect(await footprint(w.db, w.org.id)).toEqual(before);

    // delisted: cannot be suspended or delisted again
    await change("delist");
    before = await footprint(w.db, w.org.id);
    expect(await refusal(change("suspend"))).toBe("conflict");
    expect(await refusal(change("delist"))).toBe("conflict");
    expect(await footprint(w.db, w.org.id)).toEqual(before);

    // pending and rejected organisations are not moderated this way at all
    const owner = await person(w.db, "owner@pending-moderation.test");
    const pending = await registerOrganisation(
      w.db,
      { userId: owner.id },
      { legalName: "Pending Ltd", displayName: "Pending", primaryDomain: "pending-moderation.test", country: "FR", sector: "software" },
    );
    before = await footprint(w.db, pending.id);
    for (const c of ["suspend", "delist", "reinstate"] as const) expect(await refusal(change(c, pending.id)), c).toBe("conflict");
    expect(await footprint(w.db, pending.id)).toEqual(before);

    // an unknown organisation is not found
    expect(await refusal(change("suspend", crypto.randomUUID()))).toBe("not_found");
  });

  it("only moderators and admins moderate: members, owners, editors and outsiders are forbidden and write nothing", async () => {
    const w = await world("forbidden.test");
    const before = await footprint(w.db, w.org.id);
    for (const actor of [w.owner, w.member, w.editor, w.outsider]) {
      for (const change of ["suspend", "delist"] as const) {
        expect(
          await refusal(moderateOrganisation(w.db, { userId: actor.id }, { organisationId: w.org.id, change, reason: "I would like to do this" })),
          `${actor.email} ${change}`,
        ).toBe("forbidden");
      }
    }
    expect(await footprint(w.db, w.org.id)).toEqual(before);

    await moderateOrganisation(w.db, { userId: w.moderator.id }, { organisationId: w.org.id, change: "suspend", reason: "Suspended pending review" });
    const suspended = await footprint(w.db, w.org.id);
    for (const actor of [w.owner, w.member, w.editor, w.outsider]) {
      expect(
        await refusal(moderateOrganisation(w.db, { userId: actor.id }, { organisationId: w.org.id, change: "reinstate", reason: "Please reinstate us now" })),
      ).toBe("forbidden");
    }
    expect(await footprint(w.db, w.org.id)).toEqual(suspended);
  });

  it("a suspended or delisted organisation cannot sign; reinstated, it can", async () => {
    const w = await world("cannot-sign.test");
    await moderateOrganisation(w.db, { userId: w.moderator.id }, { organisationId: w.org.id, change: "suspend", reason: "Suspended pending review" });
    const input = await fullSignInput(w.db, w.org.id, { signerName: "Ada Lovelace", signerTitle: "Chief Executive" });
    const ledger = await getLedgerSize(w.db);
    expect(await refusal(signAccord(w.db, { userId: w.owner.id }, input))).toBe("forbidden");
    await moderateOrganisation(w.db, { userId: w.moderator.id }, { organisationId: w.org.id, change: "delist", reason: "Review confirmed the problem" });
    expect(await refusal(signAccord(w.db, { userId: w.owner.id }, input))).toBe("forbidden");
    expect(await w.db.select().from(signatures).where(eq(signatures.organisationId, w.org.id))).toEqual([]);
    expect(await getLedgerSize(w.db)).toBe(ledger + 1);

    await moderateOrganisation(w.db, { userId: w.moderator.id }, { organisationId: w.org.id, change: "reinstate", reason: "Cleared after a second review" });
    expect(await refusal(signAccord(w.db, { userId: w.owner.id }, input))).toBe("allowed");
  });

  it("the shared schema wants a public reason of 10 to 1000 characters and a known change", () => {
    const organisationId = crypto.randomUUID();
    const errors = (values: Record<string, string>) =>
      moderateSchema.safeParse({ organisationId, change: "suspend", reason: "A good reason", ...values }).error?.issues.map((i) => i.path[0]);
    expect(errors({})).toBeUndefined();
    expect(errors({ reason: "too short" })).toEqual(["reason"]);
    expect(errors({ reason: "          padded    " })).toEqual(["reason"]);
    expect(errors({ reason: "x".repeat(1001) })).toEqual(["reason"]);
    expect(errors({ reason: "x".repeat(1000) })).toBeUndefined();
    expect(errors({ change: "erase" })).toEqual(["change"]);
    expect(errors({ organisationId: "not-a-uuid" })).toEqual(["organisationId"]);
  });
});
