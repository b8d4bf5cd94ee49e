import "server-only";
import type { DbOrTx } from "@/db/client";
import { getUserById } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isEditorRole } from "@/lib/permissions";

export type StudioActor = { userId: string } | null;

export function isEditor(user: Pick<User, "siteRole"> | null | undefined): boolean {
  return isEditorRole(user?.siteRole);
}

/** Every studio read and write starts here: the role is read fresh, so a demoted editor is refused at once. */
export async function requireEditor(tx: DbOrTx, actor: StudioActor): Promise<User> {
  if (!actor) throw new AppError("unauthenticated", "Sign in as an editor to use the studio.");
  const user = await getUserById(tx, actor.userId);
  if (!isEditor(user)) throw new AppError("forbidden", "Only editors and admins can edit the accord and the site's pages.");
  return user!;
}
