import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLatestAccordVersion, insertAccordVersion } from "@/db/queries/accord";
import { getSignatoryStatistics } from "@/db/queries/stats";
import { insertUser, setUserSiteRole } from "@/db/queries/users";
import { commitments, organisations, progressReports, signatures } from "@/db/schema";
import { signAccord, withdrawSignature } from "@/lib/accord/sign";
import { hashAccordSnapshot, parseAccordSnapshot } from "@/lib/accord/version";
import { moderateOrganisation } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import type { Sector } from "@/lib/validation/organisation";
import { buildMonthSeries, monthOf } from "@/lib/stats/months";
import { fullSignInput } from "../support/signing";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

const signer = { signerName: "Ada Lovelace", signerTitle: "Chief Executive Officer" };
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

let counter = 0;
async function person(db: Db, email: string) {
  return insertUser(db, { email: email.replace("@", `+${++counter}@`), emailVerified: at("2023-12-01") });
}

/** A registered organisation with its owner, verified unless asked not to. */
async function organisation(db: Db, domain: string, fields: { country: string; sector: Sector; verify?: boolean }) {
  const owner = await person(db, `owner@${domain}`);
  const org = await registerOrganisation(
    db,
    { userId: owner.id },
    { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: fields.country, sector: fields.sector },
    { now: at("2024-01-01") },
  );
  if (fields.verify ?? true) await verifyByEmailDomain(db, { userId: owner.id }, org.id, { now: at("2024-01-02") });
  return { org, actor: { userId: owner.id } };
}

const sign = async (db: Db, o: { org: { id: string }; actor: { userId: string } }, day: string) =>
  signAccord(db, o.actor, await fullSignInput(db, o.org.id, signer), { now: at(day) });
const withdraw = (db: Db, o: { org: { id: string }; actor: { userId: string } }, day: string) =>
  withdrawSignature(db, o.actor, { organisationId: o.org.id, reason: "Our board decided to leave the accord for now." }, { now: at(day) });

/**
 * The same figures the page shows, worked out the slow way: every organisation and signature read
 * into memory, each organisation's history replayed in time order.
 */
async function countDirectly(db: Db) {
  const orgs = await db.select().from(organisations);
  const sigs = await db.select().from(signatures);
  const listed = new Map(orgs.filter((o) => o.status === "verified" || o.status === "suspended").map((o) => [o.id, o]));
  const standing = orgs.filter((o) => listed.has(o.id) && sigs.some((s) => s.organisationId === o.id && s.withdrawnAt === null));
  const standingIds = new Set(standing.map((o) => o.id));
  const tally = (key: (o: (typeof orgs)[number]) => string) => {
    const counts = new Map<string, number>();
    for (const o of standing) counts.set(key(o), (counts.get(key(o)) ?? 0) + 1);
    return counts;
  };
  const months = new Map<string, { joined: number; left: number }>();
  for (const org of listed.values()) {
    const events = sigs
      .filter((s) => s.organisationId === org.id)
      .flatMap((s) => [{ at: s.signedAt, delta: 1 }, ...(s.withdrawnAt ? [{ at: s.withdrawnAt, delta: -1 }] : [])])
      .sort((a, b) => a.at.getTime() - b.at.getTime() || b.delta - a.delta);
    let running = 0;
    for (const e of events) {
      const before = running;
      running += e.delta;
      const m = months.get(monthOf(e.at)) ?? { joined: 0, left: 0 };
      if (before === 0 && running === 1) m.joined++;
      if (before === 1 && running === 0) m.left++;
      months.set(monthOf(e.at), m);
    }
  }
  const allCommitments = await db.select({ organisationId: commitments.organisationId }).from(commitments);
  const allReports = await db.select({ organisationId: progressReports.organisationId }).from(progressReports);
  return {
    standing: standing.length,
    suspended: standing.filter((o) => o.status === "suspended").length,
    byCountry: tally((o) => o.country),
    bySector: tally((o) => o.sector),
    commitments: allCommitments.filter((c) => standingIds.has(c.organisationId)).length,
    reports: allReports.filter((r) => standingIds.has(r.organisationId)).length,
    months,
  };
}

