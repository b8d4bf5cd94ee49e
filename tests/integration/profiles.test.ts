import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPublicProfile } from "@/db/queries/profiles";
import { insertUser, setUserSiteRole } from "@/db/queries/users";
import { signAccord, withdrawSignature } from "@/lib/accord/sign";
import { createCommitment } from "@/lib/commitments/commitments";
import { joinOrganisation } from "@/lib/orgs/membership";
import { moderateOrganisation, rejectOrganisation } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { publishReport } from "@/lib/reports/reports";
import { createCommitmentSchema } from "@/lib/validation/commitment";
import { publishReportSchema } from "@/lib/validation/report";
import { fullSignInput } from "../support/signing";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

let counter = 0;
async function person(db: Db, email: string) {
  return insertUser(db, { email: email.replace("@", `+${++counter}@`), emailVerified: new Date() });
}

const DAY = 24 * 60 * 60 * 1000;

describe.each(drivers)("public profiles on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(async () => {
    await cleanup();
  });

  /** A verified, signed organisation with an owner and a member; every user id, to look for leaks. */
  async function signatory(domain: string) {
    const db = await getReadyDatabase();
    const owner = await person(db, `owner@${domain}`);
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      {
        legalName: `${domain} GmbH`,
        displayName: `Org ${domain}`,
        primaryDomain: domain,
        country: "DE",
        sector: "cybersecurity",
        description: "We build firewalls.",
      },
    );
    const member = await person(db, `member@${domain}`);
    await joinOrganisation(db, { userId: member.id }, org.id);
    await verifyByEmailDomain(db, { userId: owner.id }, org.id);
    const signed = await signAccord(db, { userId: owner.id }, await fullSignInput(db, org.id, { signerName: "Grace Hopper", signerTitle: "Chief Executive" }));
    const moderator = await person(db, "mod@registry.test");
    await setUserSiteRole(db, moderator.id, "moderator");
    return { db, org, owner, member, moderator, signed, userIds: [owner.id, member.id, moderator.id] };
  }

  /** The profile must never carry an email address or a user id, however it is serialised. */
  function expectNothingPrivate(profile: unknown, userIds: string[]) {
    const json = JSON.stringify(profile);
    expect(json).not.toContain("@");
    for (const id of userIds) expect(json).not.toContain(id);
  }

  it("a signatory's profile: identity, proof, current signature, commitments by principle, reports and its ledger events", async () => {
    const w = await signatory("profile.test");
    const commitment = (fields: Record<string, string>) =>
      createCommitment(
        w.db,
        { userId: w.member.id },
        createCommitmentSchema.parse({
          organisationId: w.org.id,
          principle: "defence-not-offence",
          title: "No offensive tooling",
          description: "We never build offensive tools.\n\nAudited yearly.",
          status: "planned",
          targetDate: "2027-06-30",
          evidenceLinks: "https://policy.example/offence",
          ...fields,
        }),
      );
    const a = await commitment({});
    const b = await commitment({ principle: "lawful-process-only", title: "Transparency reports", status: "in_progress", targetDate: "", evidenceLinks: "" });
    const c = await commitment({ title: "Independent audit", status: "achieved" });
    const year = new Date().getUTCFullYear();
    const { report } = await publishReport(
      w.db,
      { userId: w.owner.id },
      publishReportSchema.parse({
        organisationId: w.org.id,
        year: String(year),
        narrative: "We audited every product line and removed what could be used offensively.",
        [`status-${a.commitment.id}`]: "in_progress",
        [`status-${b.commitment.id}`]: "in_progress",
        [`status-${c.commitment.id}`]: "achieved",
      }),
    );

    const profile = await getPublicProfile(w.org.slug);
    expect(profile).not.toBeNull();
    expect(profile!.organisation).toEqual({
      slug: w.org.slug,
      name: "Org profile.test",
      legalName: "profile.test GmbH",
      domain: "profile.test",
      website: null,
      description: "We build firewalls.",
      country: "DE",
      countryName: "Germany",
      sector: "cybersecurity",
      sectorLabel: "Cybersecurity",
      status: "verified",
      statusReason: null,
      verificationMethod: "email_domain",
      verifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(profile!.activeSignatures).toEqual([
      {
        version: w.signed.signature.accordVersion,
        contentHash: w.signed.signature.contentHash,
        signerName: "Grace Hopper",
        signerTitle: "Chief Executive",
        signedAt: w.signed.signature.signedAt.toISOString(),
        ledgerIndex: w.signed.ledgerIndex,
        withdrawal: null,
      },
    ]);
    expect(profile!.withdrawnSignatures).toEqual([]);
    expect(profile!.latestVersion).toBe(w.signed.signature.accordVersion);

    // Grouped in the accord's order, each commitment under its principle, in the order made.
    expect(profile!.commitmentCount).toBe(3);
    expect(profile!.commitmentsByPrinciple.map((g) => [g.principle.slug, g.principle.number, g.commitments.map((x) => [x.title, x.status])])).toEqual([
      [
        "defence-not-offence",
        1,
        [
          ["No offensive tooling", "in_progress"],
          ["Independent audit", "achieved"],
        ],
      ],
      ["lawful-process-only", 4, [["Transparency reports", "in_progress"]]],
    ]);
    const first = profile!.commitmentsByPrinciple[0]!.commitments[0]!;
    expect(first).toMatchObject({
      id: a.commitment.id,
      evidenceLinks: ["https://policy.example/offence"],
      targetDate: "2027-06-30",
      revision: 2,
      description: "We never build offensive tools.\n\nAudited yearly.",
    });
    expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);

    expect(profile!.reports).toEqual([{ year, publishedAt: report.publishedAt.toISOString(), ledgerIndex: report.ledgerIndex, revisions: 1 }]);
    // A report was just published: the next one is a year away, nothing overdue.
    expect(profile!.reportDue).toMatchObject({ overdue: false, daysLate: 0 });

    // The timeline is this organisation's ledger events, newest first, parsed.
    const kinds = profile!.timeline.map((t) => t.event.kind);
    expect(kinds[0]).toBe("progress.reported");
    expect(kinds.at(-1)).toBe("organisation.verified");
    expect(kinds.filter((k) => k === "commitment.registered")).toHaveLength(3);
    expect(kinds).toContain("accord.signed");
    expect(profile!.timeline.map((t) => t.index)).toEqual([...profile!.timeline.map((t) => t.index)].sort((x, y) => y - x));
    expect(profile!.timeline.every((t) => !("organisation" in t.event) || t.event.organisation.slug === w.org.slug)).toBe(true);
    expect(profile!.timelineTruncated).toBe(false);

    expectNothingPrivate(profile, w.userIds);
  });

  it("report overdue: computed from the first standing signature, 90 days after the report falls due", async () => {
    const w = await signatory("overdue.test");
    const signedAt = w.signed.signature.signedAt.getTime();
    const dueAt = signedAt + 365 * DAY;
    expect((await getPublicProfile(w.org.slug, new Date(dueAt + 30 * DAY)))!.reportDue).toMatchObject({ overdue: false });
    const late = (await getPublicProfile(w.org.slug, new Date(dueAt + 120 * DAY)))!.reportDue;
    expect(late).toMatchObject({ overdue: true });
    expect(late!.daysLate).toBeGreaterThanOrEqual(119);
  });

  it("a withdrawn signature stays visible with its date, reason and ledger entry; nothing is due any more", async () => {
    const w = await signatory("withdrawn.test");
    const reason = "We are restructuring and will sign again once our new policies are approved.";
    const { withdrawn } = await withdrawSignature(w.db, { userId: w.owner.id }, { organisationId: w.org.id, reason });
    const profile = await getPublicProfile(w.org.slug);
    expect(profile!.organisation.status).toBe("verified");
    expect(profile!.activeSignatures).toEqual([]);
    expect(profile!.withdrawnSignatures).toEqual([
      expect.objectContaining({
        version: w.signed.signature.accordVersion,
        signerName: "Grace Hopper",
        ledgerIndex: w.signed.ledgerIndex,
        withdrawal: { at: withdrawn[0]!.withdrawnAt!.toISOString(), reason, ledgerIndex: withdrawn[0]!.withdrawalLedgerIndex },
      }),
    ]);
    expect(profile!.timeline[0]!.event).toMatchObject({ kind: "signature.withdrawn", reason });
    expect(profile!.reportDue).toBeNull();
    expectNothingPrivate(profile, w.userIds);
  });

  it("suspended and delisted organisations stay visible with their public reason", async () => {
    const w = await signatory("suspended-profile.test");
    const reason = "Under investigation for supplying intrusion tools";
    await moderateOrganisation(w.db, { userId: w.moderator.id }, { organisationId: w.org.id, change: "suspend", reason });
    const suspended = await getPublicProfile(w.org.slug);
    expect(suspended!.organisation).toMatchObject({ status: "suspended", statusReason: reason });
    expect(suspended!.activeSignatures).toHaveLength(1);
    expect(suspended!.timeline[0]!.event).toMatchObject({ kind: "organisation.suspended", reason });
    expectNothingPrivate(suspended, w.userIds);

    await moderateOrganisation(w.db, { userId: w.moderator.id }, { organisationId: w.org.id, change: "delist", reason: "Investigation confirmed the supply" });
    expect((await getPublicProfile(w.org.slug))!.organisation).toMatchObject({ status: "delisted", statusReason: "Investigation confirmed the supply" });
  });

  it("pending and rejected organisations, unknown and malformed slugs have no profile", async () => {
    const db = await getReadyDatabase();
    const owner = await person(db, "owner@pending-profile.test");
    const pending = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: "Pending Ltd", displayName: "Pending", primaryDomain: "pending-profile.test", country: "FR", sector: "software" },
    );
    expect(await getPublicProfile(pending.slug)).toBeNull();

    const other = await person(db, "owner@rejected-profile.test");
    const rejected = await registerOrganisation(
      db,
      { userId: other.id },
      { legalName: "Rejected Ltd", displayName: "Rejected", primaryDomain: "rejected-profile.test", country: "FR", sector: "software" },
    );
    const moderator = await person(db, "mod@registry.test");
    await setUserSiteRole(db, moderator.id, "moderator");
    await rejectOrganisation(db, { userId: moderator.id }, { organisationId: rejected.id, reason: "No such company exists" });
    expect(await getPublicProfile(rejected.slug)).toBeNull();

    for (const slug of ["no-such-organisation", "", "UPPER", "../etc/passwd", "x".repeat(200)]) expect(await getPublicProfile(slug), slug).toBeNull();
  });
});
