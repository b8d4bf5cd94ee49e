import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listTransparency } from "@/app/api/v1/transparency/route";
import { GET as getTransparencyCsv } from "@/app/transparency.csv/route";
import { getLedgerSize } from "@/db/queries/ledger";
import { seedDemoOrganisations } from "@/lib/demo/seed-bulk";
import { transparencyReports, transparencyRows } from "@/db/schema";
import { signAccord } from "@/lib/accord/sign";
import { defineActions } from "@/lib/actions/define-actions";
import { canonicalHash } from "@/lib/ledger/canonical-hash";
import { joinOrganisation } from "@/lib/orgs/membership";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { transparencyCsvColumns } from "@/lib/transparency/open-data";
import { getRegistryTransparency, getSignatoryTransparency } from "@/lib/transparency/public";
import { correctTransparencyReport, publishTransparencyReport } from "@/lib/transparency/transparency";
import { type TransparencyInput, transparencyFormSchema } from "@/lib/validation/transparency";
import { fullSignInput } from "../support/signing";
import { loggedEvent, person, refusal, refusalMessage } from "../support/people";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

const NOW = new Date("2026-09-01T10:00:00Z");
const SITE = "http://localhost:3000";

const lineFields = (i: number, values: string) => {
  const columns = [
    "country",
    "instrument",
    "requests",
    "accounts",
    "content_disclosed",
    "non_content_disclosed",
    "no_data_found",
    "rejected",
    "pending",
    "challenged_in_court",
  ];
  const parts = values.split(",");
  return Object.fromEntries(columns.map((c, n) => [`row-${i}-${c}`, parts[n]!]));
};

/** A form as an owner fills it in: period, customers notified and lines ("DE,court_order,10,…"). */
function figures(organisationId: string, period: string, lines: string[], extra: Record<string, string> = {}): TransparencyInput {
  return transparencyFormSchema.parse({
    organisationId,
    mode: extra.reason ? "correct" : "publish",
    period,
    notified: "3",
    ...Object.assign({}, ...lines.map((l, i) => lineFields(i, l))),
    ...extra,
  });
}

