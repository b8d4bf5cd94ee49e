import "server-only";
import type { DbOrTx } from "@/db/client";
import { getUserByEmail } from "@/db/queries/users";
import { renderMagicLinkEmail, renderNotificationEmail } from "@/lib/email/magic-link";
import { appendToOutbox } from "@/lib/email/outbox";
import { logMagicLink, sendEmail } from "@/lib/email/send";
import { getEnv } from "@/lib/env";
import { siteName } from "@/lib/site";
import { normaliseEmailAddress } from "@/lib/validation/email-address";

export type SignInDelivery = "smtp" | "outbox" | "server-log";

/**
 * Whether a sign-in with this address grants more than a member's rights: it is in ADMIN_EMAILS
 * (promoted at sign-in), or its user already holds a site role.
 */
export async function receivesSiteRole(db: DbOrTx, email: string, adminEmails: readonly string[]): Promise<boolean> {
  const normal = (address: string) => {
    const verdict = normaliseEmailAddress(address);
    return verdict.ok ? verdict.email : address.trim().toLowerCase();
  };
  const target = normal(email);
  if (adminEmails.some((admin) => normal(admin) === target)) return true;
  const user = await getUserByEmail(db, target);
  return user !== null && user.siteRole !== "member";
}

/**
 * Sends a sign-in link straight away (never through the notification outbox: a sign-in link is
 * wanted now, and must not outlive its use in a queue). With SMTP_URL it is mailed. A demo without
 * SMTP_URL prints every link in the server log and shows it in the public dev outbox, except a
 * link for an address with a site role: whoever could read /dev/outbox would become admin, so that
 * link is in the server log only (the person at the machine still gets it), and the outbox says so.
 */
export async function deliverSignInLink(
  db: DbOrTx,
  { to, link, expires, now }: { to: string; link: string; expires: Date; now?: Date },
): Promise<SignInDelivery> {
  const env = getEnv();
  const { host } = new URL(env.siteUrl);
  const message = { to, ...renderMagicLinkEmail({ url: link, siteName, host, expires, now }) };
  if (env.SMTP_URL || env.mode === "production") {
    await sendEmail(message);
    return "smtp";
  }
  logMagicLink(to, link);
  if (await receivesSiteRole(db, to, env.adminEmails)) {
    const notice = renderNotificationEmail({
      title: `Sign in to ${siteName}: link in the server log`,
      paragraphs: [
        `A sign-in link was requested for ${to}. This address has a site role (administrator, moderator or editor), so its link is never shown on this page, which anyone can read.`,
        "The person running this demo registry finds the link in the server's log (the terminal where it was started).",
      ],
    });
    await appendToOutbox({ to, ...notice });
    return "server-log";
  }
  await sendEmail(message);
  return "outbox";
}
