import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getInvitationByTokenHash } from "@/db/queries/membership";
import { deleteMembership, getMembers, getMembership, insertMembership, insertOrganisation } from "@/db/queries/organisations";
import { insertUser } from "@/db/queries/users";
import { notificationOutbox } from "@/db/schema";
import {
  acceptInvitation,
  getInvitationPreview,
  hashInvitationToken,
  INVITATION_DAYS,
  inviteMember,
  MAX_OPEN_INVITATIONS,
  revokeInvitation,
} from "@/lib/orgs/invitations";
import { decideJoinRequest, isEmailAtExactDomain, joinOrganisation, requestToJoin } from "@/lib/orgs/membership";
import { rejectOrganisation } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { person, refusal, refusalMessage } from "../support/people";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

const day = 86_400_000;

describe.each(drivers)("joining, requests and invitations on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(async () => {
    await cleanup();
  });

  let counter = 0;
  /** A verified organisation at `charlie-<n>.test` with one owner. */
  async function world() {
    const db = await getReadyDatabase();
    const domain = `charlie-${++counter}.test`;
    const owner = await person(db, `owner@${domain}`);
    const org = await insertOrganisation(db, {
      slug: `charlie-${counter}`,
      legalName: "Charlie Ltd",
      displayName: `Charlie ${counter}`,
      primaryDomain: domain,
      country: "GB",
      sector: "software",
      status: "verified",
      verificationMethod: "moderator",
      verifiedAt: new Date(),
    });
    await insertMembership(db, { organisationId: org.id, userId: owner.id, role: "owner" });
    return { db, domain, org, owner };
  }

  const mailsTo = async (db: Db, address: string) => db.select().from(notificationOutbox).where(eq(notificationOutbox.toAddress, address));

  it("tells an exact domain from its subdomains and from look-alikes", () => {
    expect(isEmailAtExactDomain("carol@charlie.test", "charlie.test")).toBe(true);
    expect(isEmailAtExactDomain("Carol@CHARLIE.test", "charlie.test")).toBe(true);
    expect(isEmailAtExactDomain("a@eu.charlie.test", "charlie.test")).toBe(false);
    expect(isEmailAtExactDomain("a@evilcharlie.test", "charlie.test")).toBe(false);
    expect(isEmailAtExactDomain("a@charlie.test.evil.test", "charlie.test")).toBe(false);
    expect(isEmailAtExactDomain("not-an-address", "charlie.test")).toBe(false);
  });

  it("a confirmed address at exactly the domain joins; a subdomain asks; others and unconfirmed addresses are refused", async () => {
    const w = await world();
    const carol = await person(w.db, `carol@${w.domain}`);
    await joinOrganisation(w.db, { userId: carol.id }, w.org.id);
    expect((await getMembership(w.db, w.org.id, carol.id))?.role).toBe("member");
    expect(await refusal(joinOrganisation(w.db, { userId: carol.id }, w.org.id))).toBe("conflict");

    const regional = await person(w.db, `a@eu.${w.domain}`);
    expect(await refusalMessage(joinOrganisation(w.db, { userId: regional.id }, w.org.id))).toContain("ask to join");
    expect(await getMembership(w.db, w.org.id, regional.id)).toBeNull();

    const unconfirmed = await insertUser(w.db, { email: `new@${w.domain}` });
    expect(await refusal(joinOrganisation(w.db, { userId: unconfirmed.id }, w.org.id))).toBe("forbidden");
    expect(await refusal(requestToJoin(w.db, { userId: unconfirmed.id }, w.org.id))).toBe("forbidden");
    const stranger = await person(w.db, "x@elsewhere.test");
    expect(await refusal(joinOrganisation(w.db, { userId: stranger.id }, w.org.id))).toBe("forbidden");
    // Strangers are invited, never ask: otherwise anyone could mail every owner.
    expect(await refusal(requestToJoin(w.db, { userId: stranger.id }, w.org.id))).toBe("forbidden");
    expect(await refusal(requestToJoin(w.db, { userId: carol.id }, w.org.id))).toBe("conflict");
    const other = await person(w.db, `other@${w.domain}`);
    expect(await refusalMessage(requestToJoin(w.db, { userId: other.id }, w.org.id))).toContain("you can join directly");
  });

  it("a subdomain request tells the owners; an owner approves or declines; declined people wait before asking again", async () => {
    const w = await world();
    const regional = await person(w.db, `a@eu.${w.domain}`);
    const { request } = await requestToJoin(w.db, { userId: regional.id }, w.org.id);
    expect(request).toMatchObject({ status: "pending", email: regional.email });
    expect((await mailsTo(w.db, w.owner.email)).map((m) => m.kind)).toEqual(["membership.requested"]);
    expect((await mailsTo(w.db, w.owner.email))[0]?.textBody).toContain(regional.email);
    expect(await refusal(requestToJoin(w.db, { userId: regional.id }, w.org.id))).toBe("conflict");

    await decideJoinRequest(w.db, { userId: w.owner.id }, { organisationId: w.org.id, requestId: request.id, decision: "approve" });
    expect((await getMembership(w.db, w.org.id, regional.id))?.role).toBe("member");
    expect(await refusal(decideJoinRequest(w.db, { userId: w.owner.id }, { organisationId: w.org.id, requestId: request.id, decision: "decline" }))).toBe(
      "conflict",
    );
    // The new member is told too, with everyone else.
    expect((await mailsTo(w.db, regional.email)).map((m) => m.kind)).toEqual(["membership.changed"]);

    const asia = await person(w.db, `b@asia.${w.domain}`);
    const now = new Date("2030-03-01T12:00:00Z");
    const second = await requestToJoin(w.db, { userId: asia.id }, w.org.id, { now });
    await decideJoinRequest(w.db, { userId: w.owner.id }, { organisationId: w.org.id, requestId: second.request.id, decision: "decline" }, { now });
    expect(await getMembership(w.db, w.org.id, asia.id)).toBeNull();
    expect(await refusalMessage(requestToJoin(w.db, { userId: asia.id }, w.org.id, { now: new Date(now.getTime() + 29 * day) }))).toContain("declined");
    expect(await refusal(requestToJoin(w.db, { userId: asia.id }, w.org.id, { now: new Date(now.getTime() + 31 * day) }))).toBe("allowed");

    // A request id of another organisation finds nothing here.
    const other = await world();
    const elsewhere = await requestToJoin(other.db, { userId: (await person(other.db, `c@eu.${other.domain}`)).id }, other.org.id);
    expect(
      await refusal(decideJoinRequest(w.db, { userId: w.owner.id }, { organisationId: w.org.id, requestId: elsewhere.request.id, decision: "approve" })),
    ).toBe("not_found");
    expect(
      await refusal(decideJoinRequest(w.db, { userId: w.owner.id }, { organisationId: other.org.id, requestId: elsewhere.request.id, decision: "approve" })),
    ).toBe("forbidden");
  });

  it("a pending claim takes no requests and sends no invitations; a closed claim takes nobody", async () => {
    const db = await getReadyDatabase();
    const domain = `claim-${++counter}.test`;
    const owner = await person(db, `owner@${domain}`);
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: "Claim Ltd", displayName: "Claim", primaryDomain: domain, country: "GB", sector: "software" },
    );
    const regional = await person(db, `a@eu.${domain}`);
    expect(await refusal(requestToJoin(db, { userId: regional.id }, org.id))).toBe("forbidden");
    expect(await refusal(inviteMember(db, { userId: owner.id }, { organisationId: org.id, email: "friend@anywhere.test" }))).toBe("forbidden");
    await rejectOrganisation(
      db,
      { userId: (await person(db, "mod@registry.test", "moderator")).id },
      { organisationId: org.id, reason: "No such company could be found." },
    );
    const colleague = await person(db, `colleague@${domain}`);
    expect(await refusalMessage(joinOrganisation(db, { userId: colleague.id }, org.id))).toContain("is closed");
    expect(await getMembership(db, org.id, colleague.id)).toBeNull();
  });

  it("an invitation: mailed with a link, stored hashed, for the invited address only, used once", async () => {
    const w = await world();
    const invited = await person(w.db, "dana@contractor.test");
    const { token, url, invitation } = await inviteMember(
      w.db,
      { userId: w.owner.id },
      { organisationId: w.org.id, email: ` ${invited.email.toUpperCase()} ` },
    );
    expect(invitation.email).toBe(invited.email);
    expect(invitation.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(invitation)).not.toContain(token);
    expect(invitation.expiresAt.getTime() - invitation.createdAt.getTime()).toBe(INVITATION_DAYS * day);
    const [mail] = await mailsTo(w.db, invited.email);
    expect(mail?.textBody).toContain(url);
    expect(mail?.htmlBody).toContain(url);
    expect(url).toBe(`http://localhost:3000/dashboard/invitations/${token}`);
    expect(await getInvitationPreview(w.db, token)).toMatchObject({ state: "open", organisation: { id: w.org.id } });

    const wrong = await person(w.db, "eve@contractor.test");
    const message = await refusalMessage(acceptInvitation(w.db, { userId: wrong.id }, token));
    expect(message).toContain("Sign in with the invited address");
    expect(message).not.toContain(invited.email);
    expect(await getMembership(w.db, w.org.id, wrong.id)).toBeNull();
    expect(await refusal(acceptInvitation(w.db, { userId: invited.id }, "x".repeat(43)))).toBe("not_found");
    expect(await refusal(acceptInvitation(w.db, { userId: invited.id }, "not a token"))).toBe("not_found");

    await acceptInvitation(w.db, { userId: invited.id }, token);
    expect((await getMembership(w.db, w.org.id, invited.id))?.role).toBe("member");
    expect((await getInvitationByTokenHash(w.db, hashInvitationToken(token)))?.acceptedBy).toBe(invited.id);
    expect(await getInvitationPreview(w.db, token)).toMatchObject({ state: "accepted" });
    // Used once: leaving and coming back with the same link does not work.
    await deleteMembership(w.db, w.org.id, invited.id);
    expect(await refusalMessage(acceptInvitation(w.db, { userId: invited.id }, token))).toContain("already used");
    expect(await getMembership(w.db, w.org.id, invited.id)).toBeNull();
    // Members are not invited again.
    expect(await refusal(inviteMember(w.db, { userId: w.owner.id }, { organisationId: w.org.id, email: w.owner.email }))).toBe("invalid");
    expect(await refusal(inviteMember(w.db, { userId: w.owner.id }, { organisationId: w.org.id, email: "not-an-address" }))).toBe("invalid");
  });

  it("an invitation expires, can be withdrawn, and a newer one to the same address replaces it", async () => {
    const w = await world();
    const invited = await person(w.db, "fred@contractor.test");
    const now = new Date("2030-05-01T09:00:00Z");
    const first = await inviteMember(w.db, { userId: w.owner.id }, { organisationId: w.org.id, email: invited.email }, { now });
    const expiredAt = new Date(now.getTime() + INVITATION_DAYS * day);
    expect(await refusalMessage(acceptInvitation(w.db, { userId: invited.id }, first.token, { now: expiredAt }))).toContain("expired");
    expect(await getInvitationPreview(w.db, first.token, { now: expiredAt })).toMatchObject({ state: "expired" });

    const second = await inviteMember(w.db, { userId: w.owner.id }, { organisationId: w.org.id, email: invited.email }, { now });
    expect(await getInvitationPreview(w.db, first.token, { now })).toMatchObject({ state: "withdrawn" });
    await revokeInvitation(w.db, { userId: w.owner.id }, { organisationId: w.org.id, invitationId: second.invitation.id }, { now });
    expect(await refusalMessage(acceptInvitation(w.db, { userId: invited.id }, second.token, { now }))).toContain("withdrew");
    expect(await refusal(revokeInvitation(w.db, { userId: w.owner.id }, { organisationId: w.org.id, invitationId: second.invitation.id }, { now }))).toBe(
      "not_found",
    );

    const third = await inviteMember(w.db, { userId: w.owner.id }, { organisationId: w.org.id, email: invited.email }, { now });
    await acceptInvitation(w.db, { userId: invited.id }, third.token, { now: new Date(expiredAt.getTime() - 1000) });
    expect((await getMembers(w.db, w.org.id)).map((m) => m.email).sort()).toEqual([invited.email, w.owner.email].sort());
  });

  it("open invitations are bounded per organisation", async () => {
    const w = await world();
    for (let i = 0; i < MAX_OPEN_INVITATIONS; i++) await inviteMember(w.db, { userId: w.owner.id }, { organisationId: w.org.id, email: `p${i}@anywhere.test` });
    expect(await refusal(inviteMember(w.db, { userId: w.owner.id }, { organisationId: w.org.id, email: "one-more@anywhere.test" }))).toBe("rate_limited");
    expect(await mailsTo(w.db, "one-more@anywhere.test")).toEqual([]);
  });
});
