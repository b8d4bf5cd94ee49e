import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeExpiry, escapeHtml, formatUtc, renderMagicLinkEmail, renderNotificationEmail } from "@/lib/email/magic-link";
import { appendToOutbox, OUTBOX_FILE_NAME, OUTBOX_MAX_MESSAGES, readOutbox } from "@/lib/email/outbox";
import { redactCredentials } from "@/lib/email/send";
import { clearEnvCache } from "@/lib/env";

const now = new Date("2025-03-04T09:15:00Z");
const expires = new Date("2025-03-05T09:15:00Z");
const url = "https://accord.example.org/api/auth/callback/nodemailer?token=abc123&email=rep%40example.org";
const hostile = 'https://accord.example.org/cb?x="><script>alert(1)</script>&y=<b>&z=1';

/** Everything an attacker-controlled string could use to break out of HTML must arrive escaped. */
function expectNoRawMarkup(html: string) {
  expect(html).not.toContain("<script");
  expect(html).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
}

describe("magic link email", () => {
  const email = renderMagicLinkEmail({ url, siteName: "Tech Accord Registry", host: "accord.example.org", expires, now });

  it("names the site in the subject", () => {
    expect(email.subject).toBe("Sign in to Tech Accord Registry");
  });

  it("gives the link on its own line in the text part, with expiry, single use and what to do if unexpected", () => {
    expect(email.text.split("\n")).toContain(url);
    expect(email.text).toContain("expires in 24 hours (5 March 2025, 09:15 UTC)");
    expect(email.text).toMatch(/works once/);
    expect(email.text).toMatch(/did not ask for it, you can ignore this email: nobody can sign in without the link/);
    expect(email.text).toContain("accord.example.org");
  });

  it("shows the link as a button and as visible text in the HTML part", () => {
    const escaped = escapeHtml(url);
    expect(email.html).toContain(`<a href="${escaped}"`);
    expect(email.html.split(`href="${escaped}"`)).toHaveLength(3); // button + plain link
    expect(email.html).toContain(`>${escaped}</a>`);
    expect(email.html).toContain("expires in 24 hours (5 March 2025, 09:15 UTC)");
    expect(email.html).toContain("nobody can sign in without the link");
  });

  it("is accessible: language, presentation tables, a heading, a title", () => {
    expect(email.html).toMatch(/<html lang="en"/);
    const tables = email.html.match(/<table\b[^>]*>/g) ?? [];
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const table of tables) expect(table).toContain('role="presentation"');
    expect(email.html).toContain("<h1");
    expect(email.html).toContain("<title>Sign in to Tech Accord Registry</title>");
  });

  it("escapes the URL and host in the HTML but keeps them verbatim in the text", () => {
    const evil = renderMagicLinkEmail({ url: hostile, siteName: "Tech Accord Registry", host: 'evil"<host>&', expires, now });
    expectNoRawMarkup(evil.html);
    expect(evil.html).toContain(`href="${escapeHtml(hostile)}"`);
    expect(evil.html).toContain("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;y=&lt;b&gt;&amp;z=1");
    expect(evil.html).toContain("evil&quot;&lt;host&gt;&amp;");
    expect(evil.text).toContain(hostile);
  });

  it("refuses links that are not http(s)", () => {
    expect(() => renderMagicLinkEmail({ url: "javascript:alert(1)", siteName: "X", host: "x", expires, now })).toThrow(/http\(s\)/);
  });

  it("defaults the relative wording to the current time", () => {
    const soon = renderMagicLinkEmail({ url, siteName: "Tech Accord Registry", host: "h", expires: new Date(Date.now() + 10 * 60_000) });
    expect(soon.text).toContain("expires in 10 minutes");
  });
});

describe("expiry wording", () => {
  const at = (ms: number) => new Date(now.getTime() + ms);
  const minute = 60_000;
  const hour = 60 * minute;

  it.each([
    [24 * hour, "in 24 hours"],
    [24 * hour - 2_000, "in 24 hours"], // the token was created a moment before rendering
    [hour, "in 1 hour"],
    [90 * minute, "in 2 hours"],
    [15 * minute, "in 15 minutes"],
    [minute, "in 1 minute"],
    [20_000, "in less than a minute"],
    [-minute, "in less than a minute"],
    [3 * 24 * hour, "in 3 days"],
    [7 * 24 * hour, "in 7 days"],
  ])("%d ms ahead reads %s", (ms, wording) => {
    expect(describeExpiry(at(ms), now)).toBe(wording);
  });

  it("formats absolute times in UTC with zero-padded hours and minutes", () => {
    expect(formatUtc(new Date("2026-12-31T23:05:00-02:00"))).toBe("1 January 2027, 01:05 UTC");
    expect(formatUtc(new Date("2025-07-09T04:07:59Z"))).toBe("9 July 2025, 04:07 UTC");
  });
});

