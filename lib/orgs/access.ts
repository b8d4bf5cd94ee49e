import "server-only";
import type { DbOrTx } from "@/db/client";
import { getMembership, getOrganisationById } from "@/db/queries/organisations";
import { getUserById } from "@/db/queries/users";
import { AppError } from "@/lib/errors";

/**
 * The authorisation rules for organisation rows, checked in the data layer by every mutation:
 * loads the organisation and the actor's membership and site role, and refuses with a coded
 * error unless the actor may act. A forged organisation id simply finds no membership.
 */
export async function loadForActor(tx: DbOrTx, actor: { userId: string }, organisationId: string, need: "member" | "owner" | "moderator") {
  const [org, membership, user] = await Promise.all([
    getOrganisationById(tx, organisationId),
    getMembership(tx, organisationId, actor.userId),
    getUserById(tx, actor.userId),
  ]);
  if (!org || !user) throw new AppError("not_found", "No such organisation.");
  const isModerator = user.siteRole === "moderator" || user.siteRole === "admin";
  const allowed = need === "moderator" ? isModerator : need === "owner" ? membership?.role === "owner" : membership !== null;
  if (!allowed) {
    const who = { member: "members of this organisation", owner: "owners of this organisation", moderator: "moderators" }[need];
    throw new AppError("forbidden", `Only ${who} can do that.`);
  }
  return { org, membership, user };
}
