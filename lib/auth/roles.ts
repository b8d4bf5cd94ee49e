import "server-only";
import type { DbOrTx } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/organisations";
import { countAdmins, getUserById, setUserSiteRole } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type SiteRoleOptions = { adminEmails?: readonly string[] };

/**
 * Whether ADMIN_EMAILS names this address. Such an admin is set by configuration: every sign-in
 * makes them admin again, so /admin may not demote them (a demotion there would be undone silently
 * at their next sign-in). The configuration is the one place to change it.
 */
export function isConfiguredAdmin(email: string | null | undefined, adminEmails: readonly string[] = getEnv().adminEmails): boolean {
  return !!email && adminEmails.includes(email.toLowerCase());
}

/**
 * Only admins change site roles; the last admin cannot demote themselves (no lock-out); an admin
 * set by ADMIN_EMAILS cannot be given another role here (see isConfiguredAdmin). Audited.
 */
export async function changeSiteRole(
  db: DbOrTx,
  actor: { userId: string },
  input: { userId: string; role: User["siteRole"]; reason: string },
  options: SiteRoleOptions = {},
) {
  const adminEmails = options.adminEmails ?? getEnv().adminEmails;
  return db.transaction(async (tx) => {
    const [admin, target] = await Promise.all([getUserById(tx, actor.userId), getUserById(tx, input.userId)]);
    if (admin?.siteRole !== "admin") throw new AppError("forbidden", "Only admins can change roles.");
    if (!target) throw new AppError("not_found", "No such user.");
    if (input.role !== "admin" && isConfiguredAdmin(target.email, adminEmails)) {
      throw new AppError(
        "conflict",
        `${target.email} is an admin set by configuration (ADMIN_EMAILS) and is made admin again at every sign-in. To change their role, remove the address from ADMIN_EMAILS, restart the server, then change it here.`,
      );
    }
    if (target.siteRole === "admin" && input.role !== "admin" && (await countAdmins(tx)) <= 1) {
      throw new AppError("conflict", "This is the last admin; make someone else an admin first.");
    }
    const updated = await setUserSiteRole(tx, target.id, input.role);
    await insertAuditEntry(tx, { actorId: actor.userId, action: `user.role.${input.role}`, targetType: "user", targetId: target.id, reason: input.reason });
    return updated;
  });
}
