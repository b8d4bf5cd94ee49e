import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { deliverSignInLink, receivesSiteRole } from "@/lib/auth/sign-in-mail";
import { readOutbox } from "@/lib/email/outbox";
import { clearEnvCache } from "@/lib/env";
import { insertUser, setUserSiteRole } from "@/db/queries/users";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

const expires = new Date(Date.now() + 60 * 60_000);
const linkFor = (email: string) => `http://localhost:3000/api/auth/callback/nodemailer?token=${"ab".repeat(32)}&email=${encodeURIComponent(email)}`;

/** Demo mode without SMTP_URL: what a public demo looks like. */
function demoWithoutSmtp(adminEmails: string) {
  process.env.REGISTRY_MODE = "demo";
  delete process.env.SMTP_URL;
  process.env.ADMIN_EMAILS = adminEmails;
  clearEnvCache();
}

describe.each(drivers)("the demo outbox never hands out a privileged sign-in link (%s)", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let db: Awaited<ReturnType<typeof getReadyDatabase>>;
  const saved = { ...process.env };
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    db = await getReadyDatabase();
    for (const [email, role] of [
      ["mod@registry.test", "moderator"],
      ["editor@registry.test", "editor"],
      ["plain@registry.test", "member"],
    ] as const) {
      const user = await insertUser(db, { email, emailVerified: new Date() });
      await setUserSiteRole(db, user.id, role);
    }
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await cleanup();
    process.env = { ...saved };
    clearEnvCache();
  });

  const outboxText = async () => (await readOutbox(200)).map((m) => `${m.to}\n${m.subject}\n${m.text}\n${m.html}`).join("\n");

  it.each([
    ["admin@registry.test", "an ADMIN_EMAILS address"],
    ["Admin@Registry.TEST", "an ADMIN_EMAILS address typed in another case"],
    ["boss@xn--bcher-kva.de", "an ADMIN_EMAILS address with an internationalised domain, configured in capitals"],
    ["mod@registry.test", "a moderator"],
    ["editor@registry.test", "an editor"],
  ])("keeps the link for %s (%s) in the server log only", async (to) => {
    demoWithoutSmtp("admin@registry.test, BOSS@xn--bcher-kva.de");
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const link = linkFor(to);
    expect(await deliverSignInLink(db, { to: to.toLowerCase(), link, expires })).toBe("server-log");
    expect(log.mock.calls.flat().join("\n")).toContain(link);
    const outbox = await outboxText();
    expect(outbox).not.toContain("token=");
    expect(outbox).not.toContain(link);
    // The outbox says where the link went, so the person at the machine knows where to look.
    expect((await readOutbox(1))[0]).toMatchObject({ to: to.toLowerCase(), subject: expect.stringContaining("link in the server log") });
  });

  it("shows a member's link in the dev outbox as before (that is what the demo outbox is for)", async () => {
    demoWithoutSmtp("admin@registry.test");
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const link = linkFor("plain@registry.test");
    expect(await deliverSignInLink(db, { to: "plain@registry.test", link, expires })).toBe("outbox");
    expect((await readOutbox(1))[0]?.text).toContain(link);
    const newcomer = linkFor("new@acme.test");
    expect(await deliverSignInLink(db, { to: "new@acme.test", link: newcomer, expires })).toBe("outbox");
    expect((await readOutbox(1))[0]?.text).toContain(newcomer);
  });

  it("with SMTP_URL mails every link, an admin's included, and keeps none in the outbox", async () => {
    const sink: SmtpSink = await startSmtpSink();
    try {
      demoWithoutSmtp("admin@registry.test");
      process.env.SMTP_URL = sink.url;
      clearEnvCache();
      const before = (await readOutbox(200)).length;
      const link = linkFor("admin@registry.test");
      expect(await deliverSignInLink(db, { to: "admin@registry.test", link, expires })).toBe("smtp");
      expect((await readOutbox(200)).length).toBe(before);
      expect(sink.messages.at(-1)?.to).toContain("admin@registry.test");
    } finally {
      await sink.close();
    }
  });

  it("receivesSiteRole: ADMIN_EMAILS or a site role, never a plain member or a +tag variant", async () => {
    expect(await receivesSiteRole(db, "admin@registry.test", ["admin@registry.test"])).toBe(true);
    expect(await receivesSiteRole(db, "mod@registry.test", [])).toBe(true);
    expect(await receivesSiteRole(db, "plain@registry.test", ["admin@registry.test"])).toBe(false);
    expect(await receivesSiteRole(db, "admin+x@registry.test", ["admin@registry.test"])).toBe(false);
  });
});
