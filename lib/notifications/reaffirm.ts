import "server-only";
import type { DbOrTx } from "@/db/client";
import { getReaffirmRecipients } from "@/db/queries/outbox";
import { absoluteUrl } from "@/lib/site";
import { enqueueEmails } from "./notify";
import { renderNotice } from "./templates";
import { organisationDashboardPath, profilePath } from "@/lib/paths";

/**
 * A new accord version was published (in `tx`): every owner and member of every verified
 * organisation whose standing signature is for an older version is asked to re-affirm. One query
 * finds them all and the mail is inserted in batches, never one round trip per organisation.
 */
export async function requestReaffirmation(tx: DbOrTx, version: { number: number; changelog: string }, now: Date = new Date()): Promise<number> {
  const recipients = await getReaffirmRecipients(tx, version.number);
  const rendered = new Map<string, ReturnType<typeof renderNotice>>();
  const mails = recipients.map((r) => {
    let email = rendered.get(r.organisationId);
    if (!email) {
      email = renderNotice("accord.reaffirm_requested", {
        organisation: r,
        facts: { version: String(version.number), previousVersion: String(r.signedVersion), changelog: version.changelog },
        dashboardUrl: absoluteUrl(organisationDashboardPath(r.slug)),
        profileUrl: absoluteUrl(profilePath(r.slug)),
      });
      rendered.set(r.organisationId, email);
    }
    return {
      // One request per version per person: publishing is never repeated, but a retried call is harmless.
      key: `reaffirm:${version.number}:${r.organisationId}:${r.userId}`,
      kind: "accord.reaffirm_requested",
      organisationId: r.organisationId,
      recipientUserId: r.userId,
      toAddress: r.email,
      subject: email.subject,
      textBody: email.text,
      htmlBody: email.html,
      createdAt: now,
    };
  });
  return (await enqueueEmails(tx, mails)).length;
}
