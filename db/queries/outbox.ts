import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../client";
import { jobs, memberships, notificationOutbox, organisations, signatures, users, type OutboxEmail } from "../schema";

export type NewOutboxEmail = typeof notificationOutbox.$inferInsert & { id: string };

/** Inserts queued mail; a row whose key is already queued is skipped. Returns the ids inserted. */
export async function insertOutboxEmails(tx: DbOrTx, rows: NewOutboxEmail[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(notificationOutbox)
    .values(rows)
    .onConflictDoNothing({ target: notificationOutbox.key })
    .returning({ id: notificationOutbox.id });
  return inserted.map((r) => r.id);
}

export async function setOutboxJobs(tx: DbOrTx, pairs: { id: string; jobId: string }[]): Promise<void> {
  // One statement for the whole batch: a VALUES list joined on the outbox id.
  if (pairs.length === 0) return;
  const values = sql.join(
    pairs.map((p) => sql`(${p.id}::uuid, ${p.jobId}::uuid)`),
    sql`, `,
  );
  await tx.execute(sql`update ${notificationOutbox} set job_id = v.job_id from (values ${values}) as v(id, job_id) where ${notificationOutbox.id} = v.id`);
}

export async function getOutboxEmail(tx: DbOrTx, id: string): Promise<OutboxEmail | null> {
  const [row] = await tx.select().from(notificationOutbox).where(eq(notificationOutbox.id, id)).limit(1);
  return row ?? null;
}

export async function markOutboxSent(tx: DbOrTx, id: string, at: Date): Promise<void> {
  await tx
    .update(notificationOutbox)
    .set({ sentAt: at })
    .where(and(eq(notificationOutbox.id, id), isNull(notificationOutbox.sentAt)));
}

export type Recipient = { userId: string; email: string; role: "owner" | "member" | null };

/** Every owner and member of the organisation now, plus the extra users named (e.g. one who just left). */
export async function getOrganisationRecipients(tx: DbOrTx, organisationId: string, extraUserIds: string[] = []): Promise<Recipient[]> {
  const members = await tx
    .select({ userId: users.id, email: users.email, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(users.email));
  const known = new Set(members.map((m) => m.userId));
  const missing = [...new Set(extraUserIds)].filter((id) => !known.has(id));
  const extras = missing.length === 0 ? [] : await tx.select({ userId: users.id, email: users.email }).from(users).where(inArray(users.id, missing));
  return [...members, ...extras.map((e) => ({ ...e, role: null }))];
}

export type ReaffirmRecipient = { organisationId: string; slug: string; displayName: string; signedVersion: number; userId: string; email: string };

/**
 * In one query, every owner and member of every verified, non-demo organisation whose standing
 * signature is for a version older than `version` (and which has not signed `version` yet).
 */
export async function getReaffirmRecipients(tx: DbOrTx, version: number): Promise<ReaffirmRecipient[]> {
  const newer = alias(signatures, "newer");
  return tx
    .select({
      organisationId: organisations.id,
      slug: organisations.slug,
      displayName: organisations.displayName,
      signedVersion: sql<number>`max(${signatures.accordVersion})::int`,
      userId: users.id,
      email: users.email,
    })
    .from(signatures)
    .innerJoin(organisations, eq(organisations.id, signatures.organisationId))
    .innerJoin(memberships, eq(memberships.organisationId, organisations.id))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        isNull(signatures.withdrawnAt),
        sql`${signatures.accordVersion} < ${version}`,
        eq(organisations.status, "verified"),
        eq(organisations.isDemo, false),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(newer)
            .where(and(eq(newer.organisationId, organisations.id), isNull(newer.withdrawnAt), sql`${newer.accordVersion} >= ${version}`)),
        ),
      ),
    )
    .groupBy(organisations.id, organisations.slug, organisations.displayName, users.id, users.email)
    .orderBy(asc(organisations.id), asc(users.email));
}

export type OutboxStatus = "queued" | "sending" | "retrying" | "sent" | "failed";

export type OutboxListItem = {
  id: string;
  kind: string;
  toAddress: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date | null;
  lastError: string | null;
};

/** One organisation's mail, newest first, with its delivery state from the sending job. */
export async function listOrganisationOutbox(
  tx: DbOrTx,
  organisationId: string,
  options: { limit: number; offset: number },
): Promise<{ items: OutboxListItem[]; total: number }> {
  const rows = await tx
    .select({
      id: notificationOutbox.id,
      kind: notificationOutbox.kind,
      toAddress: notificationOutbox.toAddress,
      subject: notificationOutbox.subject,
      createdAt: notificationOutbox.createdAt,
      sentAt: notificationOutbox.sentAt,
      jobState: jobs.state,
      attempts: jobs.attempts,
      runAt: jobs.runAt,
      lastError: jobs.lastError,
    })
    .from(notificationOutbox)
    .leftJoin(jobs, eq(jobs.id, notificationOutbox.jobId))
    .where(eq(notificationOutbox.organisationId, organisationId))
    .orderBy(desc(notificationOutbox.createdAt), asc(notificationOutbox.toAddress), asc(notificationOutbox.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await tx.select({ n: count() }).from(notificationOutbox).where(eq(notificationOutbox.organisationId, organisationId));
  const items = rows.map((r): OutboxListItem => {
    const status: OutboxStatus = r.sentAt
      ? "sent"
      : r.jobState === "dead"
        ? "failed"
        : r.jobState === "running"
          ? "sending"
          : (r.attempts ?? 0) > 0
            ? "retrying"
            : "queued";
    return {
      id: r.id,
      kind: r.kind,
      toAddress: r.toAddress,
      subject: r.subject,
      status,
      attempts: r.attempts ?? 0,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      nextAttemptAt: status === "retrying" ? r.runAt : null,
      lastError: status === "sent" ? null : r.lastError,
    };
  });
  return { items, total: total?.n ?? 0 };
}

/** Queued mail rows of any organisation, for tests and the measurement script. */
export async function countOutbox(tx: DbOrTx): Promise<{ total: number; sent: number }> {
  const [row] = await tx.select({ total: count(), sent: count(notificationOutbox.sentAt) }).from(notificationOutbox);
  return { total: row?.total ?? 0, sent: row?.sent ?? 0 };
}
