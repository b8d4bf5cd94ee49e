import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLatestAccordVersion, insertAccordVersion } from "@/db/queries/accord";
import { getLedgerSize } from "@/db/queries/ledger";
import { getMembers, getOrganisationById, insertMembership, insertOrganisation, updateMembershipRole } from "@/db/queries/organisations";
import {
  auditLog,
  commitmentRevisions,
  commitments,
  domainProofs,
  invitations,
  joinRequests,
  memberships,
  notificationOutbox,
  organisations,
  progressReports,
  signatures,
  type User,
} from "@/db/schema";
import { signAccord, withdrawSignature } from "@/lib/accord/sign";
import { hashAccordSnapshot, parseAccordSnapshot } from "@/lib/accord/version";
import { createCommitment, updateCommitment } from "@/lib/commitments/commitments";
import { inviteMember } from "@/lib/orgs/invitations";
import { changeMember, decideJoinRequest, joinOrganisation, leaveOrganisation, requestToJoin } from "@/lib/orgs/membership";
import { approveOrganisation, moderateOrganisation, rejectOrganisation, releaseClaim } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { publishReport } from "@/lib/reports/reports";
import { createCommitmentSchema } from "@/lib/validation/commitment";
import { publishReportSchema } from "@/lib/validation/report";
import { fullSignInput } from "../support/signing";
import { person, refusal, refusalMessage } from "../support/people";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

/** The kinds of people every mutation is tried by (an editor has a site role, but not one that acts on organisations). */
const people = ["owner", "member", "outsider", "editor", "moderatorMember", "moderator"] as const;
type Who = (typeof people)[number];

type World = { db: Db; org: { id: string; slug: string; displayName: string; primaryDomain: string }; domain: string } & Record<Who, User>;

const signer = { signerName: "Ada Lovelace", signerTitle: "Chief Executive Officer" };
const reason = "Repeated misrepresentation of the accord in public statements.";

/** Every row a refused attempt must leave alone, and the log's size. */
async function fingerprint(db: Db) {
  const tables = {
    organisations,
    memberships,
    signatures,
    commitments,
    commitmentRevisions,
    progressReports,
    joinRequests,
    invitations,
    auditLog,
    notificationOutbox,
    domainProofs,
  };
  const rows: Record<string, unknown> = { ledger: await getLedgerSize(db) };
  for (const [name, table] of Object.entries(tables)) {
    const all = (await db.select().from(table)) as Record<string, unknown>[];
    rows[name] = all.map((r) => JSON.stringify(r)).sort();
  }
  return rows;
}

let counter = 0;
const commitmentForm = (organisationId: string) =>
  createCommitmentSchema.parse({
    organisationId,
    principle: "defence-not-offence",
    title: "No offensive tooling",
    description: "We build none.",
    status: "planned",
    targetDate: "",
    evidenceLinks: "",
  });

