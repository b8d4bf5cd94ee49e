import "server-only";
import { domainToASCII } from "node:url";
import type { DbOrTx } from "@/db/client";
import { closeJoinRequest, getJoinRequest, getLatestJoinRequest, insertJoinRequest, lockMemberships } from "@/db/queries/membership";
import {
  countOwners,
  deleteMembership,
  getMembership,
  getOrganisationById,
  insertAuditEntry,
  insertMembership,
  updateMembershipRole,
} from "@/db/queries/organisations";
import { getUserById } from "@/db/queries/users";
import type { Organisation } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { notifyOrganisation } from "@/lib/notifications/notify";
import { loadForActor } from "./access";
import { isEmailAtDomain } from "./domain";

/** After an owner declines, the same person may ask again only after this long (no nagging). */
export const REQUEST_AGAIN_AFTER_DAYS = 30;

/**
 * True when the address is at exactly the organisation's domain, not one of its subdomains. The
 * domain's own mailboxes are the proof that the domain's owner vouches for them; a subdomain may be
 * delegated (a hosting customer, a regional office's own mail server), so its people ask instead.
 */
export function isEmailAtExactDomain(email: string, domain: string): boolean {
  if (!isEmailAtDomain(email, domain)) return false;
  const host = (email.trim().toLowerCase().split("@")[1] ?? "").replace(/\.$/, "");
  return domainToASCII(host) === domain;
}

/** Organisations people join once their domain is proven; a claim is decided by proof, not by joining. */
function requireEstablished(org: Organisation, what: string) {
  if (org.status === "pending" || org.status === "rejected") {
    throw new AppError("forbidden", `${org.displayName} has not proven its domain, so it cannot ${what} yet.`);
  }
}

/**
 * Changes one person makes to another's place (promote, demote, remove) and leaving are audited;
 * joins, decided requests and accepted invitations are recorded in their own rows already.
 */
async function auditMembership(tx: DbOrTx, actorId: string, action: string, org: Organisation, reason: string, now: Date) {
  await insertAuditEntry(tx, { actorId, action: `membership.${action}`, targetType: "organisation", targetId: org.id, reason, createdAt: now });
}

/** The organisation and the user who wants in, refused when either is unknown or they are in already. */
async function loadJoiner(tx: DbOrTx, actor: { userId: string }, organisationId: string) {
  const [org, user, existing] = await Promise.all([
    getOrganisationById(tx, organisationId),
    getUserById(tx, actor.userId),
    getMembership(tx, organisationId, actor.userId),
  ]);
  if (!org || !user) throw new AppError("not_found", "No such organisation.");
  if (existing) throw new AppError("conflict", `You are already a member of ${org.displayName}.`);
  return { org, user };
}

/** A user whose confirmed sign-in email is at exactly the organisation's domain joins it as a member. */
export async function joinOrganisation(db: DbOrTx, actor: { userId: string }, organisationId: string, options: { now?: Date } = {}) {
  return db.transaction(async (tx) => {
    const { org, user } = await loadJoiner(tx, actor, organisationId);
    // A closed claim speaks for nobody: joining it would only add a member to nothing.
    if (org.status === "rejected")
      throw new AppError("conflict", `${org.displayName}'s claim to ${org.primaryDomain} is closed. Register the domain yourself to claim it.`);
    if (!user.emailVerified || !isEmailAtExactDomain(user.email, org.primaryDomain)) {
      const subdomain = user.emailVerified && isEmailAtDomain(user.email, org.primaryDomain);
      throw new AppError(
        "forbidden",
        subdomain
          ? `Your address is at a subdomain of ${org.primaryDomain}: ask to join, and an owner will decide.`
          : `Only people signed in with a confirmed address at ${org.primaryDomain} can join. Ask an owner to invite you.`,
      );
    }
    const now = options.now ?? new Date();
    await insertMembership(tx, { organisationId, userId: actor.userId, role: "member", createdAt: now });
    await notifyOrganisation(tx, {
      organisationId,
      kind: "membership.changed",
      facts: { member: user.email, change: "joined by proving an address at the domain", role: "member" },
      now,
    });
    return org;
  });
}

/**
 * Someone with a confirmed address on a subdomain of the organisation's domain asks to join; the
 * owners are told and one of them decides. Addresses elsewhere are invited by an owner instead,
 * so strangers cannot mail every owner.
 */
export async function requestToJoin(db: DbOrTx, actor: { userId: string }, organisationId: string, options: { now?: Date } = {}) {
  return db.transaction(async (tx) => {
    const { org, user } = await loadJoiner(tx, actor, organisationId);
    if (!user.emailVerified || !isEmailAtDomain(user.email, org.primaryDomain)) {
      throw new AppError(
        "forbidden",
        `Only people signed in with a confirmed address at ${org.primaryDomain} or one of its subdomains can ask to join. Ask an owner to invite you.`,
      );
    }
    if (isEmailAtExactDomain(user.email, org.primaryDomain)) throw new AppError("conflict", `Your address is at ${org.primaryDomain}: you can join directly.`);
    requireEstablished(org, "take requests to join");
    const now = options.now ?? new Date();
    const latest = await getLatestJoinRequest(tx, organisationId, actor.userId);
    if (latest?.status === "pending") throw new AppError("conflict", `You already asked to join ${org.displayName}; an owner will decide.`);
    if (latest?.status === "declined" && latest.decidedAt) {
      const again = new Date(latest.decidedAt.getTime() + REQUEST_AGAIN_AFTER_DAYS * 86_400_000);
      if (again > now)
        throw new AppError("conflict", `An owner of ${org.displayName} declined your request. You can ask again from ${again.toISOString().slice(0, 10)}.`);
    }
    const request = await insertJoinRequest(tx, { organisationId, userId: actor.userId, email: user.email, createdAt: now });
    await notifyOrganisation(tx, { organisationId, kind: "membership.requested", facts: { requester: user.email }, now });
    return { request, organisation: org };
  });
}

