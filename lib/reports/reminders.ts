import "server-only";
import type { Db, DbOrTx } from "@/db/client";
import { insertJobs } from "@/db/queries/jobs";
import { getOrganisationById } from "@/db/queries/organisations";
import { getOrganisationRecipients } from "@/db/queries/outbox";
import {
  type ReminderKind,
  getModerationBacklog,
  getModeratorRecipients,
  getReminderCandidates,
  insertModeratorDigest,
  insertReportReminders,
  setReminderRecipients,
} from "@/db/queries/reminders";
import { renderNotificationEmail } from "@/lib/email/magic-link";
import { getEnv } from "@/lib/env";
import { formatDate, formatTime } from "@/lib/format/date";
import type { JobHandler } from "@/lib/jobs/runner";
import { enqueueEmails, type QueuedEmail } from "@/lib/notifications/notify";
import { adminConcernsPath, adminPath, newReportPath } from "@/lib/paths";
import { absoluteUrl, siteName } from "@/lib/site";
import { OVERDUE_GRACE_DAYS, daysPast, isOverdue } from "./due";

/*
 * Reminders about yearly reports, and the moderators' daily digest. One periodic job
 * ("reminders.scan") runs every hour on the job runner and queues the next round before it works,
 * so the chain outlives a failed round. Each reminder and each day's digest is claimed by a row
 * with a unique key (organisation, due date, kind; or the day) inserted in the same transaction as
 * its mail: several instances on one PostgreSQL can scan at once and each reminder still goes out
 * once. A scan looks at every due date up to now, so reminders missed while the server was down
 * go out on the first scan after it is back. Time always comes from the caller (`now`).
 */

export const REMINDER_SCAN_JOB = "reminders.scan";
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** Reminder kinds in the order they fall due: a later one makes the earlier ones pointless. */
export const reminderOrder: readonly ReminderKind[] = ["due_60", "due_14", "overdue"];

