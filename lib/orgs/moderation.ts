import "server-only";
import type { DbOrTx } from "@/db/client";
import { insertAuditEntry, insertDomainProof, updateOrganisationStatus } from "@/db/queries/organisations";
import { AppError } from "@/lib/errors";
import { appendEvent } from "@/lib/ledger/log";
import type { ModerateInput } from "@/lib/validation/organisation";
import { publicOrganisation } from "./public";
import { loadForActor } from "./access";
import { completeVerification } from "./verify";
import { refreshSignatoryListing } from "@/db/queries/listings";

/** A moderator approves a pending organisation: verified by moderator, logged publicly, audited. */
export async function approveOrganisation(db: DbOrTx, actor: { userId: string }, input: { organisationId: string; note: string }) {
  return db.transaction(async (tx) => {
    const { org } = await loadForActor(tx, actor, input.organisationId, "approve");
    if (org.status !== "pending") throw new AppError("conflict", `${org.displayName} is ${org.status}, not pending.`);
    const now = new Date();
    const verified = await completeVerification(tx, org, "moderator", actor.userId, input.note, now);
    await insertAuditEntry(tx, { actorId: actor.userId, action: "organisation.approve", targetType: "organisation", targetId: org.id, reason: input.note, createdAt: now });
    return verified;
  });
}

/** A moderator rejects a pending registration with a reason the registrants can read. Audited. */
export async function rejectOrganisation(db: DbOrTx, actor: { userId: string }, input: { organisationId: string; reason: string }) {
  return db.transaction(async (tx) => {
    const { org } = await loadForActor(tx, actor, input.organisationId, "reject");
    if (org.status !== "pending") throw new AppError("conflict", `${org.displayName} is ${org.status}, not pending.`);
    const now = new Date();
    const rejected = await updateOrganisationStatus(tx, org.id, { status: "rejected", statusReason: input.reason });
    await insertDomainProof(tx, { organisationId: org.id, method: "moderator", outcome: "rejected", detail: input.reason, actorId: actor.userId, createdAt: now });
    await insertAuditEntry(tx, { actorId: actor.userId, action: "organisation.reject", targetType: "organisation", targetId: org.id, reason: input.reason, createdAt: now });
    return rejected;
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
    await insertAuditEntry(tx, { actorId: actor.userId, action: `organisation.${input.change}`, targetType: "organisation", targetId: org.id, reason: input.reason, createdAt: now });
    const entry = await appendEvent(tx, { kind: rule.event, at: now.toISOString(), organisation: publicOrganisation(org), reason: input.reason });
    await refreshSignatoryListing(tx, org.id);
    return { organisation: updated, ledgerIndex: entry.index };
  });
}
