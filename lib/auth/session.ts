import "server-only";
import { redirect } from "next/navigation";
import { getUserById } from "@/db/queries/users";
import { getDb } from "@/db/client";
import { auth } from "./index";
import { signInPathFor } from "@/lib/paths";
import { isModeratorRole } from "@/lib/permissions";

export type CurrentUser = { id: string; email: string; name: string | null; emailVerified: boolean; siteRole: "member" | "moderator" | "editor" | "admin" };

/** The signed-in user, read fresh from the database so role changes apply at once. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await getUserById(await getDb(), id);
  if (!user) return null;
  return { id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerified !== null, siteRole: user.siteRole };
}

/** For signed-in pages: the user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPathFor(returnTo));
  return user;
}

export function isModerator(user: Pick<CurrentUser, "siteRole"> | null): boolean {
  return user ? isModeratorRole(user.siteRole) : false;
}
