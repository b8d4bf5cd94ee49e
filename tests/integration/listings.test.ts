import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDirectoryEntry, getDirectoryFacets, getDirectoryPage, getDirectorySlice, iterateDirectory } from "@/db/queries/directory";
import { rebuildSignatoryListings } from "@/db/queries/listings";
import { insertUser, setUserSiteRole } from "@/db/queries/users";
import { signatoryListings } from "@/db/schema";
import { signAccord, withdrawSignature } from "@/lib/accord/sign";
import { createCommitment } from "@/lib/commitments/commitments";
import { moderateOrganisation } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { publishReport } from "@/lib/reports/reports";
import { createCommitmentSchema } from "@/lib/validation/commitment";
import type { Sector } from "@/lib/validation/organisation";
import { type DirectoryFilters, directoryApiQuerySchema, directoryPageQuerySchema, queryRecord } from "@/lib/validation/directory";
import { fullSignInput } from "../support/signing";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;
const DAY = 24 * 60 * 60 * 1000;

describe.each(drivers)("the signatory directory on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let db: Db;
  let moderatorId: string;
  const owners = new Map<string, string>();
  const ids = new Map<string, string>();

  /** Registers, verifies and (unless told otherwise) signs, `daysAgo` days in the past. */
  async function organisation(name: string, domain: string, fields: { country: string; sector: Sector; daysAgo: number; sign?: boolean }) {
    const owner = await insertUser(db, { email: `owner@${domain}`, emailVerified: new Date() });
    const at = new Date(Date.now() - fields.daysAgo * DAY);
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: `${name} Ltd`, displayName: name, primaryDomain: domain, country: fields.country, sector: fields.sector, description: "" },
      { now: at },
    );
    await verifyByEmailDomain(db, { userId: owner.id }, org.id, { now: at });
    if (fields.sign !== false)
      await signAccord(db, { userId: owner.id }, await fullSignInput(db, org.id, { signerName: "Ada", signerTitle: "CEO" }), {
        now: new Date(at.getTime() + 1000),
      });
    owners.set(org.slug, owner.id);
    ids.set(org.slug, org.id);
    return org;
  }

  const slugs = async (filters: DirectoryFilters) => (await getDirectoryPage(filters, { page: 1, pageSize: 100 })).items.map((i) => i.slug);

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    db = await getReadyDatabase();
    const moderator = await insertUser(db, { email: "moderator@registry.test", emailVerified: new Date() });
    await setUserSiteRole(db, moderator.id, "moderator");
    moderatorId = moderator.id;
    await organisation("Zürich Sécurité", "zurich-securite.test", { country: "CH", sector: "cybersecurity", daysAgo: 500 });
    await organisation("Nordic Cloud", "nordic-cloud.test", { country: "SE", sector: "cloud-and-hosting", daysAgo: 100 });
    await organisation("100% Defence", "hundred-defence.test", { country: "DE", sector: "software", daysAgo: 50 });
    await organisation("Quitting Co", "quitting.test", { country: "DE", sector: "software", daysAgo: 40 });
    await organisation("Bad Actor", "bad-actor.test", { country: "FR", sector: "software", daysAgo: 30 });
    await organisation("Never Signed", "never-signed.test", { country: "DE", sector: "software", daysAgo: 20, sign: false });
  }, 120_000);
  afterAll(() => cleanup());

  it("lists every organisation that signed, one row each, and not those that never signed", async () => {
    expect((await slugs({})).sort()).toEqual(["100-defence", "bad-actor", "nordic-cloud", "quitting-co", "zurich-securite"]);
  });

  it("follows withdrawals, suspensions, commitments and reports as they happen", async () => {
    await withdrawSignature(
      db,
      { userId: owners.get("quitting-co")! },
      { organisationId: ids.get("quitting-co")!, reason: "We are withdrawing while the board reviews the accord." },
    );
    await moderateOrganisation(
      db,
      { userId: moderatorId },
      { organisationId: ids.get("bad-actor")!, change: "suspend", reason: "Credible reports of selling intrusion tools; suspended pending review." },
    );
    const principle = (await fullSignInput(db, ids.get("nordic-cloud")!, { signerName: "a", signerTitle: "b" })).affirmed[0]!;
    const commitment = createCommitmentSchema.parse({
      organisationId: ids.get("nordic-cloud")!,
      principle,
      title: "Publish a transparency report",
      status: "planned",
    });
    await createCommitment(db, { userId: owners.get("nordic-cloud")! }, commitment);

    const quitting = await getDirectoryEntry("quitting-co");
    expect(quitting).toMatchObject({ status: "withdrawn", withdrawalReason: expect.stringMatching(/board reviews/), reportOverdue: false, reportDueAt: null });
    expect(await getDirectoryEntry("bad-actor")).toMatchObject({ status: "suspended", statusReason: expect.stringMatching(/intrusion/) });
    expect((await getDirectoryEntry("nordic-cloud"))?.commitmentCount).toBe(1);
    expect(await slugs({ status: "withdrawn" })).toEqual(["quitting-co"]);
    expect(await slugs({ status: "suspended" })).toEqual(["bad-actor"]);

    // Delisting removes the row; reinstating brings it back as active.
    await moderateOrganisation(
      db,
      { userId: moderatorId },
      { organisationId: ids.get("bad-actor")!, change: "delist", reason: "No response to the suspension within ninety days; delisted." },
    );
    expect(await getDirectoryEntry("bad-actor")).toBeNull();
    await moderateOrganisation(
      db,
      { userId: moderatorId },
      { organisationId: ids.get("bad-actor")!, change: "reinstate", reason: "The company showed the contract was cancelled; reinstated." },
    );
    expect((await getDirectoryEntry("bad-actor"))?.status).toBe("active");
  });

  it("marks a signatory overdue 90 days after its report fell due, and a report clears it", async () => {
    // Zürich signed 500 days ago: due at 365, overdue after 455.
    expect(await slugs({ status: "overdue" })).toEqual(["zurich-securite"]);
    const entry = await getDirectoryEntry("zurich-securite");
    expect(entry?.reportOverdue).toBe(true);
    await publishReport(
      db,
      { userId: owners.get("zurich-securite")! },
      {
        organisationId: ids.get("zurich-securite")!,
        year: new Date().getUTCFullYear(),
        narrative: "We published our first year of progress on every commitment we made.",
        items: [],
      },
    );
    expect(await slugs({ status: "overdue" })).toEqual([]);
    expect(await getDirectoryEntry("zurich-securite")).toMatchObject({ reportOverdue: false, reportCount: 1, status: "active" });
  });

  it("searches name, legal name and domain, ignoring case and accents, and treats wildcards literally", async () => {
    expect(await slugs({ q: "zurich" })).toEqual(["zurich-securite"]);
    expect(await slugs({ q: "SÉCURITÉ" })).toEqual(["zurich-securite"]);
    expect(await slugs({ q: "nordic-cloud.test" })).toEqual(["nordic-cloud"]);
    expect(await slugs({ q: "100%" })).toEqual(["100-defence"]);
    expect(await slugs({ q: "%" })).toEqual(["100-defence"]);
    expect(await slugs({ q: "_" })).toEqual([]);
    expect(await slugs({ q: "' or 1=1 --" })).toEqual([]);
  });

  it("filters by country, sector, version and method, and combines them", async () => {
    expect(await slugs({ country: "DE", sort: "name" })).toEqual(["100-defence", "quitting-co"]);
    expect(await slugs({ sector: "cloud-and-hosting" })).toEqual(["nordic-cloud"]);
    expect((await slugs({ version: 1 })).length).toBe(5);
    expect(await slugs({ version: 2 })).toEqual([]);
    expect((await slugs({ method: "email_domain" })).length).toBe(5);
    expect(await slugs({ method: "dns_txt" })).toEqual([]);
    expect(await slugs({ country: "DE", status: "active" })).toEqual(["100-defence"]);
  });

  it("sorts by name (accents folded), newest and oldest signature", async () => {
    expect(await slugs({ sort: "name" })).toEqual(["100-defence", "bad-actor", "nordic-cloud", "quitting-co", "zurich-securite"]);
    expect(await slugs({ sort: "oldest" })).toEqual(["zurich-securite", "nordic-cloud", "100-defence", "quitting-co", "bad-actor"]);
    expect(await slugs({ sort: "newest" })).toEqual(["bad-actor", "quitting-co", "100-defence", "nordic-cloud", "zurich-securite"]);
  });

  it("walks every sort with keyset cursors: each row once, in the page order, ending with no cursor", async () => {
    for (const sort of ["name", "newest", "oldest"] as const) {
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const parsed = directoryApiQuerySchema.parse(queryRecord(new URLSearchParams({ sort, limit: "2", ...(cursor ? { cursor } : {}) })));
        const slice = await getDirectorySlice(parsed, { cursor: parsed.cursor, limit: parsed.limit! });
        expect(slice.total).toBe(5);
        walked.push(...slice.items.map((i) => i.slug));
        cursor = slice.nextCursor;
      } while (cursor);
      expect(walked).toEqual(await slugs({ sort }));
    }
  });

  it("ignores a cursor made for another sort order rather than returning rows out of order", async () => {
    const first = await getDirectorySlice({ sort: "name" }, { limit: 1 });
    const parsed = directoryApiQuerySchema.parse(queryRecord(new URLSearchParams({ sort: "newest", cursor: first.nextCursor! })));
    expect((await getDirectorySlice(parsed, { cursor: parsed.cursor, limit: 5 })).items).toEqual([]);
  });

  it("counts facets over the whole directory", async () => {
    const facets = await getDirectoryFacets();
    expect(facets.total).toBe(5);
    expect(facets.status).toEqual({ active: 4, withdrawn: 1, suspended: 0, overdue: 0 });
    expect(facets.countries.find((c) => c.value === "DE")?.count).toBe(2);
    expect(facets.versions).toEqual([{ value: 1, count: 5 }]);
  });

  it("streams every row in slug order, in batches", async () => {
    const batches: string[][] = [];
    for await (const batch of iterateDirectory(db, 2)) batches.push(batch.map((e) => e.slug));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(batches.flat()).toEqual([...batches.flat()].sort());
  });

  it("rebuilds to exactly the rows the domain functions maintained", async () => {
    const before = await db.select().from(signatoryListings).orderBy(signatoryListings.slug);
    await rebuildSignatoryListings(db);
    const after = await db.select().from(signatoryListings).orderBy(signatoryListings.slug);
    const strip = (rows: typeof before) => rows.map(({ updatedAt: _updatedAt, ...rest }) => rest);
    expect(strip(after)).toEqual(strip(before));
    expect(after).toHaveLength(5);
  });

  it("public entries carry no ids or email addresses", async () => {
    const json = JSON.stringify((await getDirectoryPage({}, { page: 1, pageSize: 100 })).items);
    expect(json).not.toContain("@");
    for (const id of [...ids.values(), ...owners.values()]) expect(json).not.toContain(id);
  });
});