describe("notification email", () => {
  it("renders title, paragraphs and an action in both parts", () => {
    const email = renderNotificationEmail({
      title: "Your signature is recorded",
      paragraphs: ["Example Org signed version 3 of the accord.", "It is now in the public ledger."],
      action: { label: "View your profile", url: "https://accord.example.org/signatories/example-org" },
    });
    expect(email.subject).toBe("Your signature is recorded");
    expect(email.text).toContain("Example Org signed version 3 of the accord.\n\nIt is now in the public ledger.");
    expect(email.text.split("\n")).toContain("https://accord.example.org/signatories/example-org");
    expect(email.html).toContain('href="https://accord.example.org/signatories/example-org"');
    expect(email.html).toContain(">View your profile</a>");
    expect(email.html).toContain("Tech Accord Registry");
    expect(email.html).toMatch(/<html lang="en"/);
  });

  it("escapes everything and keeps the subject on one line", () => {
    const email = renderNotificationEmail({
      title: "Hello <b>\r\nBcc: victim@example.org",
      paragraphs: ['A & B say "hi" <img src=x onerror=alert(1)>'],
      action: { label: "<Go>", url: hostile },
    });
    expect(email.subject).toBe("Hello <b> Bcc: victim@example.org");
    expectNoRawMarkup(email.html);
    expect(email.html).not.toContain("<img");
    expect(email.html).not.toContain("<b>");
    expect(email.html).toContain("A &amp; B say &quot;hi&quot; &lt;img src=x onerror=alert(1)&gt;");
    expect(email.html).toContain("&lt;Go&gt;</a>");
  });

  it("works without an action", () => {
    const email = renderNotificationEmail({ title: "Done", paragraphs: ["All good."] });
    expect(email.html).not.toContain("<a ");
    expect(email.text).toContain("All good.");
  });
});

describe("dev outbox", () => {
  const saved = { ...process.env };
  let dataDir: string;

  const message = (n: number) => ({ to: `rep${n}@example.org`, subject: `Message ${n}`, text: `Text ${n} https://x.example/${n}`, html: `<p>${n}</p>` });

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "registry-outbox-"));
    process.env.DATA_DIR = dataDir;
    process.env.REGISTRY_MODE = "demo";
    delete process.env.SMTP_URL;
    delete process.env.DATABASE_URL;
    clearEnvCache();
  });

  afterEach(async () => {
    process.env = { ...saved };
    clearEnvCache();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("is empty before anything is sent", async () => {
    expect(await readOutbox()).toEqual([]);
  });

  it("appends messages as JSON lines and reads them newest first", async () => {
    const first = await appendToOutbox(message(1));
    await appendToOutbox(message(2));
    expect(first).toMatchObject({ ...message(1), id: expect.any(String) });
    expect(new Date(first.sentAt).toISOString()).toBe(first.sentAt);

    const lines = (await readFile(path.join(dataDir, OUTBOX_FILE_NAME), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject(message(1));

    const read = await readOutbox();
    expect(read.map((m) => m.subject)).toEqual(["Message 2", "Message 1"]);
    expect(read[1]).toEqual(first);
    expect((await readOutbox(1)).map((m) => m.subject)).toEqual(["Message 2"]);
  });

  it(`keeps only the newest ${OUTBOX_MAX_MESSAGES} messages, even when appends overlap`, async () => {
    const total = OUTBOX_MAX_MESSAGES + 15;
    await Promise.all(Array.from({ length: total }, (_, i) => appendToOutbox(message(i))));
    const lines = (await readFile(path.join(dataDir, OUTBOX_FILE_NAME), "utf8")).trim().split("\n");
    expect(lines).toHaveLength(OUTBOX_MAX_MESSAGES);

    const all = await readOutbox(1_000);
    expect(all).toHaveLength(OUTBOX_MAX_MESSAGES);
    expect(all[0]?.subject).toBe(`Message ${total - 1}`);
    expect(all.at(-1)?.subject).toBe(`Message ${total - OUTBOX_MAX_MESSAGES}`);
    expect(await readOutbox()).toHaveLength(50);
  });

  it("skips corrupt lines and never lets a cut-off line swallow the next message", async () => {
    await appendToOutbox(message(1));
    const file = path.join(dataDir, OUTBOX_FILE_NAME);
    const good = await readFile(file, "utf8");
    await writeFile(file, `${good}not json\n{"id":"x","to":"missing fields"}\n{"id":"cut off`);
    await appendToOutbox(message(2));
    expect((await readOutbox()).map((m) => m.subject)).toEqual(["Message 2", "Message 1"]);
  });

  it("refuses to exist in production", async () => {
    Object.assign(process.env, {
      REGISTRY_MODE: "production",
      SITE_URL: "https://accord.example.org",
      AUTH_SECRET: "x".repeat(32),
      SMTP_URL: "smtp://127.0.0.1:2525",
      LEDGER_SIGNING_KEY: "PRIVATE+KEY+accord.example.org/ledger+0123abcd+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    });
    clearEnvCache();
    await expect(appendToOutbox(message(1))).rejects.toThrow(/demo mode only/);
    await expect(readOutbox()).rejects.toThrow(/demo mode only/);
  });
});

describe("SMTP credential redaction", () => {
  it("removes the user and password, as written and percent-decoded", () => {
    const url = "smtps://api%2Buser:p%40ss%3Aword@mail.example.org:465";
    const message = "Invalid login for api+user with p@ss:word (api%2Buser:p%40ss%3Aword) via smtps://api%2Buser:p%40ss%3Aword@mail.example.org:465";
    const redacted = redactCredentials(message, url);
    expect(redacted).not.toMatch(/p@ss|p%40ss|api\+user|api%2Buser/);
    expect(redacted).toContain("Invalid login for *** with ***");
  });

  it("leaves messages alone when the URL has no credentials", () => {
    expect(redactCredentials("connect ECONNREFUSED 127.0.0.1:25", "smtp://127.0.0.1:25")).toBe("connect ECONNREFUSED 127.0.0.1:25");
  });
});
