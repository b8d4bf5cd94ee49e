import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { type Commitment, commitmentColumns, commitmentRevisions, commitments, users } from "../schema";

export async function getCommitmentById(tx: DbOrTx, id: string) {
  const [row] = await tx.select(commitmentColumns).from(commitments).where(eq(commitments.id, id)).limit(1);
  return row ?? null;
}

/** An organisation's commitments in the order they were made. */
export async function getCommitmentsForOrganisation(tx: DbOrTx, organisationId: string) {
  return tx
    .select(commitmentColumns)
    .from(commitments)
    .where(eq(commitments.organisationId, organisationId))
    .orderBy(asc(commitments.createdAt), asc(commitments.id));
}

export async function getCommitmentsByIds(tx: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx.select(commitmentColumns).from(commitments).where(inArray(commitments.id, ids));
}

export async function insertCommitment(tx: DbOrTx, values: typeof commitments.$inferInsert) {
  const [row] = await tx.insert(commitments).values(values).returning(commitmentColumns);
  return row!;
}

/** Updates only when the row is still at `revision` (optimistic locking); null when someone got there first. */
export async function updateCommitmentAtRevision(
  tx: DbOrTx,
  id: string,
  revision: number,
  values: Pick<Commitment, "title" | "description" | "status" | "targetDate" | "evidenceLinks" | "contentHash" | "updatedAt">,
) {
  const [row] = await tx
    .update(commitments)
    .set({ ...values, revision: revision + 1 })
    .where(and(eq(commitments.id, id), eq(commitments.revision, revision)))
    .returning(commitmentColumns);
  return row ?? null;
}

export async function insertCommitmentRevision(tx: DbOrTx, values: typeof commitmentRevisions.$inferInsert) {
  const [row] = await tx.insert(commitmentRevisions).values(values).returning();
  return row!;
}

/** A commitment's revisions, newest first, with the author's address for the organisation's members. */
export async function getCommitmentRevisions(tx: DbOrTx, commitmentId: string) {
  return tx
    .select({ revision: commitmentRevisions, authorEmail: users.email })
    .from(commitmentRevisions)
    .leftJoin(users, eq(users.id, commitmentRevisions.authorId))
    .where(eq(commitmentRevisions.commitmentId, commitmentId))
    .orderBy(desc(commitmentRevisions.revision));
}
