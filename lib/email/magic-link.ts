import { siteName as defaultSiteName } from "@/lib/site";
import { assertWebUrl, buttonHtml, colour, escapeHtml, formatUtc, layoutHtml, oneLine, paragraphHtml, plainLinkHtml, type RenderedEmail } from "./layout";

export { escapeHtml, formatUtc, type RenderedEmail } from "./layout";

/**
 * Email templates. Pure functions: no I/O, no environment, so the same input always renders the
 * same message (the tests and the dev outbox rely on that).
 *
 * Every message has a plain-text part (what screen readers and text-only clients show, and where
 * the dev outbox finds links) and an HTML part built from nested presentation tables with inline
 * styles, because many mail clients ignore <style> blocks and CSS layout.
 */

export type MagicLinkEmailInput = {
  url: string;
  siteName: string;
  /** Host of the site, shown so recipients can tell which registry sent the link. */
  host: string;
  expires: Date;
  /** Reference time for the relative expiry wording; a parameter so tests are deterministic. */
  now?: Date;
};

export type NotificationEmailInput = {
  title: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  siteName?: string;
};

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/**
 * "in 24 hours", "in 15 minutes", "in 3 days". Rounds to the nearest unit rather than down: the
 * token's expiry is fixed a moment before the email is rendered, and "in 23 hours" for a 24-hour
 * link would be misleading.
 */
export function describeExpiry(expires: Date, now: Date = new Date()): string {
  const minutes = Math.round((expires.getTime() - now.getTime()) / 60_000);
  if (minutes < 1) return "in less than a minute";
  if (minutes < 60) return `in ${plural(minutes, "minute")}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in ${plural(hours, "hour")}`;
  return `in ${plural(Math.round(hours / 24), "day")}`;
}

/** The sign-in email Auth.js sends: one-time link, when it expires, what to do if unexpected. */
export function renderMagicLinkEmail(input: MagicLinkEmailInput): RenderedEmail {
  const { url, siteName, host, expires, now = new Date() } = input;
  assertWebUrl(url);
  const subject = oneLine(`Sign in to ${siteName}`);
  const relative = describeExpiry(expires, now);
  const absolute = formatUtc(expires);
  const intro = `Someone, hopefully you, asked to sign in to ${siteName} (${host}) with this email address.`;
  const expiry = `The link works once and expires ${relative} (${absolute}).`;
  const ignore = `If you did not ask for it, you can ignore this email: nobody can sign in without the link, and nothing changes on your account.`;

  // The URL sits alone on its line so that link detection in text clients (and the dev outbox)
  // never swallows neighbouring punctuation into it.
  const text = [subject, "", intro, "", "Open this link to sign in:", "", url, "", expiry, "", ignore, "", `— ${siteName}, ${host}`, ""].join("\n");

  const bodyHtml = [
    paragraphHtml(escapeHtml(intro)),
    buttonHtml(`Sign in to ${siteName}`, url),
    paragraphHtml("If the button does not work, copy this link into your browser:", `margin:0 0 16px;font-size:14px;color:${colour.muted};`),
    plainLinkHtml(url),
    paragraphHtml(escapeHtml(expiry)),
  ].join("\n");
  const footerHtml = `${paragraphHtml(escapeHtml(ignore), "margin:0 0 8px;")}\n<p style="margin:0;">${escapeHtml(siteName)} · ${escapeHtml(host)}</p>`;

  const html = layoutHtml({ siteName, title: subject, preheader: `Your sign-in link. ${expiry}`, bodyHtml, footerHtml });
  return { subject, text, html };
}

/** A generic message (confirmations and the like): a title, paragraphs, and optionally one action. */
export function renderNotificationEmail(input: NotificationEmailInput): RenderedEmail {
  const { title, paragraphs, action, siteName = defaultSiteName } = input;
  if (action) assertWebUrl(action.url);
  const subject = oneLine(title);

  const textParts = [subject, "", ...paragraphs.flatMap((p) => [p, ""])];
  if (action) textParts.push(`${action.label}:`, "", action.url, "");
  textParts.push(`— ${siteName}`, "");

  const bodyParts = paragraphs.map((p) => paragraphHtml(escapeHtml(p)));
  if (action) bodyParts.push(buttonHtml(action.label, action.url), plainLinkHtml(action.url));
  const footerHtml = `<p style="margin:0;">${escapeHtml(siteName)}</p>`;

  const html = layoutHtml({ siteName, title: subject, preheader: paragraphs[0] ?? subject, bodyHtml: bodyParts.join("\n"), footerHtml });
  return { subject, text: textParts.join("\n"), html };
}
