import "server-only";
import type { DbOrTx } from "@/db/client";
import { countOwners, deleteMembership, getMembership, getOrganisationById, insertMembership, updateMembershipRole } from "@/db/queries/organisations";
import { getUserById } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { loadForActor } from "./access";
import { isEmailAtDomain } from "./domain";

/** A user whose confirmed sign-in email is at the organisation's domain joins it as a member. */
export async function joinOrganisation(db: DbOrTx, actor: { userId: string }, organisationId: string) {
  return db.transaction(async (tx) => {
    const [org, user, existing] = await Promise.all([getOrganisationById(tx, organisationId), getUserById(tx, actor.userId), getMembership(tx, organisationId, actor.userId)]);
    if (!org || !user) throw new AppError("not_found", "No such organisation.");
    if (existing) throw new AppError("conflict", `You are already a member of ${org.displayName}.`);
    if (!user.emailVerified || !isEmailAtDomain(user.email, org.primaryDomain)) {
      throw new AppError("forbidden", `Only people signed in with a confirmed address at ${org.primaryDomain} can join. Ask an owner to add you.`);
    }
    await insertMembership(tx, { organisationId, userId: actor.userId, role: "member" });
    return org;
  });
}

/** Owners manage members: promote, demote, remove; an organisation always keeps one owner. */
export async function changeMember(db: DbOrTx, actor: { userId: string }, input: { organisationId: string; userId: string; change: "promote" | "demote" | "remove" }) {
  return db.transaction(async (tx) => {
    await loadForActor(tx, actor, input.organisationId, "owner");
    const target = await getMembership(tx, input.organisationId, input.userId);
    if (!target) throw new AppError("not_found", "That person is not a member of this organisation.");
    const losesOwner = target.role === "owner" && input.change !== "promote";
    if (losesOwner && (await countOwners(tx, input.organisationId)) <= 1) {
      throw new AppError("conflict", "An organisation needs at least one owner: promote someone else first.");
    }
    if (input.change === "remove") await deleteMembership(tx, input.organisationId, input.userId);
    else await updateMembershipRole(tx, input.organisationId, input.userId, input.change === "promote" ? "owner" : "member");
  });
}
