import "server-only";
import { asc, count, eq, ilike } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { type User, users } from "../schema";

export async function getUserById(tx: DbOrTx, id: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, id)).limit(1);
  return user ?? null;
}

export async function insertUser(tx: DbOrTx, values: { email: string; name?: string; emailVerified?: Date }) {
  const [user] = await tx
    .insert(users)
    .values({ email: values.email.toLowerCase(), name: values.name ?? null, emailVerified: values.emailVerified ?? null })
    .returning();
  return user!;
}

export async function getUserByEmail(tx: DbOrTx, email: string) {
  const [user] = await tx.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return user ?? null;
}

export async function setUserSiteRole(tx: DbOrTx, id: string, siteRole: User["siteRole"]) {
  const [user] = await tx.update(users).set({ siteRole }).where(eq(users.id, id)).returning();
  return user ?? null;
}

/**
 * ADMIN_EMAILS become admins at every sign-in. That is the rule, not a slip: /admin shows them as
 * set by configuration and refuses to demote them (lib/auth/roles.ts), so nothing done there is
 * undone silently here. Removing an address from ADMIN_EMAILS stops this; the role then stays until
 * an admin changes it in /admin.
 */
export async function applyBootstrapAdmin(tx: DbOrTx, userId: string, email: string, adminEmails: string[]) {
  if (!adminEmails.includes(email.toLowerCase())) return;
  await tx.update(users).set({ siteRole: "admin" }).where(eq(users.id, userId));
}

export async function countAdmins(tx: DbOrTx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(users).where(eq(users.siteRole, "admin"));
  return row?.n ?? 0;
}

/** Users for the admin's role management, optionally filtered by an address fragment. */
export async function getUsersPage(db: DbOrTx, { q, page, pageSize }: { q?: string; page: number; pageSize: number }) {
  const where = q ? ilike(users.email, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({ id: users.id, email: users.email, name: users.name, siteRole: users.siteRole, createdAt: users.createdAt })
      .from(users)
      .where(where)
      .orderBy(asc(users.email))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items: rows, total: total?.n ?? 0 };
}
