import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, count, eq, isNotNull, sql } from "drizzle-orm";
import { getLatestAccordVersion } from "@/db/queries/accord";
import { getDirectoryPage } from "@/db/queries/directory";
import { countOrganisations, getLatestSignatories, getSignatoryStats } from "@/db/queries/organisations";
import { insertUser } from "@/db/queries/users";
import { commitmentRevisions, commitments, ledgerEntries, organisations, progressReports, signatures } from "@/db/schema";
import { getShippedAccordSnapshot, hashAccordSnapshot } from "@/lib/accord/version";
import { signAccord } from "@/lib/accord/sign";
import { AppError } from "@/lib/errors";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { fullSignInput } from "../support/signing";
import { type Driver, drivers, getReadyDatabase, openDatabase, useFreshDatabase } from "./database";

const orgInput = (domain: string, name = "Acme Defence") => ({
  legalName: `${name} Ltd`,
  displayName: name,
  primaryDomain: domain,
  country: "DE",
  sector: "software" as const,
});

async function expectAppError(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe.each(drivers)("database layer on %s", (driver: Driver) => {
  describe("production mode (no demo data)", () => {
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ cleanup } = await useFreshDatabase(driver, "production"));
    });
    afterAll(() => cleanup());

    it("migrates, imports the shipped accord as version 1 and seeds nothing", async () => {
      const db = await getReadyDatabase();
      const version = await getLatestAccordVersion(db);
      expect(version?.number).toBe(1);
      expect(version?.contentHash).toBe(hashAccordSnapshot(await getShippedAccordSnapshot()));
      expect(version?.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(await countOrganisations(db)).toBe(0);
      expect(await getSignatoryStats()).toEqual({ signatories: 0, countries: 0 });
      expect((await openDatabase()).driver).toBe(driver);
    });

    it("registers, verifies by email domain and signs, binding the signature to the version's hash", async () => {
      const db = await getReadyDatabase();
      const user = await insertUser(db, { email: "ciso@acme-defence.test", emailVerified: new Date() });
      const org = await registerOrganisation(db, { userId: user.id }, orgInput("acme-defence.test"));
      expect(org.status).toBe("pending");
      expect(org.slug).toBe("acme-defence");
      await verifyByEmailDomain(db, { userId: user.id }, org.id);
      const { signature } = await signAccord(db, { userId: user.id }, await fullSignInput(db, org.id, { signerName: "Ada Lovelace", signerTitle: "CISO" }));
      expect(signature.contentHash).toBe((await getLatestAccordVersion(db))!.contentHash);
      expect(await getLatestSignatories(5)).toEqual([
        expect.objectContaining({ slug: "acme-defence", name: "Acme Defence", domain: "acme-defence.test", accordVersion: 1 }),
      ]);
      // Public DTOs carry no internal ids or emails.
      expect(JSON.stringify(await getDirectoryPage({}, { page: 1, pageSize: 10 }))).not.toMatch(/@|"id"|organisationId/);
    });

    it("refuses a duplicate domain and makes slugs unique", async () => {
      const db = await getReadyDatabase();
      const user = await insertUser(db, { email: "a@other-acme.test", emailVerified: new Date() });
      await expectAppError(registerOrganisation(db, { userId: user.id }, orgInput("acme-defence.test")), "conflict");
      const second = await registerOrganisation(db, { userId: user.id }, orgInput("other-acme.test"));
      expect(second.slug).toBe("acme-defence-2");
    });

    it.each([
      ["a malformed domain", { primaryDomain: "not a domain" }, "primaryDomain"],
      ["an unknown country", { country: "ZZ" }, "country"],
      ["an unknown sector", { sector: "weapons" }, "sector"],
      ["an over-long name", { displayName: "x".repeat(121) }, "displayName"],
      ["a non-https website", { website: "http://acme.test" }, "website"],
    ])("rejects %s with a field message and writes nothing", async (_label, patch, field) => {
      const db = await getReadyDatabase();
      const before = await countOrganisations(db);
      const user = await insertUser(db, { email: `x${Math.random()}@bad-input.test`, emailVerified: new Date() });
      const error = await registerOrganisation(db, { userId: user.id }, { ...orgInput("bad-input.test"), ...patch } as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fields).toHaveProperty(field);
      expect(await countOrganisations(db)).toBe(before);
    });

    describe("authorisation rules (forbidden cases)", () => {
      it("a free-mail address never proves an organisation", async () => {
        const db = await getReadyDatabase();
        const user = await insertUser(db, { email: "someone@gmail.com", emailVerified: new Date() });
        const before = await countOrganisations(db);
        const error = await registerOrganisation(db, { userId: user.id }, orgInput("gmail.com", "Not Google")).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).fields).toHaveProperty("primaryDomain");
        expect(await countOrganisations(db)).toBe(before);
      });

      it("an email at another domain does not prove it, and a non-member cannot try", async () => {
        const db = await getReadyDatabase();
        const owner = await insertUser(db, { email: "owner@elsewhere.test", emailVerified: new Date() });
        const org = await registerOrganisation(db, { userId: owner.id }, orgInput("target.test", "Target"));
        await expectAppError(verifyByEmailDomain(db, { userId: owner.id }, org.id), "forbidden");
        const outsider = await insertUser(db, { email: "it@target.test", emailVerified: new Date() });
        await expectAppError(verifyByEmailDomain(db, { userId: outsider.id }, org.id), "forbidden");
      });

      it("a pending organisation cannot sign; a non-owner cannot sign; nobody signs twice", async () => {
        const db = await getReadyDatabase();
        const owner = await insertUser(db, { email: "ceo@signer.test", emailVerified: new Date() });
        const org = await registerOrganisation(db, { userId: owner.id }, orgInput("signer.test", "Signer"));
        const input = await fullSignInput(db, org.id, { signerName: "C E O", signerTitle: "CEO" });
        await expectAppError(signAccord(db, { userId: owner.id }, input), "forbidden");
        await verifyByEmailDomain(db, { userId: owner.id }, org.id);
        const stranger = await insertUser(db, { email: "x@stranger.test", emailVerified: new Date() });
        await expectAppError(signAccord(db, { userId: stranger.id }, input), "forbidden");
        await signAccord(db, { userId: owner.id }, input);
        await expectAppError(signAccord(db, { userId: owner.id }, input), "conflict");
        await expectAppError(signAccord(db, { userId: owner.id }, { ...input, organisationId: "00000000-0000-4000-8000-000000000000" }), "not_found");
      });

      it("the database itself allows only one active signature per organisation and version", async () => {
        const db = await getReadyDatabase();
        const [row] = await db.select({ organisationId: signatures.organisationId }).from(signatures).limit(1);
        await expect(
          db.execute(
            sql`insert into signatures (organisation_id, accord_version, content_hash, signer_name, signer_title) values (${row!.organisationId}, 1, 'x', 'n', 't')`,
          ),
        ).rejects.toThrow();
      });
    });
  });

  describe("demo mode", () => {
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ cleanup } = await useFreshDatabase(driver, "demo"));
    });
    afterAll(() => cleanup());

    it("seeds forty fictional organisations on .example domains, once: 37 active signatories, 2 withdrawn, 1 suspended", async () => {
      const db = await getReadyDatabase();
      const stats = await getSignatoryStats();
      expect(stats.signatories).toBe(37);
      expect(stats.countries).toBeGreaterThan(20);
      const { items, total } = await getDirectoryPage({ status: "active" }, { page: 1, pageSize: 100 });
      expect(total).toBe(37);
      expect((await getDirectoryPage({}, { page: 1, pageSize: 100 })).total).toBe(40);
      expect(items.every((s) => s.domain.endsWith(".example"))).toBe(true);
      const [withdrawn] = await db.select({ n: count() }).from(signatures).where(isNotNull(signatures.withdrawnAt));
      expect(withdrawn?.n).toBe(2);
      const suspended = await db.select().from(organisations).where(eq(organisations.status, "suspended"));
      expect(suspended).toHaveLength(1);
      expect(suspended[0]!.statusReason).toMatch(/intrusion software/);
      const { prepareRegistry } = await import("@/lib/startup/prepare-registry");
      await prepareRegistry(db);
      expect(await countOrganisations(db)).toBe(40);
    });

    it("gives every organisation 2–5 commitments, with reports and one revision each, through the domain functions", async () => {
      const db = await getReadyDatabase();
      const perOrg = await db.select({ organisationId: commitments.organisationId, n: count() }).from(commitments).groupBy(commitments.organisationId);
      expect(perOrg).toHaveLength(40);
      expect(perOrg.every((r) => r.n >= 2 && r.n <= 5)).toBe(true);
      const [reports] = await db.select({ n: count() }).from(progressReports);
      expect(reports!.n).toBeGreaterThan(5);
      const [revisions] = await db.select({ n: count() }).from(commitmentRevisions);
      const [commitmentCount] = await db.select({ n: count() }).from(commitments);
      // Reports that changed a status added revisions beyond the first.
      expect(revisions!.n).toBeGreaterThan(commitmentCount!.n);
    });

    it("writes the demo history to the ledger in time order, every kind of event present", async () => {
      const db = await getReadyDatabase();
      const entries = await db.select({ kind: ledgerEntries.kind, at: ledgerEntries.at }).from(ledgerEntries).orderBy(asc(ledgerEntries.index));
      const times = entries.map((e) => e.at.getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(new Set(entries.map((e) => e.kind))).toEqual(
        new Set([
          "accord.published",
          "organisation.verified",
          "accord.signed",
          "commitment.registered",
          "commitment.updated",
          "progress.reported",
          "signature.withdrawn",
          "organisation.suspended",
          "transparency.published",
          "transparency.corrected",
          "concern.admitted",
          "concern.responded",
          "concern.resolved",
        ]),
      );
    });

    it("lists signatories newest first with stable pagination", async () => {
      const first = await getDirectoryPage({ status: "active", sort: "newest" }, { page: 1, pageSize: 15 });
      const third = await getDirectoryPage({ status: "active", sort: "newest" }, { page: 3, pageSize: 15 });
      expect(first.items).toHaveLength(15);
      expect(third.items).toHaveLength(7);
      const dates = first.items.map((s) => s.signedAt);
      expect([...dates].sort().reverse()).toEqual(dates);
    });
  });
});

describe("the embedded database's single-process guard", () => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase("pglite", "production"));
  });
  afterAll(() => cleanup());

  it("refuses a second process with a clear error while this one has it open", async () => {
    await openDatabase();
    const script = `
      import("./db/client.ts").then(({ openDatabase }) => openDatabase()).then(
        () => { console.log("OPENED"); process.exit(0); },
        (e) => { console.log(e.name + ": " + e.message); process.exit(3); });`;
    const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "-e", script], {
      cwd: process.cwd(),
      env: { ...process.env },
      encoding: "utf8",
    });
    expect(result.stdout).toContain("DatabaseLockedError");
    expect(result.stdout).toMatch(new RegExp(`already open in process ${process.pid}`));
    expect(result.status).toBe(3);
  });
});
