import { EventEmitter } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

/**
 * A real SMTP server for tests: accepts every message on 127.0.0.1 and parses just enough MIME to
 * assert on what a mail client would show (headers, text and HTML parts after transfer decoding).
 */

export type SinkMessage = {
  /** Addresses in the To header, lower-cased. */
  to: string[];
  /** The From header, decoded. */
  from: string;
  subject: string;
  text: string;
  html: string;
  raw: string;
  receivedAt: number;
  /** SMTP envelope (MAIL FROM / RCPT TO), lower-cased. */
  envelope: { from: string; to: string[] };
};

export type SmtpSink = {
  /** smtp://127.0.0.1:<port> */
  url: string;
  messages: SinkMessage[];
  waitForMessage(to: string, options?: { timeoutMs?: number; after?: number }): Promise<SinkMessage>;
  close(): Promise<void>;
};

export type SmtpSinkOptions = {
  /** Recipients the sink refuses at RCPT TO with a 550, to exercise delivery failures. */
  rejectRecipient?: (address: string) => boolean;
  /** A fixed port, e.g. to bring a stopped sink back where SMTP_URL points (default: a free one). */
  port?: number;
};

const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// MIME parsing. Bodies are handled as "binary strings" (latin1, one char per byte) until a part is
// decoded with its charset, so 8bit UTF-8 bodies and encoded bytes both come out right.

type Headers = Map<string, string>;
type Part = { headers: Headers; body: string };

function decodeBytes(bytes: Buffer, charset = "utf-8"): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function splitHeadersAndBody(binary: string): Part {
  const match = /\r?\n\r?\n/.exec(binary);
  const head = match ? binary.slice(0, match.index) : binary;
  const body = match ? binary.slice(match.index + match[0].length) : "";
  const headers: Headers = new Map();
  // Unfold continuation lines (RFC 5322 2.2.3) before splitting into fields.
  for (const line of head.replace(/\r?\n(?=[ \t])/g, "").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // The first occurrence wins, as mail clients show it.
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** "text/plain; charset=utf-8; format=flowed" → { value: "text/plain", params: { charset: "utf-8", ... } } */
function parseHeaderValue(value: string): { value: string; params: Record<string, string> } {
  const [first = "", ...rest] = value.split(";");
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf("=");
    if (eq < 0) continue;
    params[param.slice(0, eq).trim().toLowerCase()] = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
  }
  return { value: first.trim().toLowerCase(), params };
}

/** Quoted-printable (RFC 2045 6.7) to bytes: soft line breaks removed, =XX decoded. */
export function decodeQuotedPrintable(binary: string): Buffer {
  const joined = binary.replace(/[ \t]+(?=\r?\n)/g, "").replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function decodeTransfer(body: string, encoding: string): Buffer {
  switch (encoding.toLowerCase()) {
    case "quoted-printable":
      return decodeQuotedPrintable(body);
    case "base64":
      return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ""), "base64");
    default:
      return Buffer.from(body, "latin1");
  }
}

/** RFC 2047 encoded-word payload to bytes. */
function decodeWordBytes(encoding: string, payload: string): Buffer {
  if (encoding.toUpperCase() === "B") return Buffer.from(payload, "base64");
  return decodeQuotedPrintable(payload.replace(/_/g, " "));
}

/**
 * Decodes RFC 2047 encoded-words in a header. Adjacent words are joined without the whitespace
 * between them (RFC 2047 6.2), and their bytes decoded together, because encoders may split a
 * multi-byte character across two words.
 */
export function decodeHeader(binary: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  const sequence = /=\?[^?]+\?[BbQq]\?[^?]*\?=(?:\s+=\?[^?]+\?[BbQq]\?[^?]*\?=)*/g;
  const plain = (s: string) => decodeBytes(Buffer.from(s, "latin1"));
  let out = "";
  let last = 0;
  for (const run of binary.matchAll(sequence)) {
    out += plain(binary.slice(last, run.index));
    let charset = "utf-8";
    const chunks: Buffer[] = [];
    for (const [, cs = "utf-8", enc = "Q", payload = ""] of run[0].matchAll(word)) {
      charset = cs.replace(/\*.*$/, ""); // drop an RFC 2231 language suffix
      chunks.push(decodeWordBytes(enc, payload));
    }
    out += decodeBytes(Buffer.concat(chunks), charset);
    last = run.index + run[0].length;
  }
  return out + plain(binary.slice(last));
}

function addresses(header: string): string[] {
  const bracketed = [...header.matchAll(/<([^<>\s]+@[^<>\s]+)>/g)].map((m) => m[1] ?? "");
  const found = bracketed.length > 0 ? bracketed : [...header.matchAll(/[^\s,;<>"]+@[^\s,;<>"]+/g)].map((m) => m[0]);
  return found.map((a) => a.toLowerCase());
}

