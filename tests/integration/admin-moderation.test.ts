import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countBeforeCursor, getModerationPage, getPreviousModerationCursor } from "@/db/queries/moderation";
import { auditLog, memberships, organisations } from "@/db/schema";
import { approveOrganisation } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { unknownParams } from "@/lib/validation/directory";
import {
  type ModerationFilters,
  type ModerationSort,
  moderationParams,
  moderationQuerySchema,
  moderationReturnPath,
  moderationSorts,
} from "@/lib/validation/moderation-query";
import { person, refusal, refusalMessage } from "../support/people";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;
const DAY = 24 * 60 * 60 * 1000;

describe("/admin's query string", () => {
  const parse = (record: Record<string, string | string[]>) => moderationQuerySchema.safeParse(record);
  const messages = (record: Record<string, string | string[]>) => {
    const result = parse(record);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  it("reads filters, sort and page position; empty values mean 'not set'", () => {
    expect(parse({ status: "verified", search: "  acme ", method: "none", country: "de", age: "7", sort: "name", method2: "" })).toMatchObject({
      success: true,
      data: { status: "verified", search: "acme", method: "none", country: "DE", age: "7", sort: "name" },
    });
    expect(parse({ country: "", age: "", sort: "" })).toMatchObject({ success: true, data: {} });
  });

  it("refuses bad input with a message that names the problem", () => {
    expect(messages({ country: ["DE", "FR"] })).toEqual(["give country once"]);
    expect(messages({ country: "XX" })).toEqual(["country must be an ISO 3166-1 code, such as DE or KE"]);
    expect(messages({ sort: "random" })[0]).toMatch(/^sort must be one of: oldest, newest, name, updated/);
    expect(messages({ status: "deleted" })[0]).toMatch(/^status must be one of/);
    expect(messages({ age: "5" })[0]).toMatch(/^waiting time must be one of: 1, 7, 30, 90 days/);
    expect(messages({ method: "fax" })[0]).toMatch(/^proof method must be one of/);
    expect(messages({ search: "x".repeat(101) })).toEqual(["the search must be at most 100 characters"]);
    expect(messages({ search: "a\u0000b" })).toEqual(["the search cannot contain control characters"]);
    for (const after of ["!!!", Buffer.from('{"s":"name","k":"a"}').toString("base64url"), Buffer.from("not json").toString("base64url"), "A".repeat(700)]) {
      expect(messages({ after })[0]).toMatch(/page position \(after\) is malformed/);
    }
    // A typo is reported rather than ignored.
    expect(unknownParams({ contry: "DE", status: "pending" }, moderationParams)).toEqual(["contry"]);
  });

  it("an action returns to the validated view with its own notice; anything unchecked is dropped", () => {
    const at = new Date("2031-01-01T00:00:00Z");
    const path = moderationReturnPath("/admin", "status=verified&search=acme&country=de&q=ann%40x.test&bogus=1", { notice: "role", user: "u1" }, at);
    const url = new URL(path, "http://localhost");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: "verified",
      search: "acme",
      country: "DE",
      q: "ann@x.test",
      notice: "role",
      user: "u1",
      done: at.getTime().toString(36),
    });
    // A tampered view falls back to the default view rather than carrying it on.
    const tampered = new URL(
      moderationReturnPath("/admin", "status=verified&country=ZZ&next=https://evil.example", { notice: "approved", org: "acme" }, at),
      "http://x",
    );
    expect(Object.fromEntries(tampered.searchParams)).toEqual({ status: "pending", notice: "approved", org: "acme", done: at.getTime().toString(36) });
    // Moving an organisation to another tab follows it there.
    expect(moderationReturnPath("/admin", "status=verified", { notice: "suspended", org: "acme", status: "suspended" }, at)).toContain("status=suspended");
  });
});

