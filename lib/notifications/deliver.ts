import "server-only";
import { getOutboxEmail, markOutboxSent } from "@/db/queries/outbox";
import type { Job } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import type { JobContext } from "@/lib/jobs/runner";

/**
 * The "email.send" job: delivers one outbox row over SMTP_URL (or, in demo mode without it, to the
 * dev outbox), with the row's stable Message-ID. A row already sent is not sent again; a send that
 * succeeded just before its runner died may be repeated (at least once), and the receiver can tell
 * by the Message-ID.
 */
export async function sendOutboxEmail(job: Job, { db, now }: JobContext): Promise<void> {
  const { outboxId } = job.payload as { outboxId?: string };
  if (!outboxId) throw new Error("email.send job without an outboxId");
  const mail = await getOutboxEmail(db, outboxId);
  // Gone (its organisation was deleted) or already delivered: nothing left to do.
  if (!mail || mail.sentAt) return;
  await sendEmail({ to: mail.toAddress, subject: mail.subject, text: mail.textBody, html: mail.htmlBody, messageId: mail.messageId });
  await markOutboxSent(db, mail.id, now());
}
