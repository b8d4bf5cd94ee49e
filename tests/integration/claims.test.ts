import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getClaimForOrganisation, getClaimsForModeration } from "@/db/queries/claims";
import { getLedgerEntriesPage } from "@/db/queries/ledger";
import { getDomainProofs, getMembers, getOrganisationById, insertDomainProof, insertMembership, insertOrganisation } from "@/db/queries/organisations";
import { insertUser } from "@/db/queries/users";
import { auditLog, domainClaims, jobs, memberships, notificationOutbox, organisations } from "@/db/schema";
import { signAccord } from "@/lib/accord/sign";
import { AppError } from "@/lib/errors";
import { CLOSE_EXPIRED_CLAIMS_JOB, closeExpiredClaims, closeExpiredClaimsJob } from "@/lib/orgs/claims";
import { DNS_CHECKS_PER_DAY, MAX_OPEN_CLAIMS_PER_USER, migratedOwnership } from "@/lib/orgs/claims-rules";
import { expectedTxtValue, txtRecordName } from "@/lib/orgs/dns-check";
import { changeMember } from "@/lib/orgs/membership";
import { approveOrganisation, rejectOrganisation, releaseClaim } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByDns, verifyByEmailDomain } from "@/lib/orgs/verify";
import { useDnsServer } from "../support/dns-suite";
import { person, refusal, refusalMessage } from "../support/people";
import { fullSignInput } from "../support/signing";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

const DAY = 24 * 60 * 60 * 1000;
const details = (domain: string, name = domain) => ({
  legalName: `${name} Ltd`,
  displayName: name,
  primaryDomain: domain,
  country: "FR",
  sector: "software" as const,
});
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

async function roleOf(db: Db, organisationId: string, userId: string) {
  return (await getMembers(db, organisationId)).find((m) => m.userId === userId)?.role ?? null;
}

async function mailsTo(db: Db, userIdOrAddress: string) {
  const rows = await db.select().from(notificationOutbox);
  return rows.filter((r) => r.recipientUserId === userIdOrAddress || r.toAddress === userIdOrAddress);
}

