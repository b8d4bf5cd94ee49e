import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { consumeInvitation, countOpenInvitations, getInvitationByTokenHash, insertInvitation, revokeOpenInvitations } from "@/db/queries/membership";
import { getMembers, getMembership, getOrganisationById, insertAuditEntry, insertMembership } from "@/db/queries/organisations";
import { getUserById } from "@/db/queries/users";
import type { Invitation } from "@/db/schema";
import { formatUtc } from "@/lib/email/layout";
import { renderNotificationEmail } from "@/lib/email/magic-link";
import { AppError } from "@/lib/errors";
import { notifyOrganisation, queueEmail } from "@/lib/notifications/notify";
import { absoluteUrl, siteName } from "@/lib/site";
import { invitationEmailSchema } from "@/lib/validation/membership";
import { loadForActor } from "./access";
import { invitationPath } from "@/lib/paths";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;
/** Open invitations per organisation: enough for a team, too few to use the registry as a mailer. */
export const MAX_OPEN_INVITATIONS = 20;

/** Only the hash is stored: a copy of the database cannot be turned into working links. */
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Tokens are 43 base64url characters. */
export const invitationTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** "c•••@charlie.test": enough for the right person to recognise, little for anyone else. */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}

/**
 * An owner invites a colleague by email. The mail carries a single-use link that works for
 * INVITATION_DAYS days and only for that address; a newer invitation to the same address replaces
 * the older one. The owner's word is the proof, so the address may be at any domain.
 */
export async function inviteMember(db: DbOrTx, actor: { userId: string }, input: { organisationId: string; email: string }, options: { now?: Date } = {}) {
  const parsed = invitationEmailSchema.safeParse(input.email);
  if (!parsed.success)
    throw new AppError("invalid", "Please correct the highlighted fields.", { email: parsed.error.issues[0]?.message ?? "is not an email address" });
  const email = parsed.data;
  return db.transaction(async (tx) => {
    const { org, user } = await loadForActor(tx, actor, input.organisationId, "inviteMember");
    if (org.status === "pending" || org.status === "rejected") {
      throw new AppError("forbidden", `${org.displayName} has not proven its domain, so it cannot invite colleagues yet.`);
    }
    const members = await getMembers(tx, org.id);
    if (members.some((m) => m.email.toLowerCase() === email))
      throw new AppError("invalid", "Please correct the highlighted fields.", { email: `is already a member of ${org.displayName}` });
    const now = options.now ?? new Date();
    await revokeOpenInvitations(tx, org.id, { email }, now);
    if ((await countOpenInvitations(tx, org.id, now)) >= MAX_OPEN_INVITATIONS) {
      throw new AppError(
        "rate_limited",
        `${org.displayName} has ${MAX_OPEN_INVITATIONS} open invitations. Withdraw some, or wait until they are used or expire.`,
      );
    }
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
    const invitation = await insertInvitation(tx, {
      organisationId: org.id,
      email,
      tokenHash: hashInvitationToken(token),
      invitedBy: user.id,
      expiresAt,
      createdAt: now,
    });
    const url = absoluteUrl(invitationPath(token));
    const mail = renderNotificationEmail({
      title: `Join ${org.displayName} on the ${siteName}`,
      paragraphs: [
        `${user.email}, an owner of ${org.displayName} (${org.primaryDomain}), invites you to join it as a member in the ${siteName}.`,
        `Sign in as ${email} and open the link to accept. It works once, until ${formatUtc(expiresAt)}.`,
        "If you did not expect this, ignore this email: nothing happens unless you accept.",
      ],
      action: { label: "Accept the invitation", url },
    });
    await queueEmail(tx, {
      to: email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      key: `invitation:${invitation.id}`,
      now,
      organisationId: org.id,
      kind: "membership.invited",
    });
    await insertAuditEntry(tx, { actorId: user.id, action: "membership.invite", targetType: "organisation", targetId: org.id, reason: email, createdAt: now });
    return { invitation, token, url };
  });
}

