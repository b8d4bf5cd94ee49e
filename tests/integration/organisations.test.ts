import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDomainProofs, getMembers, getOrganisationById } from "@/db/queries/organisations";
import { getLedgerEntriesPage } from "@/db/queries/ledger";
import { getUserById, insertUser } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { changeSiteRole } from "@/lib/auth/roles";
import { changeMember, joinOrganisation } from "@/lib/orgs/membership";
import { approveOrganisation, rejectOrganisation } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByDns, verifyByEmailDomain } from "@/lib/orgs/verify";
import { expectedTxtValue, txtRecordName } from "@/lib/orgs/dns-check";
import { useDnsServer } from "../support/dns-suite";
import { person, refusal } from "../support/people";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

describe.each(drivers)("organisations and roles on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(async () => {
    await cleanup();
  });
  const dns = useDnsServer();

  /** A fresh pending organisation with an owner, a member and outsiders of each site role. */
  async function world(domain: string) {
    const db = await getReadyDatabase();
    const owner = await person(db, `owner@${domain}`);
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: "FR", sector: "software" },
    );
    const member = await person(db, `member@${domain}`);
    await joinOrganisation(db, { userId: member.id }, org.id);
    return {
      db,
      org,
      owner,
      member,
      outsider: await person(db, "someone@elsewhere.test"),
      moderator: await person(db, "mod@registry.test", "moderator"),
      admin: await person(db, "admin@registry.test", "admin"),
    };
  }

  it("registers with the email's domain rules: free-mail domains and duplicates refused, nothing written", async () => {
    const db = await getReadyDatabase();
    const user = await person(db, "x@gmail.com");
    const base = { legalName: "L", displayName: "D", country: "FR", sector: "software" as const };
    expect(await registerOrganisation(db, { userId: user.id }, { ...base, primaryDomain: "gmail.com" }).catch((e: AppError) => e.fields)).toHaveProperty(
      "primaryDomain",
    );
    for (const bad of ["127.0.0.1", "localhost", "co.uk", "not a domain", "x".repeat(300)]) {
      const error = await registerOrganisation(db, { userId: user.id }, { ...base, primaryDomain: bad }).catch((e: unknown) => e);
      expect(error, bad).toBeInstanceOf(AppError);
      expect((error as AppError).fields, bad).toHaveProperty("primaryDomain");
    }
    const org = await registerOrganisation(db, { userId: user.id }, { ...base, displayName: "Mixed Case", primaryDomain: "https://WWW.Mixed-Case.test/path" });
    expect(org.primaryDomain).toBe("mixed-case.test");
    expect(org.dnsToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // A second claim by the same person is refused; someone else's parallel claim is not (claims never block a domain).
    const duplicate = await registerOrganisation(db, { userId: user.id }, { ...base, primaryDomain: "mixed-case.test" }).catch((e: unknown) => e);
    expect((duplicate as AppError).code).toBe("conflict");
    expect((duplicate as AppError).fields?.primaryDomain).toContain("/dashboard/organisations/mixed-case");
    const employee = await person(db, "it@mixed-case.test");
    const rival = await registerOrganisation(db, { userId: employee.id }, { ...base, displayName: "Mixed Case", primaryDomain: "mixed-case.test" });
    expect(rival.slug).toBe("mixed-case-2");
    await verifyByEmailDomain(db, { userId: employee.id }, rival.id);
    // Once proven, the domain is registered: nobody can claim it again.
    const taken = await registerOrganisation(db, { userId: (await person(db, "late@elsewhere.test")).id }, { ...base, primaryDomain: "mixed-case.test" }).catch(
      (e: unknown) => e,
    );
    expect((taken as AppError).code).toBe("conflict");
    expect((taken as AppError).fields?.primaryDomain).toContain("/signatories/mixed-case-2");
  });

  it("verification by email domain: members at the domain only; logged publicly; recorded", async () => {
    const w = await world("email-proof.test");
    expect(await refusal(verifyByEmailDomain(w.db, { userId: w.outsider.id }, w.org.id))).toBe("forbidden");
    expect(await refusal(verifyByEmailDomain(w.db, { userId: w.moderator.id }, w.org.id))).toBe("forbidden");
    expect(await refusal(verifyByEmailDomain(w.db, { userId: w.member.id }, w.org.id))).toBe("allowed");
    expect((await getOrganisationById(w.db, w.org.id))?.status).toBe("verified");
    expect(await refusal(verifyByEmailDomain(w.db, { userId: w.owner.id }, w.org.id))).toBe("conflict");
    const [proof] = await getDomainProofs(w.db, w.org.id);
    expect(proof).toMatchObject({ method: "email_domain", outcome: "verified", actorId: w.member.id });
    const [entry] = await getLedgerEntriesPage(w.db, { before: Number.MAX_SAFE_INTEGER, limit: 1 });
    const logged = new TextDecoder().decode(entry!.data);
    expect(JSON.parse(logged)).toMatchObject({ kind: "organisation.verified", method: "email_domain", organisation: { domain: "email-proof.test" } });
    expect(logged).not.toContain("@");
  });

  it("verification by DNS TXT: each outcome recorded, found verifies, non-members refused", async () => {
    const db = await getReadyDatabase();
    const owner = await person(db, "someone@gmail.com");
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: "Free Mail Co", displayName: "Free Mail Co", primaryDomain: "freemail-co.test", country: "KE", sector: "non-profit" },
    );
    expect(await refusal(verifyByEmailDomain(db, { userId: owner.id }, org.id))).toBe("forbidden");
    const outsider = await person(db, "x@elsewhere.test");
    expect(await refusal(verifyByDns(db, { userId: outsider.id }, org.id))).toBe("forbidden");

    // Checks are spaced (one per 30 s per claim): each one here is a minute after the last.
    const minute = (n: number) => ({ now: new Date(Date.now() + n * 60_000) });
    expect(await verifyByDns(db, { userId: owner.id }, org.id, minute(0))).toMatchObject({ verified: false, outcome: "no-record" });
    dns.setTxt(txtRecordName("freemail-co.test"), ["tech-accord-verification=not-the-token"]);
    expect(await verifyByDns(db, { userId: owner.id }, org.id, minute(1))).toMatchObject({ verified: false, outcome: "wrong-token" });
    dns.setTxt(txtRecordName("freemail-co.test"), ["v=spf1 -all", expectedTxtValue(org.dnsToken!)]);
    expect(await verifyByDns(db, { userId: owner.id }, org.id, minute(2))).toMatchObject({ verified: true, outcome: "found" });
    expect((await getOrganisationById(db, org.id))?.verificationMethod).toBe("dns_txt");
    expect((await getDomainProofs(db, org.id)).map((p) => p.outcome)).toEqual(["verified", "wrong-token", "no-record"]);
  });

  it("joining needs a confirmed address at exactly the domain (a subdomain asks: tests/integration/membership.test.ts)", async () => {
    const w = await world("join.test");
    expect(await refusal(joinOrganisation(w.db, { userId: w.outsider.id }, w.org.id))).toBe("forbidden");
    const unconfirmed = await insertUser(w.db, { email: "new@join.test" });
    expect(await refusal(joinOrganisation(w.db, { userId: unconfirmed.id }, w.org.id))).toBe("forbidden");
    const lookalike = await person(w.db, "x@evil-join.test");
    expect(await refusal(joinOrganisation(w.db, { userId: lookalike.id }, w.org.id))).toBe("forbidden");
    expect(await refusal(joinOrganisation(w.db, { userId: w.member.id }, w.org.id))).toBe("conflict");
    const regional = await person(w.db, "colleague@mail.join.test");
    expect(await refusal(joinOrganisation(w.db, { userId: regional.id }, w.org.id))).toBe("forbidden");
    const colleague = await person(w.db, "colleague@join.test");
    expect(await refusal(joinOrganisation(w.db, { userId: colleague.id }, w.org.id))).toBe("allowed");
  });

  it("member management: owners only; a forged organisation id finds nothing; one owner always remains", async () => {
    const w = await world("members.test");
    const other = await world("other-members.test");
    const promote = (actor: string, organisationId = w.org.id) =>
      changeMember(w.db, { userId: actor }, { organisationId, userId: w.member.id, change: "promote" });
    expect(await refusal(promote(w.member.id))).toBe("forbidden");
    expect(await refusal(promote(w.outsider.id))).toBe("forbidden");
    expect(await refusal(promote(w.moderator.id))).toBe("forbidden");
    expect(await refusal(promote(w.admin.id))).toBe("forbidden");
    // The other organisation's owner forges this organisation's id: refused by the data layer.
    expect(await refusal(promote(other.owner.id))).toBe("forbidden");
    expect(await refusal(changeMember(w.db, { userId: w.owner.id }, { organisationId: other.org.id, userId: other.member.id, change: "remove" }))).toBe(
      "forbidden",
    );
    expect(await refusal(changeMember(w.db, { userId: w.owner.id }, { organisationId: w.org.id, userId: w.owner.id, change: "demote" }))).toBe("conflict");
    expect(await refusal(promote(w.owner.id))).toBe("allowed");
    expect(await refusal(changeMember(w.db, { userId: w.member.id }, { organisationId: w.org.id, userId: w.owner.id, change: "remove" }))).toBe("allowed");
    expect((await getMembers(w.db, w.org.id)).map((m) => [m.userId, m.role])).toEqual([[w.member.id, "owner"]]);
    expect(await refusal(changeMember(w.db, { userId: w.member.id }, { organisationId: w.org.id, userId: w.outsider.id, change: "remove" }))).toBe("not_found");
  });

  it("moderation: moderators and admins approve or reject with reasons; nobody else can", async () => {
    const w = await world("moderated.test");
    for (const actor of [w.owner, w.member, w.outsider]) {
      expect(await refusal(approveOrganisation(w.db, { userId: actor.id }, { organisationId: w.org.id, note: "looks fine" }))).toBe("forbidden");
      expect(await refusal(rejectOrganisation(w.db, { userId: actor.id }, { organisationId: w.org.id, reason: "not a real company" }))).toBe("forbidden");
    }
    expect(await refusal(approveOrganisation(w.db, { userId: w.moderator.id }, { organisationId: w.org.id, note: "Called the switchboard" }))).toBe("allowed");
    expect((await getOrganisationById(w.db, w.org.id))?.verificationMethod).toBe("moderator");
    expect(await refusal(rejectOrganisation(w.db, { userId: w.admin.id }, { organisationId: w.org.id, reason: "too late for this" }))).toBe("conflict");
    const second = await world("rejected.test");
    expect(await refusal(rejectOrganisation(second.db, { userId: second.admin.id }, { organisationId: second.org.id, reason: "No such company exists" }))).toBe(
      "allowed",
    );
    expect(await getOrganisationById(second.db, second.org.id)).toMatchObject({ status: "rejected", statusReason: "No such company exists" });
  });

  it("site roles: only admins change them, and never remove the last admin", async () => {
    const db = await getReadyDatabase();
    const admin = await person(db, "root@registry.test", "admin");
    const moderator = await person(db, "m@registry.test", "moderator");
    const someone = await person(db, "p@registry.test");
    expect(await refusal(changeSiteRole(db, { userId: moderator.id }, { userId: someone.id, role: "admin", reason: "" }))).toBe("forbidden");
    expect(await refusal(changeSiteRole(db, { userId: someone.id }, { userId: someone.id, role: "admin", reason: "" }))).toBe("forbidden");
    expect(await refusal(changeSiteRole(db, { userId: admin.id }, { userId: someone.id, role: "editor", reason: "policy team" }))).toBe("allowed");
    expect((await getUserById(db, someone.id))?.siteRole).toBe("editor");
    // Demote every other admin this suite created, then the last one cannot demote itself.
    for (const other of await db.query.users.findMany({ where: (u, { eq, and, ne }) => and(eq(u.siteRole, "admin"), ne(u.id, admin.id)) })) {
      await changeSiteRole(db, { userId: admin.id }, { userId: other.id, role: "member", reason: "" });
    }
    expect(await refusal(changeSiteRole(db, { userId: admin.id }, { userId: admin.id, role: "member", reason: "" }))).toBe("conflict");
  });
});
