import { siteName as defaultSiteName } from "@/lib/site";

/**
 * Email templates. Pure functions: no I/O, no environment, so the same input always renders the
 * same message (the tests and the dev outbox rely on that).
 *
 * Every message has a plain-text part (what screen readers and text-only clients show, and where
 * the dev outbox finds links) and an HTML part built from nested presentation tables with inline
 * styles, because many mail clients ignore <style> blocks and CSS layout.
 */

export type RenderedEmail = { subject: string; text: string; html: string };

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

// Brand colours from app/globals.css. Each text/background pair clears WCAG AA (4.5:1) by a margin:
// ink-900 on white ≈ 16:1, ink-600 on white ≈ 6.6:1, white on accord-700 ≈ 8.3:1.
const colour = {
  page: "#f3f5f8",
  card: "#ffffff",
  border: "#d9dee6",
  text: "#1b2029",
  muted: "#505c73",
  accent: "#185745",
  onAccent: "#ffffff",
} as const;

const fontStack = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/** Subjects are single header lines: a stray newline in a title must not reach the header. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** Links in mail must be web links: a `javascript:` or `data:` URL in a button would be a trap. */
function assertWebUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error("Email links must be absolute http(s) URLs");
  }
  if (protocol !== "https:" && protocol !== "http:") throw new Error("Email links must be absolute http(s) URLs");
}

/** "2 January 2025, 10:00 UTC": built by hand so the wording does not depend on the ICU version. */
export function formatUtc(date: Date): string {
  const hh = String(date.getUTCHours()).padStart(2, "0");
  const mm = String(date.getUTCMinutes()).padStart(2, "0");
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

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

function paragraphHtml(html: string, style = "margin:0 0 16px;"): string {
  return `<p style="${style}">${html}</p>`;
}

/** A button that is a link (not a form), wrapped in a table so Outlook keeps its padding and colour. */
function buttonHtml(label: string, url: string): string {
  const href = escapeHtml(url);
  return [
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;">`,
    `<tr><td style="border-radius:6px;background-color:${colour.accent};">`,
    `<a href="${href}" target="_blank" rel="noopener" style="display:inline-block;padding:12px 24px;border-radius:6px;font-family:${fontStack};font-size:16px;font-weight:600;line-height:1.25;color:${colour.onAccent};text-decoration:none;">${escapeHtml(label)}</a>`,
    `</td></tr></table>`,
  ].join("\n");
}

/** The link again as visible text, for clients that block buttons and for copy-and-paste. */
function plainLinkHtml(url: string): string {
  const href = escapeHtml(url);
  return paragraphHtml(`<a href="${href}" style="color:${colour.accent};text-decoration:underline;">${href}</a>`, "margin:0 0 16px;word-break:break-all;font-size:14px;");
}

/** The shared page: a centred card on a tinted background, one heading, site name as header. */
function layoutHtml(opts: { siteName: string; title: string; preheader: string; bodyHtml: string; footerHtml: string }): string {
  const { siteName, title, preheader, bodyHtml, footerHtml } = opts;
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${escapeHtml(title)}</title>
</head>
<body style="margin:0;padding:0;background-color:${colour.page};">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${colour.page};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:${colour.card};border:1px solid ${colour.border};border-radius:8px;">
<tr><td style="padding:32px;font-family:${fontStack};font-size:16px;line-height:1.5;color:${colour.text};">
<p style="margin:0 0 8px;font-size:14px;font-weight:600;color:${colour.muted};">${escapeHtml(siteName)}</p>
<h1 style="margin:0 0 16px;font-size:24px;line-height:1.25;font-weight:700;color:${colour.text};">${escapeHtml(title)}</h1>
${bodyHtml}
</td></tr>
<tr><td style="padding:16px 32px 24px;border-top:1px solid ${colour.border};font-family:${fontStack};font-size:14px;line-height:1.5;color:${colour.muted};">
${footerHtml}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
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