/** An owner approves (the person becomes a member) or declines a pending request to join. */
export async function decideJoinRequest(
  db: DbOrTx,
  actor: { userId: string },
  input: { organisationId: string; requestId: string; decision: "approve" | "decline" },
  options: { now?: Date } = {},
) {
  return db.transaction(async (tx) => {
    const { org } = await loadForActor(tx, actor, input.organisationId, "decideJoinRequest");
    const request = await getJoinRequest(tx, org.id, input.requestId);
    if (!request) throw new AppError("not_found", "No such request to join.");
    if (request.status !== "pending") throw new AppError("conflict", `That request was already ${request.status}.`);
    const now = options.now ?? new Date();
    const closed = await closeJoinRequest(tx, request.id, {
      status: input.decision === "approve" ? "approved" : "declined",
      decidedBy: actor.userId,
      decidedAt: now,
    });
    if (!closed) throw new AppError("conflict", "Another owner decided that request a moment ago.");
    if (input.decision === "approve") {
      // They may have joined another way (an invitation) since asking: approving then adds nothing.
      if (!(await getMembership(tx, org.id, request.userId)))
        await insertMembership(tx, { organisationId: org.id, userId: request.userId, role: "member", createdAt: now });
      await notifyOrganisation(tx, {
        organisationId: org.id,
        kind: "membership.changed",
        facts: { member: request.email, change: "joined: an owner approved the request", role: "member" },
        now,
      });
    }
    return { request: closed, organisation: org };
  });
}

/** A member leaves. The last owner cannot: the organisation would have nobody to speak for it. */
export async function leaveOrganisation(db: DbOrTx, actor: { userId: string }, organisationId: string, options: { now?: Date } = {}) {
  return db.transaction(async (tx) => {
    const [org, user] = await Promise.all([getOrganisationById(tx, organisationId), getUserById(tx, actor.userId)]);
    if (!org || !user) throw new AppError("not_found", "No such organisation.");
    await lockMemberships(tx, org.id);
    const membership = await getMembership(tx, org.id, actor.userId);
    if (!membership) throw new AppError("not_found", `You are not a member of ${org.displayName}.`);
    if (membership.role === "owner" && (await countOwners(tx, org.id)) <= 1) {
      throw new AppError("conflict", `You are the last owner of ${org.displayName}: make someone else an owner before you leave.`);
    }
    const now = options.now ?? new Date();
    await deleteMembership(tx, org.id, actor.userId);
    await auditMembership(tx, actor.userId, "leave", org, user.email, now);
    await notifyOrganisation(tx, {
      organisationId: org.id,
      kind: "membership.changed",
      facts: { member: user.email, change: "left the organisation" },
      extraUserIds: [actor.userId],
      now,
    });
    return org;
  });
}

/** Owners manage members: promote, demote, remove; an organisation always keeps one owner. */
export async function changeMember(
  db: DbOrTx,
  actor: { userId: string },
  input: { organisationId: string; userId: string; change: "promote" | "demote" | "remove" },
  options: { now?: Date } = {},
) {
  return db.transaction(async (tx) => {
    // Locked before the actor's own role is read: an owner demoted a moment ago acts no more.
    await lockMemberships(tx, input.organisationId);
    const { org } = await loadForActor(tx, actor, input.organisationId, "manageMembers");
    const target = await getMembership(tx, input.organisationId, input.userId);
    if (!target) throw new AppError("not_found", "That person is not a member of this organisation.");
    const losesOwner = target.role === "owner" && input.change !== "promote";
    if (losesOwner && (await countOwners(tx, input.organisationId)) <= 1) {
      throw new AppError("conflict", "An organisation needs at least one owner: promote someone else first.");
    }
    if (input.change === "remove") await deleteMembership(tx, input.organisationId, input.userId);
    else await updateMembershipRole(tx, input.organisationId, input.userId, input.change === "promote" ? "owner" : "member");
    const now = options.now ?? new Date();
    const email = (await getUserById(tx, input.userId))?.email ?? input.userId;
    await auditMembership(tx, actor.userId, input.change, org, email, now);
    const change = { promote: "is now an owner", demote: "is now a member (no longer an owner)", remove: "was removed by an owner" }[input.change];
    await notifyOrganisation(tx, {
      organisationId: org.id,
      kind: "membership.changed",
      facts: { member: email, change, ...(input.change === "remove" ? {} : { role: input.change === "promote" ? "owner" : "member" }) },
      extraUserIds: input.change === "remove" ? [input.userId] : [],
      now,
    });
  });
}