/** An owner withdraws an open invitation: its link stops working. */
export async function revokeInvitation(
  db: DbOrTx,
  actor: { userId: string },
  input: { organisationId: string; invitationId: string },
  options: { now?: Date } = {},
) {
  return db.transaction(async (tx) => {
    const { org } = await loadForActor(tx, actor, input.organisationId, "inviteMember");
    const now = options.now ?? new Date();
    const revoked = await revokeOpenInvitations(tx, org.id, { id: input.invitationId }, now);
    if (revoked.length === 0) throw new AppError("not_found", "No open invitation to withdraw: it was used, withdrawn or expired.");
    await insertAuditEntry(tx, {
      actorId: actor.userId,
      action: "membership.revoke_invitation",
      targetType: "organisation",
      targetId: org.id,
      reason: input.invitationId,
      createdAt: now,
    });
    return org;
  });
}

export type InvitationState = "open" | "accepted" | "withdrawn" | "expired";

function stateOf(invitation: Invitation, now: Date): InvitationState {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "withdrawn";
  if (invitation.expiresAt <= now) return "expired";
  return "open";
}

/** What the acceptance page shows for a token, or null when no invitation has it. */
export async function getInvitationPreview(db: DbOrTx, token: string, options: { now?: Date } = {}) {
  if (!invitationTokenPattern.test(token)) return null;
  const invitation = await getInvitationByTokenHash(db, hashInvitationToken(token));
  if (!invitation) return null;
  const org = await getOrganisationById(db, invitation.organisationId);
  if (!org) return null;
  return {
    state: stateOf(invitation, options.now ?? new Date()),
    organisation: { id: org.id, displayName: org.displayName, slug: org.slug, primaryDomain: org.primaryDomain },
    email: invitation.email,
    expiresAt: invitation.expiresAt,
  };
}

/**
 * The invited person, signed in with the invited address, accepts and becomes a member. The link
 * works once: the row is consumed in the same statement that checks it is still open, so two
 * tabs cannot both use it.
 */
export async function acceptInvitation(db: DbOrTx, actor: { userId: string }, token: string, options: { now?: Date } = {}) {
  const notValid = new AppError("not_found", "This invitation link is not valid. Check that you copied all of it, or ask an owner for a new one.");
  if (!invitationTokenPattern.test(token)) throw notValid;
  return db.transaction(async (tx) => {
    const invitation = await getInvitationByTokenHash(tx, hashInvitationToken(token));
    if (!invitation) throw notValid;
    const [org, user] = await Promise.all([getOrganisationById(tx, invitation.organisationId), getUserById(tx, actor.userId)]);
    if (!org || !user) throw notValid;
    const now = options.now ?? new Date();
    const state = stateOf(invitation, now);
    if (state === "accepted") throw new AppError("conflict", "This invitation was already used. Ask an owner for a new one if you still need it.");
    if (state === "withdrawn") throw new AppError("conflict", "An owner withdrew this invitation. Ask them for a new one.");
    if (state === "expired") throw new AppError("conflict", `This invitation expired on ${formatUtc(invitation.expiresAt)}. Ask an owner for a new one.`);
    if (!user.emailVerified || user.email.toLowerCase() !== invitation.email) {
      throw new AppError(
        "forbidden",
        `This invitation is for ${maskEmail(invitation.email)}, and you are signed in as ${user.email}. Sign in with the invited address to accept it.`,
      );
    }
    if (await getMembership(tx, org.id, user.id)) throw new AppError("conflict", `You are already a member of ${org.displayName}.`);
    const consumed = await consumeInvitation(tx, invitation.id, user.id, now);
    if (!consumed) throw new AppError("conflict", "This invitation was already used. Ask an owner for a new one if you still need it.");
    await insertMembership(tx, { organisationId: org.id, userId: user.id, role: "member", createdAt: now });
    await notifyOrganisation(tx, {
      organisationId: org.id,
      kind: "membership.changed",
      facts: { member: user.email, change: "joined by an owner's invitation", role: "member" },
      now,
    });
    return org;
  });
}