/** Walks a (possibly nested) multipart tree and keeps the first text/plain and text/html bodies. */
function collectBodies(part: Part, found: { text?: string; html?: string }): void {
  const type = parseHeaderValue(part.headers.get("content-type") ?? "text/plain");
  if (type.value.startsWith("multipart/")) {
    const boundary = type.params.boundary;
    if (!boundary) return;
    const delimiter = `--${boundary}`;
    const sections = part.body.split(delimiter).slice(1); // before the first delimiter: preamble
    for (const section of sections) {
      if (section.startsWith("--")) break; // closing delimiter
      collectBodies(splitHeadersAndBody(section.replace(/^[ \t]*\r?\n/, "").replace(/\r?\n$/, "")), found);
    }
    return;
  }
  const disposition = parseHeaderValue(part.headers.get("content-disposition") ?? "inline");
  if (disposition.value === "attachment") return;
  const kind = type.value === "text/plain" ? "text" : type.value === "text/html" ? "html" : undefined;
  if (!kind || found[kind] !== undefined) return;
  const bytes = decodeTransfer(part.body, part.headers.get("content-transfer-encoding") ?? "7bit");
  found[kind] = decodeBytes(bytes, type.params.charset).replace(/\r\n/g, "\n");
}

/** Parses a raw RFC 5322 message into what tests assert on. */
export function parseMessage(raw: Buffer, envelope: SinkMessage["envelope"]): SinkMessage {
  const top = splitHeadersAndBody(raw.toString("latin1"));
  const bodies: { text?: string; html?: string } = {};
  collectBodies(top, bodies);
  return {
    to: addresses(decodeHeader(top.headers.get("to") ?? "")),
    from: decodeHeader(top.headers.get("from") ?? ""),
    subject: decodeHeader(top.headers.get("subject") ?? ""),
    text: bodies.text ?? "",
    html: bodies.html ?? "",
    raw: raw.toString("utf8"),
    receivedAt: Date.now(),
    envelope,
  };
}

/** http(s) URLs in plain text, without trailing sentence punctuation. */
export function extractLinks(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"'`]+/g)].map((m) => m[0].replace(/[.,;:!?)\]]+$/, ""));
}

const HTML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Undoes HTML escaping in an attribute value (named entities above and numeric ones). */
export function unescapeHtml(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === "#") return String.fromCodePoint(name[1]?.toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return HTML_ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/** The href targets of the links in an HTML body, unescaped. */
export function extractHrefs(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) => unescapeHtml(m[1] ?? m[2] ?? ""));
}

// ---------------------------------------------------------------------------------------------

const envelopeAddress = (a: SMTPServerAddress | false) => (a ? a.address.toLowerCase() : "");

function isFor(message: SinkMessage, to: string): boolean {
  const wanted = to.toLowerCase();
  return message.to.includes(wanted) || message.envelope.to.includes(wanted);
}

/** Starts a sink on a free port. Close it in afterAll. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const arrivals = new EventEmitter();

  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    // Credentials in SMTP_URL are accepted over plain TCP: the sink has no certificate to offer.
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    hideSTARTTLS: true,
    size: MAX_MESSAGE_BYTES,
    onAuth(_auth, _session, callback) {
      callback(null, { user: "sink" });
    },
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient?.(address.address)) {
        callback(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error("Message exceeds the sink's size limit"), { responseCode: 552 }));
          return;
        }
        const message = parseMessage(Buffer.concat(chunks), {
          from: envelopeAddress(session.envelope.mailFrom),
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        });
        messages.push(message);
        arrivals.emit("message", message);
        callback();
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  function waitForMessage(to: string, { timeoutMs = 5_000, after = 0 }: { timeoutMs?: number; after?: number } = {}): Promise<SinkMessage> {
    const already = messages.slice(after).find((m) => isFor(m, to));
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const onMessage = (message: SinkMessage) => {
        if (!isFor(message, to)) return;
        clearTimeout(timer);
        arrivals.off("message", onMessage);
        resolve(message);
      };
      const timer = setTimeout(() => {
        arrivals.off("message", onMessage);
        const seen = messages.slice(after).map((m) => `${m.to.join(",")}: ${m.subject}`);
        reject(new Error(`No email to ${to} reached the SMTP sink within ${timeoutMs} ms (seen since #${after}: ${seen.length ? seen.join("; ") : "none"})`));
      }, timeoutMs);
      arrivals.on("message", onMessage);
    });
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitForMessage,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
