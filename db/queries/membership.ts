import "server-only";
import { and, asc, count, desc, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { invitations, joinRequests, memberships, users, type Invitation, type JoinRequest } from "../schema";

/**
 * Locks the organisation's membership rows until the transaction ends, so two owners demoting or
 * removing each other at once cannot both pass the "one owner remains" check.
 */
export async function lockMemberships(tx: DbOrTx, organisationId: string) {
  await tx.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.organisationId, organisationId)).for("update");
}

/* ---------- Join requests ---------- */

export async function insertJoinRequest(tx: DbOrTx, values: typeof joinRequests.$inferInsert): Promise<JoinRequest> {
  const [row] = await tx.insert(joinRequests).values(values).returning();
  return row!;
}

export async function getJoinRequest(tx: DbOrTx, organisationId: string, id: string): Promise<JoinRequest | null> {
  const [row] = await tx
    .select()
    .from(joinRequests)
    .where(and(eq(joinRequests.id, id), eq(joinRequests.organisationId, organisationId)))
    .limit(1);
  return row ?? null;
}

/** The person's latest request to this organisation, whatever became of it. */
export async function getLatestJoinRequest(tx: DbOrTx, organisationId: string, userId: string): Promise<JoinRequest | null> {
  const [row] = await tx
    .select()
    .from(joinRequests)
    .where(and(eq(joinRequests.organisationId, organisationId), eq(joinRequests.userId, userId)))
    .orderBy(desc(joinRequests.createdAt))
    .limit(1);
  return row ?? null;
}

export async function getPendingJoinRequests(tx: DbOrTx, organisationId: string) {
  return tx
    .select({ id: joinRequests.id, userId: joinRequests.userId, email: joinRequests.email, createdAt: joinRequests.createdAt })
    .from(joinRequests)
    .where(and(eq(joinRequests.organisationId, organisationId), eq(joinRequests.status, "pending")))
    .orderBy(asc(joinRequests.createdAt))
    .limit(200);
}

/** Closes a pending request; null when it was no longer pending (decided in the meantime). */
export async function closeJoinRequest(tx: DbOrTx, id: string, values: { status: "approved" | "declined" | "withdrawn"; decidedBy: string; decidedAt: Date }) {
  const [row] = await tx
    .update(joinRequests)
    .set(values)
    .where(and(eq(joinRequests.id, id), eq(joinRequests.status, "pending")))
    .returning();
  return row ?? null;
}

/* ---------- Invitations ---------- */

export async function insertInvitation(tx: DbOrTx, values: typeof invitations.$inferInsert): Promise<Invitation> {
  const [row] = await tx.insert(invitations).values(values).returning();
  return row!;
}

export async function getInvitationByTokenHash(tx: DbOrTx, tokenHash: string): Promise<Invitation | null> {
  const [row] = await tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash)).limit(1);
  return row ?? null;
}

const isOpen = (now: Date) => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

/** Invitations still usable at `now`, newest first, for the owners' list. */
export async function getOpenInvitations(tx: DbOrTx, organisationId: string, now: Date) {
  return tx
    .select({ id: invitations.id, email: invitations.email, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt, invitedBy: users.email })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.organisationId, organisationId), isOpen(now)))
    .orderBy(desc(invitations.createdAt))
    .limit(200);
}

export async function countOpenInvitations(tx: DbOrTx, organisationId: string, now: Date): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(invitations)
    .where(and(eq(invitations.organisationId, organisationId), isOpen(now)));
  return row?.n ?? 0;
}

/** Withdraws open invitations of the organisation: one by id, or every one to an address. */
export async function revokeOpenInvitations(tx: DbOrTx, organisationId: string, which: { id: string } | { email: string }, now: Date) {
  const match = "id" in which ? eq(invitations.id, which.id) : eq(invitations.email, which.email);
  return tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.organisationId, organisationId), match, isOpen(now)))
    .returning({ id: invitations.id });
}

/** Uses the invitation once: null when it was used, withdrawn or expired in the meantime. */
export async function consumeInvitation(tx: DbOrTx, id: string, userId: string, now: Date) {
  const [row] = await tx
    .update(invitations)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(and(eq(invitations.id, id), isOpen(now)))
    .returning();
  return row ?? null;
}
