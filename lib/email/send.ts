import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "@/lib/env";
import { siteName } from "@/lib/site";
import { appendToOutbox } from "./outbox";

/**
 * Outgoing email. With SMTP_URL every message goes to that server; a demo registry without it keeps
 * mail in the dev outbox instead (production always has SMTP_URL: env validation requires it).
 */

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A stable `<id@host>` (outbox mail), so a retried delivery is the same message to the receiver. */
  messageId?: string;
};
export type DeliveryResult = { delivery: "smtp" | "outbox"; messageId?: string };

/** A delivery failure whose message is safe to log: it never contains SMTP_URL's credentials. */
export class EmailDeliveryError extends Error {
  constructor(
    message: string,
    /** Nodemailer's error code (ECONNECTION, EENVELOPE, EAUTH, ...), when there is one. */
    readonly code?: string,
    /** The SMTP reply code (550, 421, ...), when the server answered. */
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = "EmailDeliveryError";
  }
}

// Connection limits well below nodemailer's defaults (2 minutes to connect, 10 idle): a sign-in
// request waits on this, and a dead mail server should fail the request, not hang it.
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

let cached: { url: string; transport: Transporter } | undefined;

/** One transport per SMTP_URL, rebuilt when the URL changes (tests and config reloads). */
function transportFor(url: string): Transporter {
  if (cached?.url !== url) {
    cached?.transport.close();
    cached = { url, transport: nodemailer.createTransport({ url, ...TIMEOUTS }) };
  }
  return cached.transport;
}

/** `"Tech Accord Registry" <no-reply@host>` unless EMAIL_FROM says otherwise. */
function fromAddress(): string | { name: string; address: string } {
  const env = getEnv();
  if (env.EMAIL_FROM) return env.EMAIL_FROM;
  return { name: siteName, address: `no-reply@${new URL(env.siteUrl).hostname}` };
}

/** "smtp://host:port" with no user or password: enough to tell which server failed. */
function describeServer(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  return `${url.protocol}//${url.host}`;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Removes the URL's user name and password, as written and percent-decoded, from a message. */
export function redactCredentials(message: string, smtpUrl: string): string {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    return message.split(smtpUrl).join("[SMTP_URL]");
  }
  const secrets = [smtpUrl, url.password, safeDecode(url.password), url.username, safeDecode(url.username)]
    .filter((s) => s !== "")
    // Longest first, so a password containing the user name is removed whole.
    .sort((a, b) => b.length - a.length);
  return secrets.reduce((text, secret) => text.split(secret).join("***"), message);
}

function deliveryError(error: unknown, smtpUrl: string): EmailDeliveryError {
  const details = error instanceof Error ? error : new Error(String(error));
  const { code, responseCode } = details as Error & { code?: unknown; responseCode?: unknown };
  // Deliberately no `cause`: the original error (and its `response`, `command`) is not redacted.
  return new EmailDeliveryError(
    `Email delivery via ${describeServer(smtpUrl)} failed: ${redactCredentials(details.message, smtpUrl)}`,
    typeof code === "string" ? code : undefined,
    typeof responseCode === "number" ? responseCode : undefined,
  );
}

/** Log lines stay one line whatever an address or subject contains. */
const forLog = (value: string) => value.replace(/[\u0000-\u001f\u007f]+/g, " ");

/** Sends one message over SMTP_URL, or keeps it in the dev outbox in demo mode without SMTP. */
export async function sendEmail(message: OutgoingEmail): Promise<DeliveryResult> {
  const env = getEnv();
  if (env.SMTP_URL) {
    const smtpUrl = env.SMTP_URL;
    try {
      const info = await transportFor(smtpUrl).sendMail({
        from: fromAddress(),
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.messageId ? { messageId: message.messageId } : {}),
      });
      return { delivery: "smtp", messageId: info.messageId };
    } catch (error) {
      throw deliveryError(error, smtpUrl);
    }
  }
  if (env.mode === "production") throw new EmailDeliveryError("SMTP_URL is required to send email in production");
  await appendToOutbox({ to: message.to, subject: message.subject, text: message.text, html: message.html });
  console.log(`[registry] email to ${forLog(message.to)}: ${forLog(message.subject)} (dev outbox)`);
  return { delivery: "outbox" };
}

/** Demo mode only: prints a sign-in link to the server log, so a demo needs no mail server. */
export function logMagicLink(to: string, url: string): void {
  console.log(`[registry] sign-in link for ${forLog(to)}: ${forLog(url)}`);
}
