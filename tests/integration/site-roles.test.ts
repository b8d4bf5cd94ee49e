import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyBootstrapAdmin, getUserById } from "@/db/queries/users";
import { auditLog } from "@/db/schema";
import { changeSiteRole, isConfiguredAdmin } from "@/lib/auth/roles";
import { clearEnvCache } from "@/lib/env";
import { person, refusal, refusalMessage } from "../support/people";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

/**
 * The rule for ADMIN_EMAILS: an address it names is an admin set by configuration. Every sign-in
 * makes it admin again, so /admin refuses to give it another role (and says to change
 * ADMIN_EMAILS) rather than accept a demotion that the next sign-in would silently undo.
 */
describe.each(drivers)("site roles and ADMIN_EMAILS on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let db: Db;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    db = await getReadyDatabase();
  });
  afterAll(async () => {
    delete process.env.ADMIN_EMAILS;
    clearEnvCache();
    await cleanup();
  });

  const auditRows = async (targetId: string) => (await db.select({ n: count() }).from(auditLog).where(eq(auditLog.targetId, targetId)))[0]!.n;

  it("an ADMIN_EMAILS admin cannot be demoted in /admin: refused with a message naming ADMIN_EMAILS, nothing changes", async () => {
    const admin = await person(db, "admin@registry.test", "admin");
    const configured = await person(db, "boss@registry.test", "admin");
    const adminEmails = [configured.email];
    for (const role of ["member", "moderator", "editor"] as const) {
      const message = await refusalMessage(changeSiteRole(db, { userId: admin.id }, { userId: configured.id, role, reason: "demote" }, { adminEmails }));
      expect(message).toMatch(/set by configuration \(ADMIN_EMAILS\)/);
      expect(message).toMatch(/remove the address from ADMIN_EMAILS/);
    }
    // Not even by themselves.
    expect(
      await refusal(changeSiteRole(db, { userId: configured.id }, { userId: configured.id, role: "member", reason: "" }, { adminEmails: [configured.email] })),
    ).toBe("conflict");
    expect((await getUserById(db, configured.id))!.siteRole).toBe("admin");
    expect(await auditRows(configured.id)).toBe(0);
    // Confirming the role they have is harmless.
    expect(
      await refusal(changeSiteRole(db, { userId: admin.id }, { userId: configured.id, role: "admin", reason: "" }, { adminEmails: [configured.email] })),
    ).toBe("allowed");
  });

  it("a sign-in re-promotes an ADMIN_EMAILS address (the configuration rules), and never anyone else: other demotions stick", async () => {
    const admin = await person(db, "admin@registry.test", "admin");
    const configured = await person(db, "chief@registry.test");
    const other = await person(db, "former-admin@registry.test", "admin");
    const adminEmails = [configured.email];
    await applyBootstrapAdmin(db, configured.id, configured.email.toUpperCase(), adminEmails);
    expect((await getUserById(db, configured.id))!.siteRole).toBe("admin");

    expect(await refusal(changeSiteRole(db, { userId: admin.id }, { userId: other.id, role: "member", reason: "left the team" }, { adminEmails }))).toBe(
      "allowed",
    );
    await applyBootstrapAdmin(db, other.id, other.email, adminEmails);
    expect((await getUserById(db, other.id))!.siteRole).toBe("member");
    expect(await auditRows(other.id)).toBe(1);
  });

  it("once the address leaves ADMIN_EMAILS, /admin may change the role, and the next sign-in keeps it", async () => {
    const admin = await person(db, "admin@registry.test", "admin");
    const configured = await person(db, "was-configured@registry.test", "admin");
    expect(
      await refusal(changeSiteRole(db, { userId: admin.id }, { userId: configured.id, role: "editor", reason: "" }, { adminEmails: [configured.email] })),
    ).toBe("conflict");
    expect(
      await refusal(changeSiteRole(db, { userId: admin.id }, { userId: configured.id, role: "editor", reason: "now an editor" }, { adminEmails: [] })),
    ).toBe("allowed");
    await applyBootstrapAdmin(db, configured.id, configured.email, []);
    expect((await getUserById(db, configured.id))!.siteRole).toBe("editor");
  });

  it("reads ADMIN_EMAILS from the environment by default, case-insensitively", async () => {
    const admin = await person(db, "admin@registry.test", "admin");
    const configured = await person(db, "env-admin@registry.test", "admin");
    process.env.ADMIN_EMAILS = `someone@else.test, ${configured.email.toUpperCase()}`;
    clearEnvCache();
    try {
      expect(isConfiguredAdmin(configured.email)).toBe(true);
      expect(isConfiguredAdmin(admin.email)).toBe(false);
      expect(isConfiguredAdmin(null)).toBe(false);
      expect(await refusal(changeSiteRole(db, { userId: admin.id }, { userId: configured.id, role: "member", reason: "" }))).toBe("conflict");
      expect(await refusal(changeSiteRole(db, { userId: configured.id }, { userId: admin.id, role: "moderator", reason: "" }))).toBe("allowed");
    } finally {
      delete process.env.ADMIN_EMAILS;
      clearEnvCache();
    }
  });
});
