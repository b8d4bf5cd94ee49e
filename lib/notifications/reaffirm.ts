import "server-only";
import type { DbOrTx } from "@/db/client";
import { getReaffirmRecipients } from "@/db/queries/outbox";
import { enqueueEmails, noticeMail, renderOrganisationNotice } from "./notify";
import type { renderNotice } from "./templates";

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
      email = renderOrganisationNotice("accord.reaffirm_requested", r, {
        version: String(version.number),
        previousVersion: String(r.signedVersion),
        changelog: version.changelog,
      });
      rendered.set(r.organisationId, email);
    }
    // One request per version per person: publishing is never repeated, but a retried call is harmless.
    return noticeMail({
      key: `reaffirm:${version.number}:${r.organisationId}:${r.userId}`,
      kind: "accord.reaffirm_requested",
      organisationId: r.organisationId,
      recipient: r,
      email,
      now,
    });
  });
  return (await enqueueEmails(tx, mails)).length;
}
