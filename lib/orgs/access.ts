import "server-only";
import type { DbOrTx } from "@/db/client";
import { getMembership, getOrganisationById } from "@/db/queries/organisations";
import { getUserById } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { type Action, decide, refusalMessage } from "@/lib/permissions";

/** The names callers used before the permissions table; each stands for one action of it. */
const legacyNeeds = { member: "proveDomain", owner: "manageMembers", moderator: "approve" } as const satisfies Record<string, Action>;

export type Need = Action | keyof typeof legacyNeeds;

/**
 * The authorisation rules for organisation rows, checked in the data layer by every mutation:
 * loads the organisation and the actor's membership and site role, and refuses with a coded
 * error unless the permissions table (lib/permissions.ts) lets the actor do `need`. A forged
 * organisation id simply finds no membership.
 */
export async function loadForActor(tx: DbOrTx, actor: { userId: string }, organisationId: string, need: Need) {
  const [org, membership, user] = await Promise.all([
    getOrganisationById(tx, organisationId),
    getMembership(tx, organisationId, actor.userId),
    getUserById(tx, actor.userId),
  ]);
  if (!org || !user) throw new AppError("not_found", "No such organisation.");
  const action: Action = need in legacyNeeds ? legacyNeeds[need as keyof typeof legacyNeeds] : (need as Action);
  const decision = decide(action, { organisationRole: membership?.role ?? null, siteRole: user.siteRole });
  if (!decision.allowed) {
    // A claim that is not public yet is not named to people outside it.
    const isPublic = org.status === "verified" || org.status === "suspended" || org.status === "delisted";
    const name = membership || isPublic ? org.displayName : "this organisation";
    throw new AppError("forbidden", refusalMessage(action, decision.reason, name));
  }
  return { org, membership, user };
}
