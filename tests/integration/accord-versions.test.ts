import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getSnapshotJson } from "@/app/accord/versions/[version]/snapshot.json/route";
import { getLatestAccordVersion, insertAccordVersion } from "@/db/queries/accord";
import { getAccordVersionDiff, getAccordVersionSummaries, getPublishedAccordVersion } from "@/db/queries/accord-versions";
import { getLedgerEntry } from "@/db/queries/ledger";
import { insertUser, setUserSiteRole } from "@/db/queries/users";
import { signAccord, withdrawSignature } from "@/lib/accord/sign";
import { type AccordSnapshot, hashAccordSnapshot, parseAccordSnapshot } from "@/lib/accord/version";
import { appendEvent } from "@/lib/ledger/io/log";
import { moderateOrganisation } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { fullSignInput } from "../support/signing";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

const sha256 = (bytes: string | Uint8Array) => createHash("sha256").update(bytes).digest("hex");

let counter = 0;
async function signedOrganisation(db: Db, domain: string) {
  const owner = await insertUser(db, { email: `owner+${++counter}@${domain}`, emailVerified: new Date() });
  const org = await registerOrganisation(
    db,
    { userId: owner.id },
    { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: "FR", sector: "software" },
  );
  await verifyByEmailDomain(db, { userId: owner.id }, org.id);
  await signAccord(db, { userId: owner.id }, await fullSignInput(db, org.id, { signerName: "Ada Lovelace", signerTitle: "Chief Executive" }));
  return { owner, org };
}

/** Version 2 as the studio would publish it: principle 1 reworded, principle 3 dropped, one added. */
function secondVersion(v1: AccordSnapshot): AccordSnapshot {
  const [first, ...rest] = v1.principles;
  const kept = rest.filter((p) => p.number !== 3);
  const principles = [
    { ...first!, body: first!.body.replace("We build and operate technology to protect people.", "We build and operate technology only to protect people.") },
    ...kept,
    {
      number: 0,
      slug: "protect-elections",
      title: "Protect elections",
      summary: "Signatories help keep elections free of interference.",
      body: "We will help election authorities defend their systems.",
    },
  ];
  return { preamble: v1.preamble, principles: principles.map((p, i) => ({ ...p, number: i + 1 })) };
}

/** Calls the snapshot route handler the way Next does. */
async function fetchSnapshot(version: string) {
  return getSnapshotJson(new Request(`http://localhost:3000/accord/versions/${version}/snapshot.json`), { params: Promise.resolve({ version }) });
}