describe.each(drivers)("transparency reports on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(async () => {
    await cleanup();
  });

  async function signatory(domain: string, { sign = true } = {}) {
    const db = await getReadyDatabase();
    const owner = await person(db, `owner@${domain}`);
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: `${domain} Ltd`, displayName: `Org ${domain}`, primaryDomain: domain, country: "GB", sector: "software" },
    );
    const member = await person(db, `member@${domain}`);
    await joinOrganisation(db, { userId: member.id }, org.id);
    await verifyByEmailDomain(db, { userId: owner.id }, org.id);
    if (sign) await signAccord(db, { userId: owner.id }, await fullSignInput(db, org.id, { signerName: "Ada Lovelace", signerTitle: "Chief Executive" }));
    return { db, org, owner, member };
  }

  async function snapshot(db: Db) {
    return {
      ledger: await getLedgerSize(db),
      reports: (await db.select().from(transparencyReports)).map((r) => JSON.stringify(r)).sort(),
      rows: (await db.select().from(transparencyRows)).map((r) => JSON.stringify(r)).sort(),
    };
  }

  it("an owner publishes a half-year: lines, bands and the ledger entry with the content's SHA-256", async () => {
    const w = await signatory("publish.test");
    const input = figures(w.org.id, "2026-H1", ["US,court_order,10,14,3,4,1,2,0,1", "DE,national_security,0-249,0-499,0-249,0,0,0,0,0"]);
    const { report } = await publishTransparencyReport(w.db, { userId: w.owner.id }, input, { now: NOW });
    expect(report).toMatchObject({ period: "2026-H1", revision: 1, current: true, reason: null, notifiedMin: 3, notifiedMax: 3 });
    const event = await loggedEvent(w.db, report.ledgerIndex!);
    expect(event).toEqual({
      kind: "transparency.published",
      at: NOW.toISOString(),
      organisation: { slug: w.org.slug, name: "Org publish.test", domain: "publish.test" },
      period: "2026-H1",
      revision: 1,
      contentHash: report.contentHash,
    });

    const published = await getSignatoryTransparency(w.org.slug);
    const revision = published!.periods[0]!.current;
    expect(revision.lines.map((l) => `${l.country} ${l.instrument}`)).toEqual(["DE national_security", "US court_order"]);
    // A band plus exact figures is a range, never an exact total.
    expect(revision.totals.requests).toEqual({ min: 10, max: 259 });
    // Anyone can recompute the hash from the public figures.
    const { period, customersNotified, lines } = revision;
    expect(canonicalHash({ period, customersNotified, rows: lines })).toBe(report.contentHash);
    expect(JSON.stringify(published)).not.toContain("@");
    expect(JSON.stringify(published)).not.toContain(w.owner.id);
  });

  it("members, owners of another organisation, moderators and unsigned or unverified organisations may not publish; nothing changes", async () => {
    const w = await signatory("refuse.test");
    const other = await signatory("other-org.test");
    const moderator = await person(w.db, "mod@registry.test", "moderator");
    const input = figures(w.org.id, "2026-H1", ["US,subpoena,1,1,1,0,0,0,0,0"]);
    const unsigned = await signatory("unsigned.test", { sign: false });
    const pendingOwner = await person(w.db, "owner@pending.test");
    const pending = await registerOrganisation(
      w.db,
      { userId: pendingOwner.id },
      { legalName: "Pending Ltd", displayName: "Pending", primaryDomain: "pending.test", country: "FR", sector: "software" },
    );
    const before = await snapshot(w.db);
    expect(await refusalMessage(publishTransparencyReport(w.db, { userId: w.member.id }, input, { now: NOW }))).toBe(
      "Only owners of Org refuse.test can publish or correct transparency reports on government requests.",
    );
    expect(await refusal(publishTransparencyReport(w.db, { userId: other.owner.id }, input, { now: NOW }))).toBe("forbidden");
    expect(await refusal(publishTransparencyReport(w.db, { userId: moderator.id }, input, { now: NOW }))).toBe("forbidden");
    expect(await refusal(correctTransparencyReport(w.db, { userId: w.member.id }, { ...input, reason: "A member tries to correct." }, { now: NOW }))).toBe(
      "forbidden",
    );

    expect(
      await refusalMessage(publishTransparencyReport(unsigned.db, { userId: unsigned.owner.id }, { ...input, organisationId: unsigned.org.id }, { now: NOW })),
    ).toContain("has not signed the accord");
    expect(
      await refusalMessage(publishTransparencyReport(w.db, { userId: pendingOwner.id }, { ...input, organisationId: pending.id }, { now: NOW })),
    ).toContain("is pending");
    expect(await snapshot(w.db)).toEqual(before);
  });

  it("anonymous visitors are refused by the action wrapper before anything runs", async () => {
    const { createAction } = defineActions({ currentUser: async () => null, database: getReadyDatabase });
    let ran = false;
    const action = createAction({
      schema: transparencyFormSchema,
      async run() {
        ran = true;
      },
    });
    const data = new FormData();
    data.set("organisationId", "7b1a4a2e-1d2f-4c3b-9a8e-0f1e2d3c4b5a");
    const state = await action({ status: "idle" }, data);
    expect(state).toMatchObject({ status: "error", message: "Your session has ended. Please sign in again." });
    expect(ran).toBe(false);
  });

  it("a period that has not ended, and a second report for a period, are refused beside the period field", async () => {
    const w = await signatory("period.test");
    const input = figures(w.org.id, "2026-H2", ["US,subpoena,1,1,1,0,0,0,0,0"]);
    const running = publishTransparencyReport(w.db, { userId: w.owner.id }, input, { now: NOW });
    await expect(running).rejects.toMatchObject({ code: "invalid", fields: { period: expect.stringContaining("has not ended yet") } });
    const h1 = figures(w.org.id, "2026-H1", ["US,subpoena,1,1,1,0,0,0,0,0"]);
    await publishTransparencyReport(w.db, { userId: w.owner.id }, h1, { now: NOW });
    const before = await snapshot(w.db);
    await expect(publishTransparencyReport(w.db, { userId: w.owner.id }, h1, { now: NOW })).rejects.toMatchObject({
      code: "invalid",
      fields: { period: expect.stringContaining("already published figures for January–June 2026: publish a correction") },
    });
    expect(await snapshot(w.db)).toEqual(before);
  });

  it("the data layer checks the lines again, whoever calls it", async () => {
    const w = await signatory("recheck.test");
    const input = figures(w.org.id, "2026-H1", ["US,subpoena,2,2,2,0,0,0,0,0"]);
    input.rows[0]!.requests = { min: 3, max: 3 };
    await expect(publishTransparencyReport(w.db, { userId: w.owner.id }, input, { now: NOW })).rejects.toMatchObject({
      code: "invalid",
      message: expect.stringContaining("the outcomes add up to 2, not 3"),
    });
  });

  it("a correction is a new revision with its reason; the earlier revision stays as published", async () => {
    const w = await signatory("correct.test");
    const first = await publishTransparencyReport(w.db, { userId: w.owner.id }, figures(w.org.id, "2025-H2", ["US,court_order,10,14,3,4,1,2,0,1"]), {
      now: NOW,
    });
    const corrected = figures(w.org.id, "2025-H2", ["US,court_order,12,16,5,4,1,2,0,1", "BR,emergency,2,2,2,0,0,0,0,0"], {
      reason: "Two late-registered court orders were missing from the count.",
    });

    expect(await refusal(correctTransparencyReport(w.db, { userId: w.owner.id }, { ...corrected, reason: "" }, { now: NOW }))).toBe("invalid");
    const same = figures(w.org.id, "2025-H2", ["US,court_order,10,14,3,4,1,2,0,1"], { reason: "Nothing really changed here." });
    expect(await refusalMessage(correctTransparencyReport(w.db, { userId: w.owner.id }, same, { now: NOW }))).toBe(
      "The correction changes no figure: the published report already says exactly this.",
    );
    await expect(correctTransparencyReport(w.db, { userId: w.owner.id }, { ...corrected, period: "2025-H1" }, { now: NOW })).rejects.toMatchObject({
      fields: { period: expect.stringContaining("has not published figures for January–June 2025") },
    });

    const later = new Date(NOW.getTime() + 86_400_000);
    const { report } = await correctTransparencyReport(w.db, { userId: w.owner.id }, corrected, { now: later });
    expect(report).toMatchObject({ revision: 2, current: true, reason: "Two late-registered court orders were missing from the count." });
    expect(await loggedEvent(w.db, report.ledgerIndex!)).toMatchObject({
      kind: "transparency.corrected",
      period: "2025-H2",
      revision: 2,
      reason: "Two late-registered court orders were missing from the count.",
      contentHash: report.contentHash,
    });

    const published = await getSignatoryTransparency(w.org.slug);
    const period = published!.periods.find((p) => p.period === "2025-H2")!;
    expect(period.current.revision).toBe(2);
    expect(period.current.totals.requests).toEqual({ min: 14, max: 14 });
    expect(period.earlier).toHaveLength(1);
    expect(period.earlier[0]).toMatchObject({ revision: 1, current: false, contentHash: first.report.contentHash, reason: null });
    expect(period.earlier[0]!.totals.requests).toEqual({ min: 10, max: 10 });

    const again = figures(w.org.id, "2025-H2", ["US,court_order,12,16,5,4,1,2,0,1"], { reason: "The Brazilian request belonged to 2026." });
    expect((await correctTransparencyReport(w.db, { userId: w.owner.id }, again, { now: later })).report.revision).toBe(3);
  });

  describe("open data", () => {
    let slugs: { a: string; b: string };
    beforeAll(async () => {
      const a = await signatory("api-a.test");
      const b = await signatory("api-b.test");
      slugs = { a: a.org.slug, b: b.org.slug };
      await publishTransparencyReport(a.db, { userId: a.owner.id }, figures(a.org.id, "2025-H1", ["FR,subpoena,4,4,4,0,0,0,0,0"]), { now: NOW });
      await publishTransparencyReport(a.db, { userId: a.owner.id }, figures(a.org.id, "2025-H2", ["FR,subpoena,5,5,5,0,0,0,0,0", "JP,other,1,1,0,0,0,1,0,0"]), {
        now: NOW,
      });
      await publishTransparencyReport(b.db, { userId: b.owner.id }, figures(b.org.id, "2025-H2", ["JP,emergency,2,2,0,2,0,0,0,0"]), { now: NOW });
    });

    const api = async (query: string) => {
      const response = await listTransparency(new Request(`${SITE}/api/v1/transparency${query}`));
      return {
        status: response.status,
        body: (await response.json()) as Record<string, unknown> & {
          data: { signatory: { slug: string }; period: string; lines: { country: string; instrument: string }[] }[];
        },
      };
    };

    it("filters by signatory, country, period and instrument", async () => {
      const bySignatory = await api(`?signatory=${slugs.a}`);
      expect(bySignatory.status).toBe(200);
      expect(bySignatory.body.data.map((r) => r.period)).toEqual(["2025-H2", "2025-H1"]);
      const japan = await api("?country=jp");
      expect(japan.body.data.map((r) => [r.signatory.slug, r.lines.map((l) => l.country)])).toEqual([
        [slugs.a, ["JP"]],
        [slugs.b, ["JP"]],
      ]);
      const emergency = await api("?instrument=emergency&period=2025-H2");
      expect(emergency.body.data.map((r) => r.signatory.slug)).toEqual([slugs.b]);
      const none = await api("?period=2024-H1");
      expect(none.body.data).toEqual([]);
    });

    it("pages by cursor", async () => {
      const seen: string[] = [];
      let url: string | null = `?signatory=${slugs.a}&limit=1`;
      while (url) {
        const page = await api(url.replace(`${SITE}/api/v1/transparency`, ""));
        expect(page.status).toBe(200);
        seen.push(...page.body.data.map((r) => r.period));
        url = (page.body.links as { next: string | null }).next;
      }
      expect(seen).toEqual(["2025-H2", "2025-H1"]);
    });

    it("refuses bad queries with 400 naming each parameter", async () => {
      for (const [query, field] of [
        ["?country=XX", "country"],
        ["?period=2025", "period"],
        ["?instrument=letter", "instrument"],
        ["?signatory=Not_A_Slug", "signatory"],
        ["?limit=0", "limit"],
        ["?limit=1000", "limit"],
        ["?cursor=garbage", "cursor"],
        ["?contry=DE", "contry"],
        ["?country=DE&country=FR", "country"],
      ] as const) {
        const { status, body } = await api(query);
        expect(status, query).toBe(400);
        expect((body as unknown as { error: { fields: Record<string, string> } }).error.fields, query).toHaveProperty(field);
      }
    });

    it("the CSV has one row per line, the documented columns and the same filters", async () => {
      const response = await getTransparencyCsv(new Request(`${SITE}/transparency.csv?period=2025-H2`));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
      const parsed = Papa.parse<Record<string, string>>(await response.text(), { header: true, skipEmptyLines: true });
      expect(parsed.meta.fields).toEqual(transparencyCsvColumns.map((c) => c.name));
      const ours = parsed.data.filter((r) => r.signatory === slugs.a || r.signatory === slugs.b);
      expect(ours.map((r) => `${r.signatory} ${r.country} ${r.instrument} ${r.requests_min}-${r.requests_max}`)).toEqual([
        `${slugs.a} FR subpoena 5-5`,
        `${slugs.a} JP other 1-1`,
        `${slugs.b} JP emergency 2-2`,
      ]);
      const bad = await getTransparencyCsv(new Request(`${SITE}/transparency.csv?limit=5`));
      expect(bad.status).toBe(400);
    });

    it("registry-wide totals per period and by country", async () => {
      const registry = await getRegistryTransparency();
      const h2 = registry.periods.find((p) => p.period === "2025-H2")!;
      expect(h2.reports).toBeGreaterThanOrEqual(2);
      expect(registry.latest?.period).toBe("2026-H1");
      expect(registry.latest!.byCountry.length).toBeGreaterThan(0);
    });
  });
});

