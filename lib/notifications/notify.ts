import "server-only";
import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { insertJobs } from "@/db/queries/jobs";
import { getOrganisationById } from "@/db/queries/organisations";
import { getOrganisationRecipients, insertOutboxEmails, setOutboxJobs, type NewOutboxEmail } from "@/db/queries/outbox";
import { getEnv } from "@/lib/env";
import { nudgeJobs } from "@/lib/jobs/nudge";
import { absoluteUrl } from "@/lib/site";
import type { NoticeKind } from "./notice-kind";
import type { RenderedEmail } from "@/lib/email/layout";
import { renderNotice } from "./templates";
import { organisationDashboardPath, profilePath } from "@/lib/paths";

/**
 * The transactional outbox. Code that changes something people must be told about calls these
 * inside its own transaction: the mail rows (and the jobs that send them) commit or roll back with
 * the change, so a crash or an SMTP outage can never lose a notice, and a failed change never
 * sends one. The server's job runner (lib/jobs) sends them after commit, retrying with back-off.
 * Sign-in links never come here: they are sent directly (lib/auth).
 */

export type { NoticeKind } from "./notice-kind";

/** The job kind that delivers one outbox row. */
export const SEND_EMAIL_JOB = "email.send";

/** Message-IDs are `<outbox-id@site-host>`: stable across retries, so a receiver sees one message. */
export function messageIdFor(outboxId: string): string {
  return `<${outboxId}@${new URL(getEnv().siteUrl).hostname}>`;
}

export type QueuedEmail = Omit<NewOutboxEmail, "id" | "messageId" | "jobId" | "createdAt"> & { createdAt: Date };

/** Inserts mail rows and one send job per new row, in `tx`. Rows whose key exists are skipped. */
export async function enqueueEmails(tx: DbOrTx, mails: QueuedEmail[]): Promise<string[]> {
  if (mails.length === 0) return [];
  const ids: string[] = [];
  // Batches keep each statement's parameter count well under PostgreSQL's 65,535 limit.
  for (let start = 0; start < mails.length; start += 500) {
    const batch = mails.slice(start, start + 500).map((mail) => {
      const id: string = randomUUID();
      return { ...mail, id, messageId: messageIdFor(id) };
    });
    const inserted = await insertOutboxEmails(tx, batch);
    if (inserted.length === 0) continue;
    const byId = new Map<string, (typeof batch)[number]>(batch.map((m) => [m.id, m]));
    const jobs = inserted.map((id) => ({
      id: randomUUID(),
      kind: SEND_EMAIL_JOB,
      payload: { outboxId: id },
      key: `email:${id}`,
      runAt: byId.get(id)!.createdAt,
    }));
    await insertJobs(tx, jobs);
    await setOutboxJobs(
      tx,
      jobs.map((job) => ({ id: job.payload.outboxId, jobId: job.id })),
    );
    ids.push(...inserted);
  }
  if (ids.length > 0) nudgeJobs();
  return ids;
}

/** A notice about one organisation, rendered with the links to its dashboard and public profile. */
export function renderOrganisationNotice(kind: NoticeKind, organisation: { displayName: string; slug: string }, facts: Record<string, string>): RenderedEmail {
  return renderNotice(kind, {
    organisation,
    facts,
    dashboardUrl: absoluteUrl(organisationDashboardPath(organisation.slug)),
    profileUrl: absoluteUrl(profilePath(organisation.slug)),
  });
}

/** The outbox row of a rendered notice to one member. */
export function noticeMail(mail: {
  key: string;
  kind: NoticeKind;
  organisationId: string;
  recipient: { userId: string; email: string };
  email: RenderedEmail;
  now: Date;
}): QueuedEmail {
  return {
    key: mail.key,
    kind: mail.kind,
    organisationId: mail.organisationId,
    recipientUserId: mail.recipient.userId,
    toAddress: mail.recipient.email,
    subject: mail.email.subject,
    textBody: mail.email.text,
    htmlBody: mail.email.html,
    createdAt: mail.now,
  };
}

/**
 * Queues one email to every owner and member of the organisation (and `extraUserIds`), in the
 * caller's transaction. `excludeUserIds` leaves out people told otherwise (the signer gets a
 * signature confirmation instead).
 */
export async function notifyOrganisation(
  tx: DbOrTx,
  notice: { organisationId: string; kind: NoticeKind; facts: Record<string, string>; extraUserIds?: string[]; excludeUserIds?: string[]; now?: Date },
): Promise<void> {
  const org = await getOrganisationById(tx, notice.organisationId);
  // Demo organisations (fictional, on .example domains) have nobody to tell.
  if (!org || org.isDemo) return;
  const now = notice.now ?? new Date();
  const excluded = new Set(notice.excludeUserIds ?? []);
  const recipients = (await getOrganisationRecipients(tx, org.id, notice.extraUserIds ?? [])).filter((r) => !excluded.has(r.userId));
  if (recipients.length === 0) return;
  const email = renderOrganisationNotice(notice.kind, org, notice.facts);
  // One notice, one key: a retried transaction that queues it again is rejected as a whole, but
  // two notices of the same kind (say two suspensions a year apart) are two mails.
  const noticeId = randomUUID();
  await enqueueEmails(
    tx,
    recipients.map((r) => noticeMail({ key: `notice:${noticeId}:${r.userId}`, kind: notice.kind, organisationId: org.id, recipient: r, email, now })),
  );
}

/** Queues one email to one address (e.g. an invitation), in the caller's transaction. */
export async function queueEmail(
  tx: DbOrTx,
  mail: { to: string; subject: string; text: string; html: string; key: string; now?: Date; organisationId?: string; kind?: string },
): Promise<void> {
  await enqueueEmails(tx, [
    {
      key: mail.key,
      kind: mail.kind ?? "email",
      organisationId: mail.organisationId ?? null,
      recipientUserId: null,
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      createdAt: mail.now ?? new Date(),
    },
  ]);
}