describe.each(drivers)("accord versions on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let db: Db;
  let v1: AccordSnapshot;
  let v2: AccordSnapshot;
  let v2Hash: string;
  let v2LedgerIndex: number;

  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    db = await getReadyDatabase();
    v1 = parseAccordSnapshot((await getLatestAccordVersion(db))!.content);

    // Version 1: one standing signature, one withdrawn, one from an organisation since suspended.
    const stays = await signedOrganisation(db, "standing.test");
    const leaving = await signedOrganisation(db, "leaving.test");
    await withdrawSignature(db, { userId: leaving.owner.id }, { organisationId: leaving.org.id, reason: "Our board decided to leave the accord." });
    const suspended = await signedOrganisation(db, "suspended.test");
    const moderator = await insertUser(db, { email: `mod+${++counter}@registry.test`, emailVerified: new Date() });
    await setUserSiteRole(db, moderator.id, "moderator");
    await moderateOrganisation(
      db,
      { userId: moderator.id },
      { organisationId: suspended.org.id, change: "suspend", reason: "Under investigation for selling exploits" },
    );

    v2 = secondVersion(v1);
    v2Hash = hashAccordSnapshot(v2);
    v2LedgerIndex = await db.transaction(async (tx) => {
      const row = await insertAccordVersion(tx, {
        number: 2,
        contentHash: v2Hash,
        changelog: "Reworded principle 1, dropped principle 3, added election protection.",
        content: v2,
        publishedAt: new Date("2030-01-02T03:04:05Z"),
      });
      const entry = await appendEvent(tx, {
        kind: "accord.published",
        at: row.publishedAt.toISOString(),
        version: 2,
        contentHash: v2Hash,
        changelog: row.changelog,
      });
      return entry.index;
    });
    // Version 2: one organisation re-affirms, one signs for the first time.
    await signAccord(db, { userId: stays.owner.id }, await fullSignInput(db, stays.org.id, { signerName: "Ada Lovelace", signerTitle: "Chief Executive" }));
    await signedOrganisation(db, "newcomer.test");
  });
  afterAll(async () => {
    await cleanup();
  });

  it("lists every version newest first with its hash, changelog, ledger entry and standing signatories", async () => {
    const versions = await getAccordVersionSummaries();
    expect(versions.map((v) => v.number)).toEqual([2, 1]);
    expect(versions[0]).toEqual({
      number: 2,
      contentHash: v2Hash,
      changelog: "Reworded principle 1, dropped principle 3, added election protection.",
      publishedAt: "2030-01-02T03:04:05.000Z",
      ledgerIndex: v2LedgerIndex,
      standingSignatories: 2,
    });
    // Re-affirming leaves the older signature standing; withdrawn and suspended organisations are not counted.
    expect(versions[1]).toMatchObject({
      number: 1,
      contentHash: hashAccordSnapshot(v1),
      changelog: "First version, imported from the shipped text.",
      standingSignatories: 1,
    });
    for (const v of versions) {
      const entry = await getLedgerEntry(db, v.ledgerIndex!);
      expect(JSON.parse(new TextDecoder().decode(entry!.data))).toMatchObject({ kind: "accord.published", version: v.number, contentHash: v.contentHash });
    }
  });

  it("returns each version's text as published, with canonical JSON whose SHA-256 is its content hash", async () => {
    for (const [number, snapshot] of [
      [1, v1],
      [2, v2],
    ] as const) {
      const version = (await getPublishedAccordVersion(number))!;
      expect(version.snapshot).toEqual(snapshot);
      expect(sha256(version.snapshotJson)).toBe(version.contentHash);
      expect(JSON.parse(version.snapshotJson)).toEqual(snapshot);
    }
    expect(await getPublishedAccordVersion(3)).toBeNull();
  });

  it("serves the snapshot bytes from the route handler, and a clear 404 for anything else", async () => {
    const response = await fetchSnapshot("2");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(v2Hash);

    for (const bad of ["3", "0", "01", "-1", "1.5", "abc", "1000001", "9".repeat(30)]) {
      const refused = await fetchSnapshot(bad);
      expect(refused.status, bad).toBe(404);
      expect((await refused.json()).error.code).toBe("not_found");
    }
  });

  it("diffs version 2 against version 1: one principle changed, one added, one removed, the rest renumbered", async () => {
    const found = (await getAccordVersionDiff(2))!;
    expect(found.version).toMatchObject({ number: 2, contentHash: v2Hash, ledgerIndex: v2LedgerIndex });
    expect(found.previous).toMatchObject({ number: 1, contentHash: hashAccordSnapshot(v1) });
    const diff = found.diff!;
    expect(diff.summary).toEqual({ preambleChanged: false, changed: 1, added: 1, removed: 1, moved: 0, renumbered: v1.principles.length - 3, unchanged: 1 });

    const changed = diff.sections.find((s) => s.status === "changed")!;
    expect(changed.slug).toBe(v1.principles[0]!.slug);
    expect(changed.body.filter((s) => s.op !== "equal")).toEqual([{ op: "insert", text: "only " }]);
    expect(diff.sections.find((s) => s.status === "removed")).toMatchObject({ slug: v1.principles[2]!.slug, before: { number: 3 }, after: null });
    expect(diff.sections.find((s) => s.status === "added")).toMatchObject({ slug: "protect-elections", before: null, after: { number: v2.principles.length } });
  });

  it("has nothing to compare the first version with, and no diff for an unknown version", async () => {
    const first = (await getAccordVersionDiff(1))!;
    expect(first).toMatchObject({ version: { number: 1 }, previous: null, diff: null });
    expect(await getAccordVersionDiff(3)).toBeNull();
  });
});