describe("directory query strings", () => {
  const page = (query: string) => directoryPageQuerySchema.safeParse(queryRecord(new URLSearchParams(query)));
  const api = (query: string) => directoryApiQuerySchema.safeParse(queryRecord(new URLSearchParams(query)));

  it("accepts the filters, empty values meaning unset", () => {
    expect(page("q=north&country=de&sector=software&status=overdue&version=1&method=dns_txt&sort=newest&page=2").data).toEqual({
      q: "north",
      country: "DE",
      sector: "software",
      status: "overdue",
      version: 1,
      method: "dns_txt",
      sort: "newest",
      page: 2,
    });
    expect(page("q=&country=&status=").data).toEqual({
      q: undefined,
      country: undefined,
      status: undefined,
      sector: undefined,
      version: undefined,
      method: undefined,
      sort: undefined,
      page: undefined,
    });
  });

  it.each([
    ["country=XX", "country"],
    ["country=DE&country=FR", "country"],
    ["sector=weapons", "sector"],
    ["status=deleted", "status"],
    ["version=0", "version"],
    ["version=-1", "version"],
    ["version=1.5", "version"],
    ["method=carrier-pigeon", "method"],
    ["sort=random", "sort"],
    ["page=0", "page"],
    ["page=-3", "page"],
    ["page=abc", "page"],
    ["page=99999999", "page"],
    [`q=${"x".repeat(101)}`, "q"],
    ["q=%00", "q"],
  ])("refuses %s naming %s", (query, field) => {
    const result = page(query);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
    expect(result.error?.issues[0]?.message).toMatch(/\w{3,}/);
  });

  it.each([
    ["limit=0"],
    ["limit=101"],
    ["limit=-1"],
    ["limit=ten"],
    ["cursor=not base64!"],
    ["cursor=e30"],
    [`cursor=${Buffer.from('{"s":"name","k":"a","id":"A B"}').toString("base64url")}`],
  ])("the API refuses %s", (query) => {
    expect(api(query).success).toBe(false);
  });
});
