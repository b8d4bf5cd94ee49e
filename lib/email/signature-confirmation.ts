import { siteName as defaultSiteName } from "@/lib/site";
import { escapeHtml, formatUtc, type RenderedEmail } from "./magic-link";

/**
 * The confirmation a signer receives after signing: what was signed (organisation, version, the
 * content hash the signature is bound to), by whom and when, and where the public proof lives.
 * A pure function like the sign-in email, so tests and the dev outbox see the same message.
 */

export type SignatureConfirmationInput = {
  organisation: string;
  version: number;
  contentHash: string;
  signerName: string;
  signerTitle: string;
  signedAt: Date;
  /** Absolute URLs on SITE_URL. */
  entryUrl: string;
  receiptUrl: string;
  dashboardUrl: string;
  /** True when this signature re-affirms a newer version over an older standing one. */
  reaffirmation?: boolean;
  siteName?: string;
};

// The palette of the sign-in email (lib/email/magic-link.ts), so the registry's mail looks like one family.
const colour = { page: "#f3f5f8", card: "#ffffff", border: "#d9dee6", text: "#1b2029", muted: "#505c73", accent: "#185745", onAccent: "#ffffff" } as const;
const fontStack = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const monoStack = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";

function assertWebUrl(url: string): void {
  const protocol = URL.canParse(url) ? new URL(url).protocol : "";
  if (protocol !== "https:" && protocol !== "http:") throw new Error("Email links must be absolute http(s) URLs");
}

/** Header lines stay one line whatever an organisation's name contains. */
const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();

function linkHtml(label: string, url: string): string {
  return `<a href="${escapeHtml(url)}" style="color:${colour.accent};text-decoration:underline;">${escapeHtml(label)}</a>`;
}

function buttonHtml(label: string, url: string): string {
  return [
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px;">`,
    `<tr><td style="border-radius:6px;background-color:${colour.accent};">`,
    `<a href="${escapeHtml(url)}" target="_blank" rel="noopener" style="display:inline-block;padding:12px 24px;border-radius:6px;font-family:${fontStack};font-size:16px;font-weight:600;line-height:1.25;color:${colour.onAccent};text-decoration:none;">${escapeHtml(label)}</a>`,
    `</td></tr></table>`,
  ].join("\n");
}

/** One row of the details table; `mono` for the hash, which must wrap on narrow screens. */
function rowHtml(label: string, value: string, mono = false): string {
  const valueStyle = mono ? `font-family:${monoStack};font-size:13px;word-break:break-all;` : "";
  return `<tr><th scope="row" align="left" valign="top" style="padding:4px 12px 4px 0;font-weight:600;color:${colour.muted};white-space:nowrap;">${escapeHtml(label)}</th><td style="padding:4px 0;${valueStyle}">${escapeHtml(value)}</td></tr>`;
}

export function renderSignatureConfirmationEmail(input: SignatureConfirmationInput): RenderedEmail {
  const { organisation, version, contentHash, signerName, signerTitle, signedAt, entryUrl, receiptUrl, dashboardUrl, reaffirmation = false, siteName = defaultSiteName } = input;
  for (const url of [entryUrl, receiptUrl, dashboardUrl]) assertWebUrl(url);
  const subject = oneLine(`${organisation} ${reaffirmation ? "re-affirmed" : "signed"} version ${version} of the accord`);
  const when = formatUtc(signedAt);
  const intro = `You signed version ${version} of the accord on behalf of ${organisation}. The signature is bound to the exact text of that version by its content hash and is now recorded in the registry's public ledger.`;
  const proof = "The ledger entry shows the record as published; the receipt is a file that proves, without trusting the registry, that the entry is in the log.";
  const next = "Next: register your organisation's commitments under each principle on your dashboard, so anyone can see what you will do and check it.";
  const unexpected = "If you did not sign, tell the other owners of your organisation at once: an owner can withdraw the signature from the dashboard, and the withdrawal is public.";
  const details: [string, string][] = [
    ["Organisation", organisation],
    ["Accord version", String(version)],
    ["Content hash (SHA-256)", contentHash],
    ["Signed by", `${signerName}, ${signerTitle}`],
    ["Signed at", when],
  ];

  // Each URL alone on its line, so text clients and the dev outbox never swallow punctuation into it.
  const text = [
    subject,
    "",
    intro,
    "",
    ...details.map(([label, value]) => `${label}: ${value}`),
    "",
    "Ledger entry:",
    "",
    entryUrl,
    "",
    "Receipt (inclusion proof):",
    "",
    receiptUrl,
    "",
    proof,
    "",
    next,
    "",
    dashboardUrl,
    "",
    unexpected,
    "",
    `— ${siteName}`,
    "",
  ].join("\n");

  const paragraph = (html: string, style = "margin:0 0 16px;") => `<p style="${style}">${html}</p>`;
  const bodyHtml = [
    paragraph(escapeHtml(intro)),
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="margin:0 0 16px;font-family:${fontStack};font-size:15px;line-height:1.4;color:${colour.text};">`,
    ...details.map(([label, value]) => rowHtml(label, value, label.startsWith("Content hash"))),
    `</table>`,
    buttonHtml("See the ledger entry", entryUrl),
    paragraph(`${linkHtml("Download the receipt", receiptUrl)} · ${linkHtml("Open the ledger entry", entryUrl)}`, "margin:0 0 16px;font-size:14px;"),
    paragraph(escapeHtml(proof), `margin:0 0 16px;font-size:14px;color:${colour.muted};`),
    paragraph(`${escapeHtml(next)} ${linkHtml("Go to your dashboard", dashboardUrl)}`),
  ].join("\n");

  const html = `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:${colour.page};">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(`Version ${version}, signed ${when}. Your ledger entry and receipt are inside.`)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${colour.page};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:${colour.card};border:1px solid ${colour.border};border-radius:8px;">
<tr><td style="padding:32px;font-family:${fontStack};font-size:16px;line-height:1.5;color:${colour.text};">
<p style="margin:0 0 8px;font-size:14px;font-weight:600;color:${colour.muted};">${escapeHtml(siteName)}</p>
<h1 style="margin:0 0 16px;font-size:24px;line-height:1.25;font-weight:700;color:${colour.text};">${escapeHtml(subject)}</h1>
${bodyHtml}
</td></tr>
<tr><td style="padding:16px 32px 24px;border-top:1px solid ${colour.border};font-family:${fontStack};font-size:14px;line-height:1.5;color:${colour.muted};">
${paragraph(escapeHtml(unexpected), "margin:0 0 8px;")}
<p style="margin:0;">${escapeHtml(siteName)}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
  return { subject, text, html };
}
