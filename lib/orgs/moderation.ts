import "server-only";
import type { DbOrTx } from "@/db/client";
import { insertAuditEntry, insertDomainProof, updateOrganisationStatus } from "@/db/queries/organisations";
import { AppError } from "@/lib/errors";
import { appendEvent } from "@/lib/ledger/io/log";
import type { ModerateInput } from "@/lib/validation/organisation";
import { publicOrganisation } from "./public";
import { loadForActor } from "./access";
import { claimOf, closeClaim, proveClaim, requireLiveClaim } from "./claims";
import { getUserById } from "@/db/queries/users";
import { refreshSignatoryListing } from "@/db/queries/listings";
import { notifyOrganisation } from "@/lib/notifications/notify";

/**
 * A moderator approves one pending claim: verified by moderator, logged publicly, audited. The
 * claimant the moderator approved becomes the owner and the note is recorded with the proof
 * (shown to the organisation); ownership then follows the same rule as any proof (./claims.ts).
 */
export async function approveOrganisation(
  db: DbOrTx,
  actor: { userId: string },
  input: { organisationId: string; note: string },
  options: { now?: Date } = {},
) {
  return db.transaction(async (tx) => {
    const { org } = await loadForActor(tx, actor, input.organisationId, "approve");
    if (org.status !== "pending") throw new AppError("conflict", `${org.displayName} is ${org.status}, not pending.`);
    const now = options.now ?? new Date();
    const claim = await claimOf(tx, org, now);
    requireLiveClaim(org, claim, now);
    const claimant = claim.claimantId ? await getUserById(tx, claim.claimantId) : null;
    if (!claimant)
      throw new AppError("conflict", `The person who claimed ${org.primaryDomain} no longer has an account: reject or release this claim instead.`);
    const verified = await proveClaim(tx, {
      org,
      method: "moderator",
      prover: { id: claimant.id, email: claimant.email },
      actorId: actor.userId,
      detail: input.note,
      now,
    });
    await insertAuditEntry(tx, {
      actorId: actor.userId,
      action: "organisation.approve",
      targetType: "organisation",
      targetId: org.id,
      reason: input.note,
      createdAt: now,
    });
    return verified;
  });
}

/** A moderator rejects a pending claim with a reason the claimants can read: the domain is free again. Audited. */
export async function rejectOrganisation(
  db: DbOrTx,
  actor: { userId: string },
  input: { organisationId: string; reason: string },
  options: { now?: Date } = {},
) {
  return db.transaction(async (tx) => {
    const { org } = await loadForActor(tx, actor, input.organisationId, "reject");
    if (org.status !== "pending") throw new AppError("conflict", `${org.displayName} is ${org.status}, not pending.`);
    const now = options.now ?? new Date();
    await insertDomainProof(tx, {
      organisationId: org.id,
      method: "moderator",
      outcome: "rejected",
      detail: input.reason,
      actorId: actor.userId,
      createdAt: now,
    });
    await insertAuditEntry(tx, {
      actorId: actor.userId,
      action: "organisation.reject",
      targetType: "organisation",
      targetId: org.id,
      reason: input.reason,
      createdAt: now,
    });
    return closeClaim(tx, await claimOf(tx, org, now), org, { status: "rejected", reason: input.reason, actorId: actor.userId, now });
  });
}

/**
 * A moderator releases an open claim with a reason (say, a claim that plainly squats a domain):
 * the claim closes, the domain is free for others, the claimant is told. Audited, not logged:
 * a claim was never public.
 */
export async function releaseClaim(db: DbOrTx, actor: { userId: string }, input: { organisationId: string; reason: string }, options: { now?: Date } = {}) {
  return db.transaction(async (tx) => {
    const { org } = await loadForActor(tx, actor, input.organisationId, "release");
    if (org.status !== "pending") throw new AppError("conflict", `${org.displayName} is ${org.status}: only an open claim can be released.`);
    const now = options.now ?? new Date();
    const claim = await claimOf(tx, org, now);
    if (claim.status !== "open") throw new AppError("conflict", `This claim is already ${claim.status}.`);
    return closeClaim(tx, claim, org, { status: "released", reason: `Released by a moderator: ${input.reason}`, actorId: actor.userId, now });
  });
}

const transitions = {
  suspend: { from: ["verified"], to: "suspended", event: "organisation.suspended", done: "suspended" },
  delist: { from: ["verified", "suspended"], to: "delisted", event: "organisation.delisted", done: "delisted" },
  reinstate: { from: ["suspended", "delisted"], to: "verified", event: "organisation.reinstated", done: "reinstated" },
} as const;

/**
 * A moderator suspends, delists or reinstates a verified organisation with a public reason. The
 * organisation stays visible with the reason; the change is audited and logged, never silent.
 */
export async function moderateOrganisation(db: DbOrTx, actor: { userId: string }, input: ModerateInput, options: { now?: Date } = {}) {
  return db.transaction(async (tx) => {
    const { org } = await loadForActor(tx, actor, input.organisationId, input.change);
    const rule = transitions[input.change];
    if (!(rule.from as readonly string[]).includes(org.status)) {
      throw new AppError("conflict", `${org.displayName} is ${org.status}; it cannot be ${rule.done}.`);
    }
    const now = options.now ?? new Date();
    const updated = await updateOrganisationStatus(tx, org.id, { status: rule.to, statusReason: input.change === "reinstate" ? null : input.reason });
    await insertAuditEntry(tx, {
      actorId: actor.userId,
      action: `organisation.${input.change}`,
      targetType: "organisation",
      targetId: org.id,
      reason: input.reason,
      createdAt: now,
    });
    const entry = await appendEvent(tx, { kind: rule.event, at: now.toISOString(), organisation: publicOrganisation(org), reason: input.reason });
    await refreshSignatoryListing(tx, org.id);
    await notifyOrganisation(tx, { organisationId: org.id, kind: rule.event, facts: { reason: input.reason }, now });
    return { organisation: updated, ledgerIndex: entry.index };
  });
}
