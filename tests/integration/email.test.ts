import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { renderMagicLinkEmail, renderNotificationEmail } from "@/lib/email/magic-link";
import { readOutbox } from "@/lib/email/outbox";
import { EmailDeliveryError, logMagicLink, sendEmail } from "@/lib/email/send";
import { clearEnvCache } from "@/lib/env";
import { extractHrefs, extractLinks, startSmtpSink, type SmtpSink } from "../support/smtp-sink";

const saved = { ...process.env };

/** Points the app at a configuration; the env module caches, so it is cleared each time. */
function useEnv(vars: Record<string, string | undefined>) {
  process.env = { ...saved };
  delete process.env.DATABASE_URL;
  delete process.env.SMTP_URL;
  delete process.env.EMAIL_FROM;
  for (const [key, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  clearEnvCache();
}

/** A port that was free a moment ago and has nothing listening now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// A realistic Auth.js callback URL, well past 76 characters and full of the characters that
// quoted-printable encodes (`=`) or that HTML escapes (`&`), so soft line breaks and =3D land inside it.
const token = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const magicLink =
  "http://localhost:3000/api/auth/callback/nodemailer?" +
  `callbackUrl=${encodeURIComponent("http://localhost:3000/dashboard?tab=commitments&principle=protect-all-customers&view=full")}` +
  `&token=${token}&email=${encodeURIComponent("representative+registry@example-organisation.org")}` +
  `&state=${"a%3Db%26c%3D".repeat(8)}&padding==${"x".repeat(40)}=`;

let sink: SmtpSink;
let dataDir: string;

beforeAll(async () => {
  sink = await startSmtpSink({ rejectRecipient: (address) => address.endsWith("@refused.example") });
  dataDir = await mkdtemp(path.join(tmpdir(), "registry-email-"));
});

afterAll(async () => {
  process.env = { ...saved };
  clearEnvCache();
  await sink.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("sendEmail over SMTP", () => {
  beforeEach(() => useEnv({ REGISTRY_MODE: "demo", SMTP_URL: sink.url, SITE_URL: "http://localhost:3000", DATA_DIR: dataDir }));

  it("delivers a magic link email whose link survives transfer encoding in both parts", async () => {
    expect(magicLink.length).toBeGreaterThan(200);
    const after = sink.messages.length;
    const email = renderMagicLinkEmail({
      url: magicLink,
      siteName: "Tech Accord Registry",
      host: "localhost:3000",
      expires: new Date(Date.now() + 86_400_000),
    });

    const result = await sendEmail({ to: "Rep@Example.org", ...email });
    expect(result.delivery).toBe("smtp");
    expect(result.messageId).toMatch(/^<.+@.+>$/);

    const received = await sink.waitForMessage("rep@example.org", { after });
    expect(received.subject).toBe("Sign in to Tech Accord Registry");
    expect(received.to).toEqual(["rep@example.org"]);
    expect(received.envelope.to).toEqual(["rep@example.org"]);
    expect(received.from).toMatch(/^"?Tech Accord Registry"? <no-reply@localhost>$/);
    expect(received.envelope.from).toBe("no-reply@localhost");
    // The long link really was wrapped on the wire: otherwise this test would prove nothing.
    expect(received.raw).toMatch(/Content-Transfer-Encoding: quoted-printable/i);
    expect(received.raw).toMatch(/=\r\n/);
    expect(received.raw).not.toContain(magicLink);

    expect(extractLinks(received.text)).toEqual([magicLink]);
    expect(new Set(extractHrefs(received.html))).toEqual(new Set([magicLink]));
    expect(received.text).toContain("expires in 24 hours");
  });

  it("keeps links intact in base64 bodies and decodes UTF-8 encoded-word subjects", async () => {
    const after = sink.messages.length;
    const link = `https://accord.example.org/signatories/organisation?${"q=%E2%9C%93&".repeat(12)}end=1`;
    // Mostly non-Latin text makes nodemailer pick base64 for the bodies and B-words for the subject.
    const email = renderNotificationEmail({
      title: "Подпись зарегистрирована —署名が登録されました ✓",
      paragraphs: ["Ваша организация подписала соглашение. 貴社は協定に署名しました。".repeat(4)],
      action: { label: "Открыть профиль", url: link },
    });
    await sendEmail({ to: "unicode@example.org", ...email });

    const received = await sink.waitForMessage("unicode@example.org", { after });
    expect(received.raw).toMatch(/Content-Transfer-Encoding: base64/i);
    expect(received.raw).toMatch(/Subject: =\?UTF-8\?B\?/i);
    expect(received.subject).toBe(email.subject);
    expect(received.text).toContain("貴社は協定に署名しました。");
    expect(extractLinks(received.text)).toEqual([link]);
    expect(new Set(extractHrefs(received.html))).toEqual(new Set([link]));
  });

  it("uses EMAIL_FROM when it is set", async () => {
    useEnv({ REGISTRY_MODE: "demo", SMTP_URL: sink.url, DATA_DIR: dataDir, EMAIL_FROM: '"Accord Secretariat" <secretariat@accord.example.org>' });
    const after = sink.messages.length;
    await sendEmail({ to: "from-test@example.org", subject: "From check", text: "Hello", html: "<p>Hello</p>" });
    const received = await sink.waitForMessage("from-test@example.org", { after });
    expect(received.from).toMatch(/^"?Accord Secretariat"? <secretariat@accord\.example\.org>$/);
    expect(received.envelope.from).toBe("secretariat@accord.example.org");
  });

  it("authenticates with credentials from SMTP_URL", async () => {
    useEnv({ REGISTRY_MODE: "demo", SMTP_URL: sink.url.replace("smtp://", "smtp://mailer:s3cret@"), DATA_DIR: dataDir });
    const after = sink.messages.length;
    await expect(sendEmail({ to: "auth@example.org", subject: "Auth", text: "Hi", html: "<p>Hi</p>" })).resolves.toMatchObject({ delivery: "smtp" });
    await sink.waitForMessage("auth@example.org", { after });
  });

  it("rejects a refused recipient without revealing the SMTP password", async () => {
    useEnv({ REGISTRY_MODE: "demo", SMTP_URL: sink.url.replace("smtp://", "smtp://mailer:hunter2-secret@"), DATA_DIR: dataDir });
    const after = sink.messages.length;
    const error = await sendEmail({ to: "nobody@refused.example", subject: "x", text: "x", html: "<p>x</p>" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailDeliveryError);
    const { message, responseCode } = error as EmailDeliveryError;
    expect(message).toMatch(/refused|rejected|550/i);
    expect(responseCode).toBe(550);
    expect(message).not.toContain("hunter2-secret");
    expect(message).not.toContain("mailer:");
    expect(sink.messages.length).toBe(after);
  });

  it("rejects when nothing listens, without revealing the SMTP credentials", async () => {
    const port = await closedPort();
    useEnv({ REGISTRY_MODE: "demo", SMTP_URL: `smtp://user:secret@127.0.0.1:${port}`, DATA_DIR: dataDir });
    const error = await sendEmail({ to: "rep@example.org", subject: "x", text: "x", html: "<p>x</p>" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailDeliveryError);
    const { message, code } = error as EmailDeliveryError;
    expect(message).toContain(`smtp://127.0.0.1:${port}`);
    expect(message).toMatch(/ECONNREFUSED/);
    expect(code).toBe("ESOCKET");
    expect(message).not.toMatch(/secret|user:/);
    expect(JSON.stringify(error)).not.toContain("secret");
  });

  it("times out waitForMessage with a clear error when nothing arrives", async () => {
    await expect(sink.waitForMessage("never@example.org", { timeoutMs: 50, after: sink.messages.length })).rejects.toThrow(
      /No email to never@example.org reached the SMTP sink within 50 ms/,
    );
  });
});

describe("sendEmail in demo mode without SMTP", () => {
  beforeEach(() => useEnv({ REGISTRY_MODE: "demo", DATA_DIR: dataDir }));
  afterEach(() => vi.restoreAllMocks());

  it("keeps the message in the dev outbox and logs one line", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const email = renderMagicLinkEmail({
      url: magicLink,
      siteName: "Tech Accord Registry",
      host: "localhost:3000",
      expires: new Date(Date.now() + 86_400_000),
    });
    await expect(sendEmail({ to: "demo@example.org", ...email })).resolves.toEqual({ delivery: "outbox" });

    const [latest] = await readOutbox(1);
    expect(latest).toMatchObject({ to: "demo@example.org", subject: email.subject, text: email.text, html: email.html });
    expect(log.mock.calls).toEqual([["[registry] email to demo@example.org: Sign in to Tech Accord Registry (dev outbox)"]]);

    logMagicLink("demo@example.org", magicLink);
    expect(log.mock.calls[1]).toEqual([`[registry] sign-in link for demo@example.org: ${magicLink}`]);
  });
});
