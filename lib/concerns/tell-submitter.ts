import "server-only";
import type { DbOrTx } from "@/db/client";
import { getUserById } from "@/db/queries/users";
import type { Concern, Organisation } from "@/db/schema";
import { renderNotificationEmail } from "@/lib/email/magic-link";
import { queueEmail } from "@/lib/notifications/notify";
import { concernPath, myConcernsPath } from "@/lib/paths";
import { absoluteUrl } from "@/lib/site";

type Decision = { kind: "admitted" } | { kind: "declined"; reason: string } | { kind: "resolved"; outcome: "upheld" | "not_upheld"; reason: string };

/**
 * Tells the person who raised a concern what a moderator decided, in the decision's transaction
 * (the outbox). Only to them: their address is never shown to anyone else. Demo organisations'
 * fictional concerns mail nobody.
 */
export async function tellSubmitter(tx: DbOrTx, concern: Concern, org: Pick<Organisation, "displayName" | "isDemo">, decision: Decision, now: Date) {
  if (!concern.submitterId || org.isDemo) return;
  const submitter = await getUserById(tx, concern.submitterId);
  if (!submitter) return;
  const name = org.displayName;
  const email =
    decision.kind === "admitted"
      ? renderNotificationEmail({
          title: `Your concern about ${name} is public`,
          paragraphs: [
            `A moderator admitted the concern you raised about ${name}. It is now public, marked "under review", with the text the moderator approved; you are not named.`,
            `${name} may publish a response, and a moderator will then decide whether the concern is upheld.`,
          ],
          action: { label: "See the concern", url: absoluteUrl(concernPath(concern.id)) },
        })
      : decision.kind === "declined"
        ? renderNotificationEmail({
            title: `Your concern about ${name} was declined`,
            paragraphs: [
              `A moderator declined the concern you raised about ${name}, so it will not be published. Nobody else sees it or this reason.`,
              `Reason given: ${decision.reason}`,
            ],
            action: { label: "Your concerns", url: absoluteUrl(myConcernsPath) },
          })
        : renderNotificationEmail({
            title: `Your concern about ${name} is ${decision.outcome === "upheld" ? "upheld" : "not upheld"}`,
            paragraphs: [
              `A moderator decided the concern you raised about ${name}: ${decision.outcome === "upheld" ? "upheld" : "not upheld"}. The outcome is public.`,
              `Reason given: ${decision.reason}`,
            ],
            action: { label: "See the concern", url: absoluteUrl(concernPath(concern.id)) },
          });
  await queueEmail(tx, {
    to: submitter.email,
    subject: email.subject,
    text: email.text,
    html: email.html,
    key: `concern:${concern.id}:${decision.kind}`,
    now,
    kind: "concern.to_submitter",
  });
}