describe.each(drivers)("signatory statistics on %s", (driver: Driver) => {
  describe("a registry's history", () => {
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ cleanup } = await useFreshDatabase(driver, "production"));
    });
    afterAll(() => cleanup());

    it("is empty before anyone signs, even with verified and pending organisations", async () => {
      const db = await getReadyDatabase();
      await organisation(db, "verified-only.test", { country: "US", sector: "other" });
      await organisation(db, "pending-only.test", { country: "US", sector: "other", verify: false });
      expect(await getSignatoryStatistics()).toEqual({
        standing: 0,
        suspended: 0,
        countries: 0,
        sectors: 0,
        commitments: 0,
        reports: 0,
        months: [],
        byCountry: [],
        bySector: [],
      });
    });

    it("counts organisations once from their first signature, drops them when they withdraw, and leaves out the delisted", async () => {
      const db = await getReadyDatabase();
      const moderator = await person(db, "moderator@registry.test");
      await setUserSiteRole(db, moderator.id, "moderator");
      const moderate = (o: { org: { id: string } }, change: "suspend" | "delist", day: string) =>
        moderateOrganisation(
          db,
          { userId: moderator.id },
          { organisationId: o.org.id, change, reason: "Public reporting that needs an answer." },
          { now: at(day) },
        );

      const a = await organisation(db, "a.test", { country: "DE", sector: "software" });
      const b = await organisation(db, "b.test", { country: "KE", sector: "cybersecurity" });
      const c = await organisation(db, "c.test", { country: "DE", sector: "cybersecurity" });
      const d = await organisation(db, "d.test", { country: "FR", sector: "software" });
      await sign(db, a, "2024-01-10");
      await sign(db, b, "2024-02-05");
      await sign(db, c, "2024-02-20");
      await sign(db, d, "2024-03-03");
      await withdraw(db, b, "2024-04-20");
      await moderate(c, "suspend", "2024-05-01");
      await moderate(d, "delist", "2024-06-01");

      const stats = await getSignatoryStatistics();
      expect(stats).toMatchObject({ standing: 2, suspended: 1, countries: 1, sectors: 2 });
      expect(stats.byCountry).toEqual([{ country: "DE", count: 2 }]);
      expect(stats.months).toEqual([
        { month: "2024-01", joined: 1, left: 0 },
        { month: "2024-02", joined: 2, left: 0 },
        { month: "2024-04", joined: 0, left: 1 },
      ]);
      // The withdrawal lowers the running total from April on; the delisted organisation is nowhere.
      expect(buildMonthSeries(stats.months, "2024-06").map((p) => p.standing)).toEqual([1, 3, 3, 2, 2, 2]);

      // Signing again after withdrawing is joining again.
      await sign(db, b, "2024-07-15");
      const again = await getSignatoryStatistics();
      expect(again).toMatchObject({ standing: 3, countries: 2 });
      expect(again.months.at(-1)).toEqual({ month: "2024-07", joined: 1, left: 0 });
      expect(buildMonthSeries(again.months, "2024-08").map((p) => p.standing)).toEqual([1, 3, 3, 2, 2, 2, 3, 3]);
      expect(again.standing).toBe(buildMonthSeries(again.months, "2024-08").at(-1)!.standing);
    });

    it("does not count a re-affirmation of a newer version as a new signatory, and one withdrawal takes every version", async () => {
      const db = await getReadyDatabase();
      const e = await organisation(db, "e.test", { country: "KE", sector: "software" });
      await sign(db, e, "2024-08-02");
      const latest = (await getLatestAccordVersion(db))!;
      const snapshot = parseAccordSnapshot(latest.content);
      const changed = { ...snapshot, preamble: { ...snapshot.preamble, summary: `${snapshot.preamble.summary} (revised)` } };
      await insertAccordVersion(db, { number: latest.number + 1, contentHash: hashAccordSnapshot(changed), changelog: "Revised summary.", content: changed });
      await sign(db, e, "2024-09-09");
      const reaffirmed = await getSignatoryStatistics();
      expect(reaffirmed.standing).toBe(4);
      expect(reaffirmed.months.filter((m) => m.month >= "2024-08")).toEqual([
        { month: "2024-08", joined: 1, left: 0 },
        { month: "2024-09", joined: 0, left: 0 },
      ]);

      await withdraw(db, e, "2024-10-10");
      const withdrawn = await getSignatoryStatistics();
      expect(withdrawn.standing).toBe(3);
      expect(withdrawn.months.at(-1)).toEqual({ month: "2024-10", joined: 0, left: 1 });
      expect(buildMonthSeries(withdrawn.months, "2024-10").at(-1)!.standing).toBe(3);
    });

    it("never gives an organisation the slug of the statistics page", async () => {
      const db = await getReadyDatabase();
      const owner = await person(db, "owner@stats.test");
      const org = await registerOrganisation(
        db,
        { userId: owner.id },
        { legalName: "Stats Ltd", displayName: "Stats", primaryDomain: "stats.test", country: "GB", sector: "software" },
      );
      expect(org.slug).toBe("stats-2");
    });
  });

  describe("the demo registry", () => {
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ cleanup } = await useFreshDatabase(driver, "demo"));
    });
    afterAll(() => cleanup());

    it("matches counts made directly from the organisations and signatures", async () => {
      const db = await getReadyDatabase();
      const stats = await getSignatoryStatistics();
      const direct = await countDirectly(db);

      // 40 demo organisations: 2 withdrew; the suspended one still stands.
      expect(stats.standing).toBe(38);
      expect(stats.suspended).toBe(1);
      expect(stats).toMatchObject({ standing: direct.standing, suspended: direct.suspended, commitments: direct.commitments, reports: direct.reports });
      expect(stats.commitments).toBeGreaterThan(stats.standing);
      expect(stats.reports).toBeGreaterThan(0);
      expect(stats.countries).toBe(direct.byCountry.size);
      expect(stats.sectors).toBe(direct.bySector.size);
      expect(new Map(stats.byCountry.map((r) => [r.country, r.count]))).toEqual(direct.byCountry);
      expect(new Map(stats.bySector.map((r) => [r.sector, r.count]))).toEqual(direct.bySector);
      expect(stats.byCountry.reduce((sum, r) => sum + r.count, 0)).toBe(stats.standing);
      expect(stats.bySector.reduce((sum, r) => sum + r.count, 0)).toBe(stats.standing);

      expect(new Map(stats.months.map((m) => [m.month, { joined: m.joined, left: m.left }]))).toEqual(direct.months);
      expect(stats.months.reduce((sum, m) => sum + m.left, 0)).toBe(2);
      const series = buildMonthSeries(stats.months, monthOf(new Date()));
      expect(series.at(-1)!.standing).toBe(stats.standing);
      // The demo history spans about a year and a half.
      expect(series.length).toBeGreaterThanOrEqual(17);
    });
  });
});
