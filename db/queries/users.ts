import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { users } from "../schema";

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
