import "server-only";
import type { DbOrTx } from "@/db/client";
import { insertAuditEntry, insertDomainProof, updateOrganisationStatus } from "@/db/queries/organisations";
import { AppError } from "@/lib/errors";
import { loadForActor } from "./access";
import { completeVerification } from "./verify";

/** A moderator approves a pending organisation: verified by moderator, logged publicly, audited. */
export async function approveOrganisation(db: DbOrTx, actor: { userId: string }, input: { organisationId: string; note: string }) {
  return db.transaction(async (tx) => {
    const { org } = await loadForActor(tx, actor, input.organisationId, "moderator");
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
    const { org } = await loadForActor(tx, actor, input.organisationId, "moderator");
    if (org.status !== "pending") throw new AppError("conflict", `${org.displayName} is ${org.status}, not pending.`);
    const now = new Date();
    const rejected = await updateOrganisationStatus(tx, org.id, { status: "rejected", statusReason: input.reason });
    await insertDomainProof(tx, { organisationId: org.id, method: "moderator", outcome: "rejected", detail: input.reason, actorId: actor.userId, createdAt: now });
    await insertAuditEntry(tx, { actorId: actor.userId, action: "organisation.reject", targetType: "organisation", targetId: org.id, reason: input.reason, createdAt: now });
    return rejected;
  });
}
