/**
 * The building blocks every registry email shares: one palette, escaping, link checks, and the
 * HTML page (nested presentation tables with inline styles, because many mail clients ignore
 * <style> blocks and CSS layout). Pure functions, no I/O.
 */

export type RenderedEmail = { subject: string; text: string; html: string };

// Brand colours from app/globals.css. Each text/background pair clears WCAG AA (4.5:1) by a margin:
// ink-900 on white ≈ 16:1, ink-600 on white ≈ 6.6:1, white on accord-700 ≈ 8.3:1.
export const colour = {
  page: "#f3f5f8",
  card: "#ffffff",
  border: "#d9dee6",
  text: "#1b2029",
  muted: "#505c73",
  accent: "#185745",
  onAccent: "#ffffff",
} as const;

export const fontStack = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/** Subjects are single header lines: a stray newline in a title must not reach the header. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** Links in mail must be web links: a `javascript:` or `data:` URL in a button would be a trap. */
export function assertWebUrl(url: string): void {
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

export function paragraphHtml(html: string, style = "margin:0 0 16px;"): string {
  return `<p style="${style}">${html}</p>`;
}

/** A button that is a link (not a form), wrapped in a table so Outlook keeps its padding and colour. */
export function buttonHtml(label: string, url: string): string {
  const href = escapeHtml(url);
  return [
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;">`,
    `<tr><td style="border-radius:6px;background-color:${colour.accent};">`,
    `<a href="${href}" target="_blank" rel="noopener" style="display:inline-block;padding:12px 24px;border-radius:6px;font-family:${fontStack};font-size:16px;font-weight:600;line-height:1.25;color:${colour.onAccent};text-decoration:none;">${escapeHtml(label)}</a>`,
    `</td></tr></table>`,
  ].join("\n");
}

/** The link again as visible text, for clients that block buttons and for copy-and-paste. */
export function plainLinkHtml(url: string): string {
  const href = escapeHtml(url);
  return paragraphHtml(
    `<a href="${href}" style="color:${colour.accent};text-decoration:underline;">${href}</a>`,
    "margin:0 0 16px;word-break:break-all;font-size:14px;",
  );
}

/** The shared page: a centred card on a tinted background, one heading, site name as header. */
export function layoutHtml(opts: { siteName: string; title: string; preheader: string; bodyHtml: string; footerHtml: string }): string {
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