describe.each(drivers)("the authorisation matrix on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(async () => {
    await cleanup();
  });

  /**
   * An organisation with an owner, a member and a moderator who is a member (all at the domain),
   * an outsider and a plain moderator. Verified directly in the database unless `pending`: the
   * matrix is about who may act, not about how a domain is proven.
   */
  async function world(options: { pending?: boolean } = {}): Promise<World> {
    const db = await getReadyDatabase();
    const domain = `matrix-${++counter}.test`;
    const owner = await person(db, `owner@${domain}`);
    let org;
    if (options.pending) {
      org = await registerOrganisation(
        db,
        { userId: owner.id },
        { legalName: `${domain} Ltd`, displayName: `Org ${counter}`, primaryDomain: domain, country: "DE", sector: "software" },
      );
    } else {
      const now = new Date();
      org = await insertOrganisation(db, {
        slug: `matrix-${counter}`,
        legalName: `${domain} Ltd`,
        displayName: `Org ${counter}`,
        primaryDomain: domain,
        country: "DE",
        sector: "software",
        status: "verified",
        verificationMethod: "moderator",
        verifiedAt: now,
      });
      await insertMembership(db, { organisationId: org.id, userId: owner.id, role: "owner" });
    }
    const member = await person(db, `member@${domain}`);
    const moderatorMember = await person(db, `moderator@${domain}`, "moderator");
    for (const m of [member, moderatorMember]) await joinOrganisation(db, { userId: m.id }, org.id);
    return {
      db,
      org,
      domain,
      owner,
      member,
      moderatorMember,
      outsider: await person(db, "someone@elsewhere.test"),
      editor: await person(db, "editor@registry.test", "editor"),
      moderator: await person(db, "mod@registry.test", "moderator"),
    };
  }

  type Case = {
    /** The mutation, as the issue names it. */
    name: string;
    allowed: readonly Who[];
    pending?: boolean;
    /** Refusal code for those not allowed (forbidden unless the rule says "you are not in it"). */
    refused?: "forbidden" | "not_found";
    /** State one attempt needs (a commitment to edit, a request to decide); run before every attempt. */
    prepare?: (w: World) => Promise<unknown>;
    run: (w: World, actor: User, prepared: unknown) => Promise<unknown>;
  };

  const cases: Case[] = [
    { name: "sign", allowed: ["owner"], run: async (w, a) => signAccord(w.db, { userId: a.id }, await fullSignInput(w.db, w.org.id, signer)) },
    {
      name: "withdraw",
      allowed: ["owner"],
      prepare: async (w) => signAccord(w.db, { userId: w.owner.id }, await fullSignInput(w.db, w.org.id, signer)).catch(() => null),
      run: (w, a) => withdrawSignature(w.db, { userId: a.id }, { organisationId: w.org.id, reason: "Our board decided to leave the accord." }),
    },
    {
      name: "publish report",
      allowed: ["owner"],
      prepare: async (w) => signAccord(w.db, { userId: w.owner.id }, await fullSignInput(w.db, w.org.id, signer)).catch(() => null),
      run: (w, a) =>
        publishReport(
          w.db,
          { userId: a.id },
          publishReportSchema.parse({
            organisationId: w.org.id,
            year: String(new Date().getUTCFullYear()),
            narrative: "We reviewed every product line this year and removed what could be used offensively.",
          }),
        ),
    },
    {
      name: "register commitment",
      allowed: ["owner", "member", "moderatorMember"],
      run: (w, a) => createCommitment(w.db, { userId: a.id }, commitmentForm(w.org.id)),
    },
    {
      name: "update commitment",
      allowed: ["owner", "member", "moderatorMember"],
      prepare: async (w) => (await createCommitment(w.db, { userId: w.owner.id }, commitmentForm(w.org.id))).commitment,
      run: (w, a, c) => {
        const commitment = c as { id: string; revision: number };
        return updateCommitment(
          w.db,
          { userId: a.id },
          {
            commitmentId: commitment.id,
            revision: commitment.revision,
            title: "No offensive tooling, audited",
            description: "",
            status: "in_progress",
            targetDate: null,
            evidenceLinks: [],
          },
        );
      },
    },
    {
      name: "invite",
      allowed: ["owner"],
      run: (w, a) => inviteMember(w.db, { userId: a.id }, { organisationId: w.org.id, email: `new-${++counter}@anywhere.test` }),
    },
    {
      name: "decide join request",
      allowed: ["owner"],
      prepare: async (w) => (await requestToJoin(w.db, { userId: (await person(w.db, `asks@eu.${w.domain}`)).id }, w.org.id)).request,
      run: (w, a, r) => decideJoinRequest(w.db, { userId: a.id }, { organisationId: w.org.id, requestId: (r as { id: string }).id, decision: "approve" }),
    },
    {
      name: "change member",
      allowed: ["owner"],
      prepare: async (w) => {
        const spare = await person(w.db, `spare@${w.domain}`);
        await joinOrganisation(w.db, { userId: spare.id }, w.org.id);
        return spare;
      },
      run: (w, a, spare) => changeMember(w.db, { userId: a.id }, { organisationId: w.org.id, userId: (spare as User).id, change: "promote" }),
    },
    {
      name: "leave",
      allowed: ["member", "moderatorMember", "owner"],
      refused: "not_found",
      // The owner may leave only while another owner remains.
      prepare: async (w) => {
        const next = await person(w.db, `next-owner@${w.domain}`);
        await insertMembership(w.db, { organisationId: w.org.id, userId: next.id, role: "owner" });
      },
      run: (w, a) => leaveOrganisation(w.db, { userId: a.id }, w.org.id),
    },
    {
      name: "approve",
      pending: true,
      allowed: ["moderator"],
      run: (w, a) => approveOrganisation(w.db, { userId: a.id }, { organisationId: w.org.id, note: "Called the switchboard." }),
    },
    {
      name: "reject",
      pending: true,
      allowed: ["moderator"],
      run: (w, a) => rejectOrganisation(w.db, { userId: a.id }, { organisationId: w.org.id, reason: "No such company could be found." }),
    },
    {
      name: "release",
      pending: true,
      allowed: ["moderator"],
      run: (w, a) => releaseClaim(w.db, { userId: a.id }, { organisationId: w.org.id, reason: "The claimant does not work there." }),
    },
    {
      name: "suspend",
      allowed: ["moderator"],
      run: (w, a) => moderateOrganisation(w.db, { userId: a.id }, { organisationId: w.org.id, change: "suspend", reason }),
    },
    {
      name: "delist",
      allowed: ["moderator"],
      run: (w, a) => moderateOrganisation(w.db, { userId: a.id }, { organisationId: w.org.id, change: "delist", reason }),
    },
    {
      name: "reinstate",
      allowed: ["moderator"],
      prepare: async (w) => {
        if ((await getOrganisationById(w.db, w.org.id))?.status === "verified")
          await moderateOrganisation(w.db, { userId: w.moderator.id }, { organisationId: w.org.id, change: "suspend", reason });
      },
      run: (w, a) =>
        moderateOrganisation(w.db, { userId: a.id }, { organisationId: w.org.id, change: "reinstate", reason: "The statements were corrected publicly." }),
    },
  ];

  for (const c of cases) {
    it(`${c.name}: ${c.allowed.join(", ")} may; everyone else is refused and nothing changes`, async () => {
      const w = await world({ pending: c.pending });
      const forbidden = people.filter((p) => !c.allowed.includes(p));
      for (const who of [...forbidden, ...c.allowed]) {
        const prepared = await c.prepare?.(w);
        const before = await fingerprint(w.db);
        const outcome = await refusal(c.run(w, w[who], prepared));
        if (c.allowed.includes(who)) {
          expect(outcome, `${c.name} by ${who}`).toBe("allowed");
        } else {
          expect(outcome, `${c.name} by ${who}`).toBe(c.refused ?? "forbidden");
          expect(await fingerprint(w.db), `${c.name} by ${who} changed nothing`).toEqual(before);
        }
      }
    });
  }

  it("re-affirm: owners only; a moderator who belongs to the organisation is refused like any member", async () => {
    const w = await world();
    await signAccord(w.db, { userId: w.owner.id }, await fullSignInput(w.db, w.org.id, signer));
    const latest = (await getLatestAccordVersion(w.db))!;
    const snapshot = parseAccordSnapshot(latest.content);
    const changed = { ...snapshot, preamble: { ...snapshot.preamble, summary: `${snapshot.preamble.summary} (revised for the matrix)` } };
    await insertAccordVersion(w.db, { number: latest.number + 1, contentHash: hashAccordSnapshot(changed), changelog: "Revised summary.", content: changed });
    for (const who of ["member", "outsider", "editor", "moderatorMember", "moderator"] as const) {
      const before = await fingerprint(w.db);
      expect(await refusal(signAccord(w.db, { userId: w[who].id }, await fullSignInput(w.db, w.org.id, signer))), who).toBe("forbidden");
      expect(await fingerprint(w.db)).toEqual(before);
    }
    expect((await signAccord(w.db, { userId: w.owner.id }, await fullSignInput(w.db, w.org.id, signer))).reaffirmation).toBe(true);
  });

  it("a moderator never acts on their own organisation, and is told why; members are told who may", async () => {
    const w = await world();
    expect(await refusalMessage(moderateOrganisation(w.db, { userId: w.moderatorMember.id }, { organisationId: w.org.id, change: "suspend", reason }))).toBe(
      `You belong to ${w.org.displayName}; another moderator must decide.`,
    );
    expect(
      await refusalMessage(publishReport(w.db, { userId: w.member.id }, { organisationId: w.org.id, year: 2026, narrative: "x".repeat(60), items: [] })),
    ).toBe(`Only owners of ${w.org.displayName} can publish the yearly report.`);
    const pending = await world({ pending: true });
    expect(
      await refusalMessage(approveOrganisation(pending.db, { userId: pending.moderatorMember.id }, { organisationId: pending.org.id, note: "I work there." })),
    ).toBe(`You belong to ${pending.org.displayName}; another moderator must decide.`);
    // A claim that is not public yet is not named to outsiders.
    expect(
      await refusalMessage(
        changeMember(pending.db, { userId: pending.outsider.id }, { organisationId: pending.org.id, userId: pending.member.id, change: "remove" }),
      ),
    ).toBe("Only owners of this organisation can manage members.");
  });

  it("the last owner cannot leave, be removed or be demoted; with a second owner they can", async () => {
    const w = await world();
    const before = await fingerprint(w.db);
    expect(await refusal(leaveOrganisation(w.db, { userId: w.owner.id }, w.org.id))).toBe("conflict");
    expect(await refusal(changeMember(w.db, { userId: w.owner.id }, { organisationId: w.org.id, userId: w.owner.id, change: "remove" }))).toBe("conflict");
    expect(await refusal(changeMember(w.db, { userId: w.owner.id }, { organisationId: w.org.id, userId: w.owner.id, change: "demote" }))).toBe("conflict");
    expect(await fingerprint(w.db)).toEqual(before);
    await changeMember(w.db, { userId: w.owner.id }, { organisationId: w.org.id, userId: w.member.id, change: "promote" });
    await leaveOrganisation(w.db, { userId: w.owner.id }, w.org.id);
    expect((await getMembers(w.db, w.org.id)).map((m) => [m.userId, m.role]).sort()).toEqual(
      [
        [w.member.id, "owner"],
        [w.moderatorMember.id, "member"],
      ].sort(),
    );
    expect(await refusal(leaveOrganisation(w.db, { userId: w.member.id }, w.org.id))).toBe("conflict");
    // Two owners demoting each other at once: the second finds they are no longer an owner.
    await updateMembershipRole(w.db, w.org.id, w.moderatorMember.id, "owner");
    const results = await Promise.all([
      refusal(changeMember(w.db, { userId: w.member.id }, { organisationId: w.org.id, userId: w.moderatorMember.id, change: "demote" })),
      refusal(changeMember(w.db, { userId: w.moderatorMember.id }, { organisationId: w.org.id, userId: w.member.id, change: "demote" })),
    ]);
    expect(results.sort()).toEqual(["allowed", "forbidden"]);
    expect((await getMembers(w.db, w.org.id)).filter((m) => m.role === "owner")).toHaveLength(1);
  });
});
