import "server-only";
import type { DbOrTx } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/organisations";
import { countAdmins, getUserById, setUserSiteRole } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** Only admins change site roles; the last admin cannot demote themselves (no lock-out). Audited. */
export async function changeSiteRole(db: DbOrTx, actor: { userId: string }, input: { userId: string; role: User["siteRole"]; reason: string }) {
  return db.transaction(async (tx) => {
    const [admin, target] = await Promise.all([getUserById(tx, actor.userId), getUserById(tx, input.userId)]);
    if (admin?.siteRole !== "admin") throw new AppError("forbidden", "Only admins can change roles.");
    if (!target) throw new AppError("not_found", "No such user.");
    if (target.siteRole === "admin" && input.role !== "admin" && (await countAdmins(tx)) <= 1) {
      throw new AppError("conflict", "This is the last admin; make someone else an admin first.");
    }
    const updated = await setUserSiteRole(tx, target.id, input.role);
    await insertAuditEntry(tx, { actorId: actor.userId, action: `user.role.${input.role}`, targetType: "user", targetId: target.id, reason: input.reason });
    return updated;
  });
}
