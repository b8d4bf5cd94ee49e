import "server-only";
import { and, asc, count, eq, inArray, isNotNull, lte, min, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { concerns, domainClaims, moderatorDigests, organisations, reportReminderKinds, reportReminders, signatoryListings, users } from "../schema";

export type ReminderKind = (typeof reportReminderKinds)[number];

export type ReminderCandidate = {
  organisationId: string;
  firstSignedAt: Date;
  lastReportAt: Date | null;
  reportDueAt: Date;
  /** Reminders already recorded for the due date the listing shows now. */
  recorded: ReminderKind[];
};

/**
 * Listed, active, non-demo signatories whose report falls due by `horizon` (so every overdue one
 * too), with the reminders already recorded for that due date, `limit` at a time after
 * `afterId` (organisation id order). Demo organisations are never reminded: nobody reads them.
 */
export async function getReminderCandidates(tx: DbOrTx, options: { horizon: Date; afterId: string | null; limit: number }): Promise<ReminderCandidate[]> {
  const rows = await tx
    .select({
      organisationId: signatoryListings.organisationId,
      firstSignedAt: signatoryListings.firstSignedAt,
      lastReportAt: signatoryListings.lastReportAt,
      reportDueAt: signatoryListings.reportDueAt,
      // Spelled out with an alias: in a one-table select drizzle leaves columns unqualified, and
      // "organisation_id" would then be the subquery's own on both sides.
      recorded: sql<
        string[] | null
      >`(select array_agg(r.kind) from report_reminders r where r.organisation_id = signatory_listings.organisation_id and r.due_on = to_char(signatory_listings.report_due_at at time zone 'UTC', 'YYYY-MM-DD'))`,
    })
    .from(signatoryListings)
    .where(
      and(
        eq(signatoryListings.status, "active"),
        eq(signatoryListings.isDemo, false),
        isNotNull(signatoryListings.reportDueAt),
        lte(signatoryListings.reportDueAt, options.horizon),
        options.afterId ? sql`${signatoryListings.organisationId} > ${options.afterId}` : undefined,
      ),
    )
    .orderBy(asc(signatoryListings.organisationId))
    .limit(options.limit);
  return rows.map((r) => ({ ...r, reportDueAt: r.reportDueAt!, recorded: (r.recorded ?? []) as ReminderKind[] }));
}

/**
 * Records reminders for one due date; rows already there are kept as they were. Returns the kinds
 * this call inserted: a reminder whose row another instance inserted first is not this call's
 * to send.
 */
export async function insertReportReminders(
  tx: DbOrTx,
  rows: { organisationId: string; dueOn: string; kind: ReminderKind; skipped: boolean; recipients: number; createdAt: Date }[],
): Promise<ReminderKind[]> {
  if (rows.length === 0) return [];
  const inserted = await tx.insert(reportReminders).values(rows).onConflictDoNothing().returning({ kind: reportReminders.kind });
  return inserted.map((r) => r.kind);
}

export async function setReminderRecipients(tx: DbOrTx, key: { organisationId: string; dueOn: string; kind: ReminderKind }, recipients: number) {
  await tx
    .update(reportReminders)
    .set({ recipients })
    .where(and(eq(reportReminders.organisationId, key.organisationId), eq(reportReminders.dueOn, key.dueOn), eq(reportReminders.kind, key.kind)));
}

export async function getReportRemindersFor(tx: DbOrTx, organisationId: string) {
  return tx.select().from(reportReminders).where(eq(reportReminders.organisationId, organisationId)).orderBy(asc(reportReminders.createdAt));
}

/** Claims the digest of a day; false when another instance (or an earlier run) already did. */
export async function insertModeratorDigest(tx: DbOrTx, values: { day: string; waiting: number; recipients: number; createdAt: Date }): Promise<boolean> {
  const rows = await tx.insert(moderatorDigests).values(values).onConflictDoNothing().returning({ day: moderatorDigests.day });
  return rows.length > 0;
}

export async function getModeratorDigest(tx: DbOrTx, day: string) {
  const [row] = await tx.select().from(moderatorDigests).where(eq(moderatorDigests.day, day)).limit(1);
  return row ?? null;
}

/** Everyone who moderates: the digest's readers. */
export async function getModeratorRecipients(tx: DbOrTx): Promise<{ userId: string; email: string }[]> {
  return tx
    .select({ userId: users.id, email: users.email })
    .from(users)
    .where(inArray(users.siteRole, ["moderator", "admin"]))
    .orderBy(asc(users.email));
}

export type ModerationBacklog = {
  pending: number;
  oldestPendingAt: Date | null;
  pendingOverAWeek: number;
  /** Open claims whose time ran out and that no job has closed yet (normally none). */
  expiredOpen: number;
  /** Public concerns waiting for a moderator: to admit or decline, or to decide. */
  concerns: number;
  /** The longest-waiting few, for the digest to name. */
  longestWaiting: { displayName: string; primaryDomain: string; createdAt: Date }[];
};

/** What waits for moderators at `now`: registrations under review (claims), oldest first, and public concerns. */
export async function getModerationBacklog(tx: DbOrTx, now: Date, nameLimit = 10): Promise<ModerationBacklog> {
  const weekAgo = new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000);
  const pendingReal = and(eq(organisations.status, "pending"), eq(organisations.isDemo, false));
  const [[summary], [week], [expired], longest, [concernRow]] = await Promise.all([
    tx
      .select({ n: count(), oldest: min(organisations.createdAt) })
      .from(organisations)
      .where(pendingReal),
    tx
      .select({ n: count() })
      .from(organisations)
      .where(and(pendingReal, lte(organisations.createdAt, weekAgo))),
    tx
      .select({ n: count() })
      .from(domainClaims)
      .where(and(eq(domainClaims.status, "open"), lte(domainClaims.expiresAt, now))),
    tx
      .select({ displayName: organisations.displayName, primaryDomain: organisations.primaryDomain, createdAt: organisations.createdAt })
      .from(organisations)
      .where(pendingReal)
      .orderBy(asc(organisations.createdAt), asc(organisations.id))
      .limit(nameLimit),
    tx
      .select({ n: count() })
      .from(concerns)
      .where(inArray(concerns.status, ["submitted", "under_review"])),
  ]);
  return {
    pending: summary?.n ?? 0,
    oldestPendingAt: summary?.oldest ? new Date(summary.oldest) : null,
    pendingOverAWeek: week?.n ?? 0,
    expiredOpen: expired?.n ?? 0,
    longestWaiting: longest,
    concerns: concernRow?.n ?? 0,
  };
}