/** Which reminder a report due at `dueAt` calls for at `now`: 60 and 14 days before, and once overdue. */
export function reminderFor(dueAt: Date, now: Date): ReminderKind | null {
  if (isOverdue(dueAt, now)) return "overdue";
  const left = dueAt.getTime() - now.getTime();
  if (left <= 14 * DAY) return "due_14";
  if (left <= 60 * DAY) return "due_60";
  return null;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function reminderEmail(kind: ReminderKind, org: { displayName: string; slug: string }, dueAt: Date, now: Date) {
  const name = org.displayName;
  const date = formatDate(dueAt);
  const days = -daysPast(dueAt, now);
  const when = days > 1 ? `in ${days} days` : days === 1 ? "tomorrow" : days === 0 ? "today" : `${-days} days ago`;
  const drafting =
    "Any member can prepare it on the dashboard: the draft saves as you type and stays private. An owner publishes it; it is then public and its SHA-256 is recorded in the ledger.";
  const paragraphs =
    kind === "overdue"
      ? [
          `${name}'s yearly progress report under the accord was due on ${date}. Its public profile now says “report overdue”, and will until an owner publishes one.`,
          drafting,
        ]
      : [
          `${name}'s yearly progress report under the accord ${days >= 0 ? "is" : "was"} due on ${date} (${when}).`,
          drafting,
          `If none is published within ${OVERDUE_GRACE_DAYS} days of that date, the public profile says “report overdue”.`,
        ];
  paragraphs.push(
    `You receive this because you are an owner of ${name} in ${siteName}. Owners are reminded 60 and 14 days before a report is due, and once if it becomes overdue.`,
  );
  return renderNotificationEmail({
    title: kind === "overdue" ? `${name}: progress report overdue` : `${name}: progress report due on ${date}`,
    paragraphs,
    action: { label: "Prepare the report", url: absoluteUrl(newReportPath(org.slug)) },
  });
}

export type ReminderRound = { sent: number; skipped: number; mails: number };

/**
 * Queues every report reminder due at `now` that no instance has sent yet. For each organisation
 * only the most urgent reminder goes out; earlier ones it makes pointless (the server was down
 * through both dates) are recorded as skipped, so they never arrive late and out of order.
 */
export async function sendReportReminders(db: Db, now: Date, options: { batchSize?: number } = {}): Promise<ReminderRound> {
  const round: ReminderRound = { sent: 0, skipped: 0, mails: 0 };
  const horizon = new Date(now.getTime() + 60 * DAY);
  let afterId: string | null = null;
  for (;;) {
    const candidates = await getReminderCandidates(db, { horizon, afterId, limit: options.batchSize ?? 200 });
    if (candidates.length === 0) break;
    afterId = candidates.at(-1)!.organisationId;
    for (const candidate of candidates) {
      const kind = reminderFor(candidate.reportDueAt, now);
      if (!kind || candidate.recorded.includes(kind)) continue;
      const result = await sendReminder(db, candidate.organisationId, candidate.reportDueAt, kind, now);
      if (result === null) continue;
      round.sent++;
      round.mails += result.mails;
      round.skipped += result.skipped;
    }
  }
  return round;
}

async function sendReminder(db: Db, organisationId: string, dueAt: Date, kind: ReminderKind, now: Date) {
  return db.transaction(async (tx) => {
    const org = await getOrganisationById(tx, organisationId);
    if (!org || org.isDemo || org.status !== "verified") return null;
    const dueOn = isoDay(dueAt);
    const earlier = reminderOrder.slice(0, reminderOrder.indexOf(kind));
    const inserted = await insertReportReminders(tx, [
      ...earlier.map((k) => ({ organisationId, dueOn, kind: k, skipped: true, recipients: 0, createdAt: now })),
      { organisationId, dueOn, kind, skipped: false, recipients: 0, createdAt: now },
    ]);
    // Another instance claimed this reminder first: it is theirs to send.
    if (!inserted.includes(kind)) return null;
    const owners = (await getOrganisationRecipients(tx, org.id)).filter((r) => r.role === "owner");
    const email = reminderEmail(kind, org, dueAt, now);
    const mails: QueuedEmail[] = owners.map((owner) => ({
      key: `report-reminder:${org.id}:${dueOn}:${kind}:${owner.userId}`,
      kind: `report.${kind}`,
      organisationId: org.id,
      recipientUserId: owner.userId,
      toAddress: owner.email,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
      createdAt: now,
    }));
    await enqueueEmails(tx, mails);
    await setReminderRecipients(tx, { organisationId, dueOn, kind }, owners.length);
    return { mails: owners.length, skipped: inserted.length - 1 };
  });
}

/** The day whose digest is due at `now`: today once the digest hour has come, otherwise yesterday. */
export function digestDay(now: Date, hour: number): string {
  const slot = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
  if (slot > now) slot.setUTCDate(slot.getUTCDate() - 1);
  return isoDay(slot);
}

export type DigestRound = { day: string; sent: boolean; waiting: number; mails: number };

/**
 * The moderators' digest for the day due at `now` (see digestDay), once per day across every
 * instance. A day with nothing waiting is recorded without mail: a digest that says "nothing" every
 * morning teaches people to ignore it.
 */
export async function sendModeratorDigest(db: Db, now: Date, hour: number): Promise<DigestRound> {
  const day = digestDay(now, hour);
  return db.transaction(async (tx) => {
    const backlog = await getModerationBacklog(tx, now);
    const waiting = backlog.pending + backlog.concerns;
    const recipients = waiting > 0 ? await getModeratorRecipients(tx) : [];
    const claimed = await insertModeratorDigest(tx, { day, waiting, recipients: recipients.length, createdAt: now });
    if (!claimed || recipients.length === 0) return { day, sent: false, waiting, mails: 0 };
    const week = backlog.pendingOverAWeek;
    const lines = backlog.longestWaiting.map((o) => `${o.displayName} (${o.primaryDomain}), waiting since ${formatTime(o.createdAt)}`);
    const { pending, concerns } = backlog;
    const titleParts = [
      pending > 0 ? `${pending} registration${pending === 1 ? "" : "s"}` : "",
      concerns > 0 ? `${concerns} concern${concerns === 1 ? "" : "s"}` : "",
    ].filter(Boolean);
    const email = renderNotificationEmail({
      title: `${titleParts.join(" and ")} waiting for review`,
      paragraphs: [
        pending > 0
          ? `${pending} organisation${pending === 1 ? " is" : "s are"} waiting for a moderator's review in ${siteName}${week > 0 ? `, ${week} of them for more than a week` : ""}.`
          : "",
        concerns > 0
          ? `${concerns} public concern${concerns === 1 ? " is" : "s are"} waiting to be admitted, declined or decided: ${absoluteUrl(adminConcernsPath)}`
          : "",
        backlog.expiredOpen > 0 ? `${backlog.expiredOpen} open claim${backlog.expiredOpen === 1 ? " has" : "s have"} run out of time and will be closed.` : "",
        lines.length > 0 ? `Longest waiting: ${lines.join("; ")}.` : "",
        `You receive this daily digest at ${String(hour).padStart(2, "0")}:00 UTC because you are a moderator; it is sent only on days when something is waiting.`,
      ].filter(Boolean),
      action: { label: "Open moderation", url: absoluteUrl(`${adminPath}?status=pending&sort=oldest`) },
    });
    await enqueueEmails(
      tx,
      recipients.map((r) => ({
        key: `moderator-digest:${day}:${r.userId}`,
        kind: "moderator.digest",
        organisationId: null,
        recipientUserId: r.userId,
        toAddress: r.email,
        subject: email.subject,
        textBody: email.text,
        htmlBody: email.html,
        createdAt: now,
      })),
    );
    return { day, sent: true, waiting, mails: recipients.length };
  });
}

/** The start of the hour after `now`: scans run on the hour, so the digest leaves at its hour. */
export function nextScanAt(now: Date): Date {
  return new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
}

/** Queues a scan at `runAt`; one job per hour slot however many instances ask. */
export async function scheduleReminderScan(tx: DbOrTx, runAt: Date): Promise<void> {
  await insertJobs(tx, [{ kind: REMINDER_SCAN_JOB, key: `${REMINDER_SCAN_JOB}:${runAt.toISOString()}`, runAt, maxAttempts: 5 }]);
}

/**
 * At start-up: make sure a scan is queued for this hour. After downtime the queued scan is already
 * due and runs at once, catching up what was missed; a scan that already ran this hour is not
 * repeated (its key is taken) and the next one is queued.
 */
export async function ensureReminderScan(db: DbOrTx, now: Date): Promise<void> {
  await scheduleReminderScan(db, new Date(Math.floor(now.getTime() / HOUR) * HOUR));
}

/** The job: queue the next round first (the chain survives a failure), then remind and digest. */
export const reminderScanJob: JobHandler = async (_job, context) => {
  const now = context.now();
  await scheduleReminderScan(context.db, nextScanAt(now));
  await sendReportReminders(context.db, now);
  await sendModeratorDigest(context.db, now, getEnv().moderatorDigestHour);
};
