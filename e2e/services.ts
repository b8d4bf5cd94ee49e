import type { Page } from "@playwright/test";
import { expect } from "@playwright/test";

const api = () => {
  const url = process.env.E2E_SERVICES_URL;
  if (!url) throw new Error("E2E_SERVICES_URL is not set: run the end-to-end tests through `npm test`");
  return url;
};

export type Email = { to: string[]; subject: string; text: string; html: string };

/** How many messages the sink holds now: pass it to waitForEmail to ignore older ones. */
export async function emailMark(): Promise<number> {
  return ((await (await fetch(`${api()}/messages`)).json()) as { count: number }).count;
}

/** The first email to `to` received after `after` messages (waits for it to arrive). */
export async function waitForEmail(to: string, after = 0): Promise<Email> {
  const response = await fetch(`${api()}/messages/wait?to=${encodeURIComponent(to)}&after=${after}`);
  if (!response.ok) throw new Error(`no email for ${to}: ${await response.text()}`);
  return (await response.json()) as Email;
}

/** Every message the sink received for one address so far (parallel tests do not disturb it). */
export async function emailsTo(address: string): Promise<Email[]> {
  const { messages } = (await (await fetch(`${api()}/messages`)).json()) as { messages: Email[] };
  return messages.filter((m) => m.to.some((to) => to.toLowerCase() === address.toLowerCase()));
}

/**
 * The first sign-in email to `to` after `after` messages. Notices from the registry's outbox reach
 * the same inboxes at their own pace, so the sign-in mail is picked by its link, not by its order.
 */
export async function waitForSignInEmail(to: string, after = 0): Promise<Email> {
  let found: Email | undefined;
  await expect
    .poll(
      async () => {
        const { messages } = (await (await fetch(`${api()}/messages`)).json()) as { messages: Email[] };
        found = messages.slice(after).find((m) => m.to.some((t) => t.toLowerCase() === to.toLowerCase()) && /\/api\/auth\/callback\/nodemailer/.test(m.text));
        return found !== undefined;
      },
      { timeout: 15_000, message: `no sign-in email for ${to}` },
    )
    .toBe(true);
  return found!;
}

export function linkIn(email: Email): string {
  const link = email.text.match(/https?:\/\/\S+\/api\/auth\/callback\/nodemailer\S+/)?.[0];
  if (!link) throw new Error(`no sign-in link in: ${email.text}`);
  return link;
}

/** Publishes TXT records on the test DNS server that the registry asks. */
export async function publishTxt(name: string, records: string[]) {
  const response = await fetch(`${api()}/dns`, { method: "POST", body: JSON.stringify({ name, records }) });
  if (!response.ok) throw new Error(`could not publish ${name}`);
}

/** Signs in through the real flow: the form, the email over SMTP, the link. */
export async function signIn(page: Page, email: string, returnTo = "/dashboard") {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel("Work email").fill(email);
  const mark = await emailMark();
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  // Sending goes through real SMTP; on a loaded machine the first request of a run can take a while.
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible({ timeout: 15_000 });
  const link = linkIn(await waitForSignInEmail(email, mark));
  // The link carries the production site URL; follow it on the server under test.
  const local = new URL(link);
  await page.goto(`${local.pathname}${local.search}`);
  await expect(page).toHaveURL(new RegExp(returnTo.replace(/[/?]/g, "\\$&")));
}