describe.each(drivers)("/admin search, filters and keyset pages on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let db: Db;
  const now = new Date();
  const created: { id: string; name: string; domain: string; country: string; createdAt: Date }[] = [];

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    db = await getReadyDatabase();
    // 30 pending registrations over 60 days, in three countries, two sharing a name prefix.
    const countries = ["DE", "FR", "KE"];
    for (let i = 0; i < 30; i++) {
      const claimant = await person(db, `claimant@p${i}.test`);
      const createdAt = new Date(now.getTime() - (60 - 2 * i) * DAY - i * 1000);
      const name = i % 10 === 0 ? `Zeta ${i}` : `Org ${String(i).padStart(2, "0")}`;
      const org = await registerOrganisation(
        db,
        { userId: claimant.id },
        { legalName: `${name} Ltd`, displayName: name, primaryDomain: `p${i}.test`, country: countries[i % 3]!, sector: "software" },
        { now: createdAt },
      );
      created.push({ id: org.id, name, domain: `p${i}.test`, country: countries[i % 3]!, createdAt });
    }
    // Two equal timestamps: the id breaks the tie, and no row is lost or repeated between pages.
    await db.update(organisations).set({ createdAt: created[5]!.createdAt }).where(eq(organisations.id, created[6]!.id));
    created[6]!.createdAt = created[5]!.createdAt;
    // One verified by email.
    const owner = await person(db, "owner@verified-admin.test");
    const verified = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: "Verified 100% Ltd", displayName: "Verified 100%", primaryDomain: "verified-admin.test", country: "DE", sector: "software" },
    );
    await verifyByEmailDomain(db, { userId: owner.id }, verified.id);
  });
  afterAll(async () => {
    await cleanup();
  });

  async function all(filters: ModerationFilters, limit = 7) {
    const seen: string[] = [];
    let cursor: ReturnType<typeof moderationQuerySchema.parse>["after"];
    /** The cursor each page was asked for with (null: the first page). */
    const asked: (string | null)[] = [null];
    for (let round = 0; round < 50; round++) {
      const page = await getModerationPage(db, filters, { cursor, limit, now });
      if (cursor) {
        expect(await countBeforeCursor(db, filters, cursor, now)).toBe(seen.length);
        // "Previous" leads to the page before, by the cursor it was asked for with.
        expect(await getPreviousModerationCursor(db, filters, { cursor, limit, now })).toBe(asked.at(-2));
      }
      seen.push(...page.items.map((o) => o.id));
      if (!page.nextCursor) {
        expect(page.total).toBe(seen.length);
        return seen;
      }
      cursor = moderationQuerySchema.parse({ after: page.nextCursor }).after;
      asked.push(page.nextCursor);
    }
    throw new Error("too many pages");
  }

  it("walks every order page by page: each match once, in the order asked for", async () => {
    const byCreated = [...created].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    const expected: Record<ModerationSort, string[]> = {
      oldest: byCreated.map((o) => o.id),
      newest: [...byCreated].reverse().map((o) => o.id),
      name: [...created]
        .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : a.id.localeCompare(b.id)))
        .map((o) => o.id),
      updated: [],
    };
    for (const sort of moderationSorts) {
      const ids = await all({ status: "pending", sort });
      expect(new Set(ids).size).toBe(30);
      if (sort !== "updated") expect(ids, sort).toEqual(expected[sort]);
    }
    // The default order of the queue is oldest first.
    expect(await all({ status: "pending" })).toEqual(expected.oldest);
  });

  it("searches name, slug and domain; filters by status, proof method, country and time waiting", async () => {
    const ids = async (filters: ModerationFilters) => new Set((await getModerationPage(db, filters, { limit: 100, now })).items.map((o) => o.id));
    expect(await ids({ status: "pending", search: "ZETA" })).toEqual(new Set(created.filter((o) => o.name.startsWith("Zeta")).map((o) => o.id)));
    expect(await ids({ status: "pending", search: "p17.test" })).toEqual(new Set([created[17]!.id]));
    expect(await ids({ status: "pending", search: "org-03" })).toEqual(new Set([created[3]!.id]));
    // LIKE's wildcards are plain characters in a search.
    expect((await ids({ status: "verified", search: "100%" })).size).toBe(1);
    expect((await ids({ status: "verified", search: "1_0" })).size).toBe(0);
    expect((await ids({ status: "pending", search: "%" })).size).toBe(0);
    expect(await ids({ status: "pending", country: "KE" })).toEqual(new Set(created.filter((o) => o.country === "KE").map((o) => o.id)));
    expect(await ids({ status: "pending", age: "30" })).toEqual(
      new Set(created.filter((o) => o.createdAt.getTime() <= now.getTime() - 30 * DAY).map((o) => o.id)),
    );
    expect((await ids({ status: "pending", method: "none" })).size).toBe(30);
    expect((await ids({ status: "pending", method: "email_domain" })).size).toBe(0);
    expect((await ids({ status: "verified", method: "email_domain" })).size).toBe(1);
    expect((await ids({ status: "verified", method: "dns_txt" })).size).toBe(0);
    // Filters combine.
    expect(await ids({ status: "pending", country: "DE", age: "30", search: "Org" })).toEqual(
      new Set(created.filter((o) => o.country === "DE" && o.name.startsWith("Org") && o.createdAt.getTime() <= now.getTime() - 30 * DAY).map((o) => o.id)),
    );
  });

  it("a cursor taken before new registrations still continues where it stopped", async () => {
    const first = await getModerationPage(db, { status: "pending" }, { limit: 10, now });
    const claimant = await person(db, "late@late.test");
    await registerOrganisation(
      db,
      { userId: claimant.id },
      { legalName: "Late Ltd", displayName: "Late", primaryDomain: "late.test", country: "DE", sector: "software" },
    );
    const cursor = moderationQuerySchema.parse({ after: first.nextCursor }).after;
    const second = await getModerationPage(db, { status: "pending" }, { cursor, limit: 10, now });
    const byCreated = [...created].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    expect(second.items.map((o) => o.id)).toEqual(byCreated.slice(10, 20).map((o) => o.id));
    // A cursor from another order starts that order from the top instead of pointing nowhere.
    const byName = await getModerationPage(db, { status: "pending", sort: "name" }, { cursor, limit: 3, now });
    expect(byName.items.map((o) => o.displayName)).toEqual(["Late", "Org 01", "Org 02"]);
  });

  it("moderation stays refused to people without the role and to a moderator inside the organisation; nothing is written", async () => {
    const target = created[1]!;
    const member = await person(db, "someone@elsewhere.test");
    const insider = await person(db, "insider@p1.test", "moderator");
    const before = (await db.select({ n: count() }).from(auditLog))[0]!.n;
    expect(await refusal(approveOrganisation(db, { userId: member.id }, { organisationId: target.id, note: "Looks right to me." }))).toBe("forbidden");
    // A moderator who is a member (by invitation or joining) is told why, in the words /admin shows.
    await db.insert(memberships).values({ organisationId: target.id, userId: insider.id, role: "member" }).onConflictDoNothing();
    expect(await refusalMessage(approveOrganisation(db, { userId: insider.id }, { organisationId: target.id, note: "Checked it myself." }))).toBe(
      `You belong to ${target.name}; another moderator must decide.`,
    );
    expect((await db.select({ n: count() }).from(auditLog))[0]!.n).toBe(before);
    expect((await db.select({ status: organisations.status }).from(organisations).where(eq(organisations.id, target.id)))[0]!.status).toBe("pending");
  });
});
