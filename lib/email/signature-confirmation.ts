import { siteName as defaultSiteName } from "@/lib/site";
import { assertWebUrl, buttonHtml, colour, escapeHtml, fontStack, formatUtc, layoutHtml, oneLine, paragraphHtml, type RenderedEmail } from "./layout";

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

const monoStack = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";

function linkHtml(label: string, url: string): string {
  return `<a href="${escapeHtml(url)}" style="color:${colour.accent};text-decoration:underline;">${escapeHtml(label)}</a>`;
}

/** One row of the details table; `mono` for the hash, which must wrap on narrow screens. */
function rowHtml(label: string, value: string, mono = false): string {
  const valueStyle = mono ? `font-family:${monoStack};font-size:13px;word-break:break-all;` : "";
  return `<tr><th scope="row" align="left" valign="top" style="padding:4px 12px 4px 0;font-weight:600;color:${colour.muted};white-space:nowrap;">${escapeHtml(label)}</th><td style="padding:4px 0;${valueStyle}">${escapeHtml(value)}</td></tr>`;
}

export function renderSignatureConfirmationEmail(input: SignatureConfirmationInput): RenderedEmail {
  const {
    organisation,
    version,
    contentHash,
    signerName,
    signerTitle,
    signedAt,
    entryUrl,
    receiptUrl,
    dashboardUrl,
    reaffirmation = false,
    siteName = defaultSiteName,
  } = input;
  for (const url of [entryUrl, receiptUrl, dashboardUrl]) assertWebUrl(url);
  const subject = oneLine(`${organisation} ${reaffirmation ? "re-affirmed" : "signed"} version ${version} of the accord`);
  const when = formatUtc(signedAt);
  const intro = `You signed version ${version} of the accord on behalf of ${organisation}. The signature is bound to the exact text of that version by its content hash and is now recorded in the registry's public ledger.`;
  const proof =
    "The ledger entry shows the record as published; the receipt is a file that proves, without trusting the registry, that the entry is in the log.";
  const next = "Next: register your organisation's commitments under each principle on your dashboard, so anyone can see what you will do and check it.";
  const unexpected =
    "If you did not sign, tell the other owners of your organisation at once: an owner can withdraw the signature from the dashboard, and the withdrawal is public.";
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

  const bodyHtml = [
    paragraphHtml(escapeHtml(intro)),
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="margin:0 0 16px;font-family:${fontStack};font-size:15px;line-height:1.4;color:${colour.text};">`,
    ...details.map(([label, value]) => rowHtml(label, value, label.startsWith("Content hash"))),
    `</table>`,
    buttonHtml("See the ledger entry", entryUrl),
    paragraphHtml(`${linkHtml("Download the receipt", receiptUrl)} · ${linkHtml("Open the ledger entry", entryUrl)}`, "margin:0 0 16px;font-size:14px;"),
    paragraphHtml(escapeHtml(proof), `margin:0 0 16px;font-size:14px;color:${colour.muted};`),
    paragraphHtml(`${escapeHtml(next)} ${linkHtml("Go to your dashboard", dashboardUrl)}`),
  ].join("\n");

  const footerHtml = `${paragraphHtml(escapeHtml(unexpected), "margin:0 0 8px;")}\n<p style="margin:0;">${escapeHtml(siteName)}</p>`;
  const html = layoutHtml({
    siteName,
    title: subject,
    preheader: `Version ${version}, signed ${when}. Your ledger entry and receipt are inside.`,
    bodyHtml,
    footerHtml,
  });
  return { subject, text, html };
}