describe.each(drivers)("the demo's transparency reports on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(async () => {
    await cleanup();
  });

  it("the demo seed publishes plausible figures and a correction through the domain functions", async () => {
    const db = await getReadyDatabase();
    const now = new Date("2026-12-01T12:00:00Z");
    await seedDemoOrganisations(db, { count: 12, now });
    const reports = await db.select().from(transparencyReports);
    expect(reports.length).toBeGreaterThanOrEqual(6);
    expect(reports.some((r) => r.revision === 2 && r.reason)).toBe(true);
    for (const report of reports) expect(report.ledgerIndex).not.toBeNull();
    const registry = await getRegistryTransparency();
    expect(registry.periods.map((p) => p.period).every((p) => ["2025-H1", "2025-H2", "2026-H1"].includes(p))).toBe(true);
    expect(registry.latest!.byCountry.length).toBeGreaterThan(1);
    // The figures are dated after the demo history before them: the log's times do not go backwards there.
    let latest = 0;
    for (let i = 1; i < (await getLedgerSize(db)); i++) {
      const event = await loggedEvent(db, i);
      const at = Date.parse(String(event.at));
      if (String(event.kind).startsWith("transparency.")) expect(at, `entry ${i}`).toBeGreaterThanOrEqual(latest);
      latest = Math.max(latest, at);
    }
  });
});