describe.each(drivers)("domain claims on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(async () => {
    await cleanup();
  });
  const dns = useDnsServer();

  it("squatting: the employee who proves the domain by email owns it; the squatter leaves, cannot sign or remove anyone, and is told", async () => {
    const db = await getReadyDatabase();
    const squatter = await person(db, "mallory@squatter.test");
    const org = await registerOrganisation(db, { userId: squatter.id }, details("charlie.test", "Charlie"));
    // A real employee who reached the squatter's pending organisation (say, invited or joined).
    const carol = await person(db, "carol@charlie.test");
    await insertMembership(db, { organisationId: org.id, userId: carol.id, role: "member" });
    const ledgerBefore = (await getLedgerEntriesPage(db, { before: Number.MAX_SAFE_INTEGER, limit: 1 }))[0]?.index ?? -1;

    // The squatter cannot prove it: the address is not at the domain.
    expect(await refusal(verifyByEmailDomain(db, { userId: squatter.id }, org.id))).toBe("forbidden");
    await verifyByEmailDomain(db, { userId: carol.id }, org.id);

    expect((await getOrganisationById(db, org.id))?.status).toBe("verified");
    expect(await roleOf(db, org.id, carol.id)).toBe("owner");
    expect(await roleOf(db, org.id, squatter.id)).toBeNull();
    expect(await getClaimForOrganisation(db, org.id)).toMatchObject({ status: "won", provenBy: carol.id, proofMethod: "email_domain" });

    // The squatter can no longer speak for Charlie.
    expect(await refusal(signAccord(db, { userId: squatter.id }, await fullSignInput(db, org.id, { signerName: "Made Up", signerTitle: "CEO" })))).toBe(
      "forbidden",
    );
    expect(await refusal(changeMember(db, { userId: squatter.id }, { organisationId: org.id, userId: carol.id, change: "remove" }))).toBe("forbidden");
    expect(await roleOf(db, org.id, carol.id)).toBe("owner");
    expect(await refusal(signAccord(db, { userId: carol.id }, await fullSignInput(db, org.id, { signerName: "Carol C", signerTitle: "CTO" })))).toBe("allowed");

    // Audited privately, logged publicly without addresses or user ids.
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, org.id), eq(auditLog.action, "ownership.changed")));
    expect(audit.map((a) => a.reason).join("\n")).toMatch(/mallory\+\d+@squatter\.test: owner → not a member/);
    expect(audit.map((a) => a.reason).join("\n")).toMatch(/carol\+\d+@charlie\.test: member → owner/);
    const entries = await getLedgerEntriesPage(db, { before: Number.MAX_SAFE_INTEGER, limit: 10 });
    const newEntries = entries.filter((e) => e.index > ledgerBefore).map((e) => new TextDecoder().decode(e.data));
    expect(newEntries.some((e) => e.includes('"organisation.verified"'))).toBe(true);
    for (const e of newEntries) {
      expect(e).not.toContain("@");
      expect(e).not.toContain(carol.id);
      expect(e).not.toContain(squatter.id);
    }
    // Told by email: Carol (verified, ownership changed); the squatter learns it left, without Carol's address.
    expect((await mailsTo(db, carol.id)).map((m) => m.kind).sort()).toEqual(["organisation.verified", "ownership.changed"]);
    const toSquatter = await mailsTo(db, squatter.email);
    expect(toSquatter.map((m) => m.kind)).toEqual(["ownership.changed"]);
    expect(toSquatter[0]!.textBody).not.toContain(carol.email);
    expect(toSquatter[0]!.textBody).toContain("no longer a member");
  });

  it("parallel claims: an employee's own claim is not 'already registered'; proving it closes the squatter's claim and frees nothing else", async () => {
    const db = await getReadyDatabase();
    const squatter = await person(db, "mallory@squatter.test");
    const squat = await registerOrganisation(db, { userId: squatter.id }, details("delta.test", "Delta Holdings"));
    const dana = await person(db, "dana@delta.test");
    const real = await registerOrganisation(db, { userId: dana.id }, details("delta.test", "Delta"));
    expect(real.dnsToken).not.toBe(squat.dnsToken);
    await verifyByEmailDomain(db, { userId: dana.id }, real.id);
    expect(await getClaimForOrganisation(db, squat.id)).toMatchObject({ status: "closed", closedReason: "Another claim to delta.test was proven first." });
    expect(await getOrganisationById(db, squat.id)).toMatchObject({ status: "rejected", statusReason: "Another claim to delta.test was proven first." });
    expect((await mailsTo(db, squatter.id)).map((m) => m.kind)).toEqual(["claim.closed"]);
    // The closed claim can prove nothing any more; a verified domain says so to newcomers.
    expect(await refusal(verifyByEmailDomain(db, { userId: squatter.id }, squat.id))).toBe("conflict");
    const again = await refusalMessage(registerOrganisation(db, { userId: squatter.id }, details("delta.test")));
    expect(again).toContain("already registered as Delta");
  });

  it("DNS: the second claimant's token in the record wins over the first claimant; checks of the losing claim stop", async () => {
    const db = await getReadyDatabase();
    const first = await person(db, "first@agency.test");
    const second = await person(db, "second@gmail.com");
    const a = await registerOrganisation(db, { userId: first.id }, details("echo.test", "Echo A"));
    const b = await registerOrganisation(db, { userId: second.id }, details("echo.test", "Echo B"));
    dns.setTxt(txtRecordName("echo.test"), [expectedTxtValue(b.dnsToken!)]);
    const t0 = new Date();
    expect(await verifyByDns(db, { userId: first.id }, a.id, { now: t0 })).toMatchObject({ verified: false, outcome: "wrong-token" });
    expect(await verifyByDns(db, { userId: second.id }, b.id, { now: t0 })).toMatchObject({ verified: true });
    expect(await roleOf(db, b.id, second.id)).toBe("owner");
    expect(await getClaimForOrganisation(db, b.id)).toMatchObject({ status: "won", provenBy: second.id, proofMethod: "dns_txt" });
    expect((await getClaimForOrganisation(db, a.id))?.status).toBe("closed");
    expect(await refusal(verifyByDns(db, { userId: first.id }, a.id, { now: later(t0, 60_000) }))).toBe("conflict");
  });

  it("DNS: whoever presses the button, the claimant whose token is in the record becomes owner", async () => {
    const db = await getReadyDatabase();
    const claimant = await person(db, "founder@outside.test");
    const org = await registerOrganisation(db, { userId: claimant.id }, details("foxtrot.test", "Foxtrot"));
    const colleague = await person(db, "it@foxtrot.test");
    await insertMembership(db, { organisationId: org.id, userId: colleague.id, role: "owner" });
    dns.setTxt(txtRecordName("foxtrot.test"), [expectedTxtValue(org.dnsToken!)]);
    expect(await verifyByDns(db, { userId: colleague.id }, org.id)).toMatchObject({ verified: true });
    expect(await roleOf(db, org.id, claimant.id)).toBe("owner");
    // The colleague proved nothing of their own: at the domain, so they stay, as a member.
    expect(await roleOf(db, org.id, colleague.id)).toBe("member");
  });

  it("moderator approval: the approved claimant owns it, with the note; the rival claim closes; non-moderators and member-moderators refused", async () => {
    const db = await getReadyDatabase();
    const one = await person(db, "one@golf-partners.test");
    const two = await person(db, "two@gmail.com");
    const moderator = await person(db, "mod@registry.test", "moderator");
    const a = await registerOrganisation(db, { userId: one.id }, details("golf.test", "Golf A"));
    const b = await registerOrganisation(db, { userId: two.id }, details("golf.test", "Golf B"));
    for (const actor of [one, two]) {
      expect(await refusal(approveOrganisation(db, { userId: actor.id }, { organisationId: b.id, note: "I say so" }))).toBe("forbidden");
      expect(await refusal(releaseClaim(db, { userId: actor.id }, { organisationId: a.id, reason: "competitor claim" }))).toBe("forbidden");
    }
    // The queue shows moderators whom they would approve, and the rival claim.
    const queue = await getClaimsForModeration(db, [a.id, b.id]);
    expect(queue.map((q) => [q.claim.organisationId, q.claimantEmail, q.openAtDomain]).sort()).toEqual(
      [
        [a.id, one.email, 2],
        [b.id, two.email, 2],
      ].sort(),
    );
    await approveOrganisation(db, { userId: moderator.id }, { organisationId: b.id, note: "Called the company's switchboard" });
    expect(await roleOf(db, b.id, two.id)).toBe("owner");
    expect(await roleOf(db, b.id, moderator.id)).toBeNull();
    expect(await getClaimForOrganisation(db, b.id)).toMatchObject({ status: "won", provenBy: two.id, proofMethod: "moderator" });
    expect((await getDomainProofs(db, b.id))[0]).toMatchObject({
      method: "moderator",
      outcome: "verified",
      detail: "Called the company's switchboard",
      actorId: moderator.id,
    });
    expect((await getClaimForOrganisation(db, a.id))?.status).toBe("closed");
    expect(await refusal(approveOrganisation(db, { userId: moderator.id }, { organisationId: a.id, note: "too late" }))).toBe("conflict");
  });

  it("rejected, released and expired claims release the domain", async () => {
    const db = await getReadyDatabase();
    const squatter = await person(db, "mallory@squatter.test");
    const moderator = await person(db, "mod@registry.test", "moderator");
    const hotel = await person(db, "hq@hotel.test");

    const rejected = await registerOrganisation(db, { userId: squatter.id }, details("hotel.test"));
    await rejectOrganisation(db, { userId: moderator.id }, { organisationId: rejected.id, reason: "No such company at this domain" });
    expect(await getClaimForOrganisation(db, rejected.id)).toMatchObject({ status: "rejected", closedReason: "No such company at this domain" });
    expect((await mailsTo(db, squatter.id)).filter((m) => m.organisationId === rejected.id).map((m) => m.kind)).toEqual(["claim.closed"]);
    const real = await registerOrganisation(db, { userId: hotel.id }, details("hotel.test"));
    await verifyByEmailDomain(db, { userId: hotel.id }, real.id);
    expect((await getOrganisationById(db, real.id))?.status).toBe("verified");

    const released = await registerOrganisation(db, { userId: squatter.id }, details("india.test"));
    await releaseClaim(db, { userId: moderator.id }, { organisationId: released.id, reason: "Claimant is not at this company" });
    expect(await getClaimForOrganisation(db, released.id)).toMatchObject({
      status: "released",
      closedReason: "Released by a moderator: Claimant is not at this company",
    });
    expect(await getOrganisationById(db, released.id)).toMatchObject({ status: "rejected" });
    expect(await refusal(releaseClaim(db, { userId: moderator.id }, { organisationId: released.id, reason: "twice over" }))).toBe("conflict");
    expect(
      (
        await db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.targetId, released.id), eq(auditLog.action, "claim.released")))
      ).length,
    ).toBe(1);
    const india = await person(db, "hq@india.test");
    expect(await refusal(registerOrganisation(db, { userId: india.id }, details("india.test")))).toBe("allowed");

    const t0 = new Date("2030-01-01T00:00:00Z");
    const expiring = await registerOrganisation(db, { userId: squatter.id }, details("juliett.test"), { now: t0 });
    const juliett = await person(db, "hq@juliett.test");
    await insertMembership(db, { organisationId: expiring.id, userId: juliett.id, role: "member" });
    const after = later(t0, 30 * DAY);
    // Expiry is a function of the clock: no sweep needed for the claim to stop counting.
    expect(await refusalMessage(verifyByEmailDomain(db, { userId: juliett.id }, expiring.id, { now: after }))).toContain("expired on 2030-01-31");
    expect(await refusal(verifyByEmailDomain(db, { userId: juliett.id }, expiring.id, { now: later(t0, 29 * DAY) }))).toBe("allowed");
    // A second claim left to expire: the sweep closes it, tells its claimant and frees the domain.
    const stale = await registerOrganisation(db, { userId: squatter.id }, details("kilo.test"), { now: t0 });
    await closeExpiredClaims(db, { now: later(t0, 29 * DAY) });
    expect((await getClaimForOrganisation(db, stale.id))?.status).toBe("open");
    // Registering queued the sweep for the moment the claim expires; the job runner runs it then.
    const staleClaim = (await getClaimForOrganisation(db, stale.id))!;
    const [job] = await db
      .select()
      .from(jobs)
      .where(eq(jobs.key, `claim-expiry:${staleClaim.id}`));
    expect(job).toMatchObject({ kind: CLOSE_EXPIRED_CLAIMS_JOB, runAt: staleClaim.expiresAt });
    await closeExpiredClaimsJob(job!, { db: db as never, now: () => after, workerId: "test" });
    expect(await getClaimForOrganisation(db, stale.id)).toMatchObject({ status: "expired" });
    expect(await getOrganisationById(db, stale.id)).toMatchObject({ status: "rejected" });
    expect((await mailsTo(db, squatter.id)).filter((m) => m.organisationId === stale.id).map((m) => m.kind)).toEqual(["claim.closed"]);
    expect(await closeExpiredClaims(db, { now: after })).toBe(0);
    const kilo = await person(db, "hq@kilo.test");
    expect(await refusal(registerOrganisation(db, { userId: kilo.id }, details("kilo.test"), { now: after }))).toBe("allowed");
  });

  it("limits: at most 3 open claims per person (expired ones stop counting); refusals write nothing", async () => {
    const db = await getReadyDatabase();
    const hoarder = await person(db, "hoarder@collector.test");
    const t0 = new Date("2031-03-01T00:00:00Z");
    for (let i = 0; i < MAX_OPEN_CLAIMS_PER_USER; i++) await registerOrganisation(db, { userId: hoarder.id }, details(`hoard-${i}.test`), { now: t0 });
    const before = (await db.select().from(organisations)).length;
    const refused = await registerOrganisation(db, { userId: hoarder.id }, details("hoard-9.test"), { now: later(t0, DAY) }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("rate_limited");
    expect((refused as AppError).message).toContain("3 open claims");
    expect((await db.select().from(organisations)).length).toBe(before);
    expect((await db.select().from(domainClaims).where(eq(domainClaims.domain, "hoard-9.test"))).length).toBe(0);
    expect(await refusal(registerOrganisation(db, { userId: hoarder.id }, details("hoard-9.test"), { now: later(t0, 31 * DAY) }))).toBe("allowed");
  });

  it("DNS checks: one per 30 seconds and 20 a day per claim, refused with a clear message and nothing recorded", async () => {
    const db = await getReadyDatabase();
    const owner = await person(db, "ops@lima.test");
    const org = await registerOrganisation(db, { userId: owner.id }, details("lima.test"));
    const t0 = new Date();
    expect(await verifyByDns(db, { userId: owner.id }, org.id, { now: t0 })).toMatchObject({ outcome: "no-record" });
    const soon = await verifyByDns(db, { userId: owner.id }, org.id, { now: later(t0, 10_000) }).catch((e: unknown) => e);
    expect((soon as AppError).code).toBe("rate_limited");
    expect((soon as AppError).message).toContain("check again in 20 seconds");
    expect((await getDomainProofs(db, org.id)).length).toBe(1);
    for (let i = 1; i < DNS_CHECKS_PER_DAY; i++) {
      expect(await refusal(verifyByDns(db, { userId: owner.id }, org.id, { now: later(t0, i * 31_000) }))).toBe("allowed");
    }
    expect((await getDomainProofs(db, org.id, 100)).length).toBe(DNS_CHECKS_PER_DAY);
    const daily = await refusalMessage(verifyByDns(db, { userId: owner.id }, org.id, { now: later(t0, DNS_CHECKS_PER_DAY * 31_000 + 60_000) }));
    expect(daily).toContain("20 times in the last 24 hours");
    expect((await getDomainProofs(db, org.id, 100)).length).toBe(DNS_CHECKS_PER_DAY);
    // A day after the first check, checking works again.
    expect(await refusal(verifyByDns(db, { userId: owner.id }, org.id, { now: later(t0, DAY + 1000) }))).toBe("allowed");
  });

  it("who may act on a claim: rival claimants, outsiders and editors are refused; a moderator never decides a claim they belong to", async () => {
    const db = await getReadyDatabase();
    const claimant = await person(db, "first@sierra-agency.test");
    const rival = await person(db, "rival@sierra.test");
    const outsider = await person(db, "nosy@elsewhere.test");
    const editor = await person(db, "ed@registry.test", "editor");
    const memberModerator = await person(db, "mod@sierra.test", "moderator");
    const moderator = await person(db, "mod@registry.test", "moderator");
    const org = await registerOrganisation(db, { userId: claimant.id }, details("sierra.test"));
    await registerOrganisation(db, { userId: rival.id }, details("sierra.test", "Sierra Rival"));
    await insertMembership(db, { organisationId: org.id, userId: memberModerator.id, role: "member" });
    const t0 = new Date();
    for (const actor of [rival, outsider, editor]) {
      expect(await refusal(verifyByEmailDomain(db, { userId: actor.id }, org.id)), actor.email).toBe("forbidden");
      expect(await refusal(verifyByDns(db, { userId: actor.id }, org.id, { now: t0 })), actor.email).toBe("forbidden");
    }
    for (const actor of [claimant, rival, outsider, editor, memberModerator]) {
      expect(await refusal(approveOrganisation(db, { userId: actor.id }, { organisationId: org.id, note: "Looks right to me" })), actor.email).toBe(
        "forbidden",
      );
      expect(await refusal(rejectOrganisation(db, { userId: actor.id }, { organisationId: org.id, reason: "Not a real company here" })), actor.email).toBe(
        "forbidden",
      );
      expect(await refusal(releaseClaim(db, { userId: actor.id }, { organisationId: org.id, reason: "Free the domain now" })), actor.email).toBe("forbidden");
    }
    // Nothing of that was recorded, and the claim is still open.
    expect(await getDomainProofs(db, org.id)).toEqual([]);
    expect((await getClaimForOrganisation(db, org.id))?.status).toBe("open");
    expect(await refusal(releaseClaim(db, { userId: moderator.id }, { organisationId: org.id, reason: "Free the domain now" }))).toBe("allowed");
  });

  it("work email proves only at exactly the domain (a subdomain address does not)", async () => {
    const db = await getReadyDatabase();
    const sub = await person(db, "x@eu.mike.test");
    const org = await registerOrganisation(db, { userId: sub.id }, details("mike.test"));
    expect(await refusalMessage(verifyByEmailDomain(db, { userId: sub.id }, org.id))).toContain("subdomain");
  });

  it("migration: the SQL in 0010_domain_claims.sql applies the rule of migratedOwnership to existing organisations", async () => {
    const db = await getReadyDatabase();
    const now = new Date();
    const user = (email: string) => insertUser(db, { email, emailVerified: now });
    const org = (domain: string, status: "pending" | "verified" | "rejected" | "suspended", method: "email_domain" | "dns_txt" | "moderator" | null) =>
      insertOrganisation(db, {
        ...details(domain),
        slug: domain.replace(/\./g, "-"),
        status,
        verificationMethod: method,
        verifiedAt: method ? now : null,
        dnsToken: "t",
        statusReason: status === "rejected" ? "No" : null,
      });
    const join = (o: { id: string }, u: { id: string }, role: "owner" | "member", minutes: number) =>
      insertMembership(db, { organisationId: o.id, userId: u.id, role, createdAt: new Date(now.getTime() - 1000 * 60 * (100 - minutes)) });

    // Verified by email: a squatter registered, Carol joined and proved; a colleague owner stays; an outsider member leaves.
    const squatter = await user("mallory@migrate-squatter.test");
    const carol = await user("carol@november.test");
    const colleague = await user("bob@eu.november.test");
    const stranger = await user("eve@elsewhere.test");
    const november = await org("november.test", "verified", "email_domain");
    await join(november, squatter, "owner", 1);
    await join(november, carol, "member", 2);
    await join(november, colleague, "owner", 3);
    await join(november, stranger, "member", 4);
    await insertDomainProof(db, { organisationId: november.id, method: "email_domain", outcome: "verified", actorId: carol.id, createdAt: now });
    // Approved by a moderator: the first owner (the approved claimant) is the winner and stays.
    const claimant = await user("founder@gmail.com");
    const oscar = await org("oscar.test", "suspended", "moderator");
    await join(oscar, claimant, "owner", 1);
    await join(oscar, stranger, "member", 2);
    // Verified by DNS, prover gone, no owner at the domain: nothing changes.
    const lone = await user("lone@outside.test");
    const papa = await org("papa.test", "verified", "dns_txt");
    await join(papa, lone, "owner", 1);
    // Pending: an open claim of its first owner. Rejected: a rejected claim.
    const quebec = await org("quebec.test", "pending", null);
    await join(quebec, squatter, "owner", 1);
    const romeo = await org("romeo.test", "rejected", null);
    await join(romeo, squatter, "owner", 1);

    const facts = async (o: { id: string; primaryDomain: string; status: string; verificationMethod: string | null }, proverId: string | null) =>
      migratedOwnership({
        status: o.status as "verified",
        method: o.verificationMethod as "email_domain",
        domain: o.primaryDomain,
        proverId,
        members: (
          await db
            .select({ userId: memberships.userId, role: memberships.role, createdAt: memberships.createdAt })
            .from(memberships)
            .where(eq(memberships.organisationId, o.id))
        )
          .sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime())
          .map((m) => ({
            userId: m.userId,
            role: m.role,
            ...[squatter, carol, colleague, stranger, claimant, lone]
              .map((u) => ({ id: u.id, email: u.email, emailVerified: u.emailVerified }))
              .find((u) => u.id === m.userId)!,
          })),
      });
    const expected = {
      november: await facts(november, carol.id),
      oscar: await facts(oscar, null),
      papa: await facts(papa, null),
      quebec: await facts(quebec, null),
      romeo: await facts(romeo, null),
    };
    expect(expected.november).toMatchObject({ claimStatus: "won", winnerId: carol.id, promote: [carol.id] });
    expect(expected.november.leave.sort()).toEqual([squatter.id, stranger.id].sort());
    expect(expected.oscar).toMatchObject({ claimStatus: "won", winnerId: claimant.id, leave: [stranger.id], promote: [] });
    expect(expected.papa).toMatchObject({ claimStatus: "won", winnerId: null, leave: [], promote: [] });
    expect(expected.quebec).toMatchObject({ claimStatus: "open", claimantId: squatter.id, leave: [] });
    expect(expected.romeo).toMatchObject({ claimStatus: "rejected", leave: [] });

    // Run the migration's data statements again on these rows (they skip organisations that already have a claim).
    const file = fs.readFileSync(path.join(process.cwd(), "db/migrations/0010_domain_claims.sql"), "utf8");
    const section = file.slice(file.indexOf("-- claims-migration:start"), file.indexOf("-- claims-migration:end"));
    await db.transaction(async (tx) => {
      for (const statement of section.split("--> statement-breakpoint")) {
        const text = statement.replace(/^--.*$/gm, "").trim();
        if (text) await tx.execute(sql.raw(text));
      }
    });

    for (const [o, rule] of [
      [november, expected.november],
      [oscar, expected.oscar],
      [papa, expected.papa],
      [quebec, expected.quebec],
      [romeo, expected.romeo],
    ] as const) {
      const claim = await getClaimForOrganisation(db, o.id);
      expect(claim, o.primaryDomain).toMatchObject({ status: rule.claimStatus, claimantId: rule.claimantId });
      if (rule.claimStatus === "won") expect(claim?.provenBy, o.primaryDomain).toBe(rule.winnerId);
      const members = await getMembers(db, o.id);
      for (const gone of rule.leave)
        expect(
          members.some((m) => m.userId === gone),
          `${o.primaryDomain} ${gone}`,
        ).toBe(false);
      if (rule.winnerId) expect(members.find((m) => m.userId === rule.winnerId)?.role, o.primaryDomain).toBe("owner");
    }
    expect(await roleOf(db, november.id, colleague.id)).toBe("owner");
    expect(await roleOf(db, papa.id, lone.id)).toBe("owner");
    expect((await getClaimForOrganisation(db, quebec.id))!.expiresAt.getTime()).toBeGreaterThan(now.getTime() + 29 * DAY);
    const audited = await db.select().from(auditLog).where(eq(auditLog.action, "ownership.migrated"));
    expect(audited.filter((a) => a.targetId === november.id).length).toBe(2);
  });
});
