import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLedgerSize } from "@/db/queries/ledger";
import { getPublicProfile } from "@/db/queries/profiles";
import { getReport, getReportItems } from "@/db/queries/reports";
import { getReportCorrections, getReportDraft } from "@/db/queries/report-revisions";
import { progressReportCorrections, progressReportDrafts, progressReports } from "@/db/schema";
import { signAccord } from "@/lib/accord/sign";
import { createCommitment } from "@/lib/commitments/commitments";
import { joinOrganisation } from "@/lib/orgs/membership";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { reportContentHash } from "@/lib/reports/content-hash";
import { correctReport, reportRevisions } from "@/lib/reports/corrections";
import { getReportDraftForActor, saveReportDraft } from "@/lib/reports/drafts";
import { publishReport } from "@/lib/reports/reports";
import { createCommitmentSchema } from "@/lib/validation/commitment";
import { publishReportSchema } from "@/lib/validation/report";
import { correctReportSchema, saveReportDraftSchema } from "@/lib/validation/report-revision";
import { loggedEvent, person, refusal, refusalMessage } from "../support/people";
import { fullSignInput } from "../support/signing";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;
const year = new Date().getUTCFullYear();
const narrative = "We shipped the audit we promised, published the findings, and fixed what it found. Next year we open the report to outside review.";

describe("report draft and correction input", () => {
  it("a draft may be unfinished but not over the limits; line breaks count once", () => {
    const base = { organisationId: "8f14e45f-ceea-4e7a-9b5e-7f1b2c3d4e5f", year, narrative: "", items: [], baseRevision: 0 };
    expect(saveReportDraftSchema.safeParse(base).success).toBe(true);
    expect(saveReportDraftSchema.parse({ ...base, narrative: "a\r\nb" }).narrative).toBe("a\nb");
    expect(saveReportDraftSchema.safeParse({ ...base, narrative: "x".repeat(10001) }).success).toBe(false);
    expect(saveReportDraftSchema.safeParse({ ...base, narrative: "x\r\n".repeat(5000) }).success).toBe(true);
    expect(saveReportDraftSchema.safeParse({ ...base, items: [{ commitmentId: "nope", status: "planned", note: "" }] }).success).toBe(false);
    expect(saveReportDraftSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
  });
  it("a correction needs the report's fields and a public reason of 10 to 1000 characters", () => {
    const organisationId = "8f14e45f-ceea-4e7a-9b5e-7f1b2c3d4e5f";
    const result = correctReportSchema.safeParse({ organisationId, year: String(year), narrative, reason: "typo" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["reason", "must be at least 10 characters: say what was wrong"]]);
    const short = correctReportSchema.safeParse({ organisationId, year: String(year), narrative: "short", reason: "The audit date was wrong." });
    expect(short.error!.issues.map((i) => i.path.join("."))).toEqual(["narrative"]);
  });
});

describe.each(drivers)("report drafts and corrections on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  let db: Db;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
    db = await getReadyDatabase();
  });
  afterAll(async () => {
    await cleanup();
  });

  async function world(domain: string) {
    const owner = await person(db, `owner@${domain}`);
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: "FR", sector: "software" },
    );
    const member = await person(db, `member@${domain}`);
    await joinOrganisation(db, { userId: member.id }, org.id);
    await verifyByEmailDomain(db, { userId: owner.id }, org.id);
    await signAccord(db, { userId: owner.id }, await fullSignInput(db, org.id, { signerName: "Grace Hopper", signerTitle: "Chief Executive" }));
    const commitment = (title: string) =>
      createCommitment(
        db,
        { userId: member.id },
        createCommitmentSchema.parse({
          organisationId: org.id,
          principle: "defence-not-offence",
          title,
          description: "",
          status: "planned",
          targetDate: "",
          evidenceLinks: "",
        }),
      ).then((r) => r.commitment);
    const a = await commitment("No offensive tooling");
    const b = await commitment("Patch within 30 days");
    return { org, owner, member, a, b, outsider: await person(db, "someone@elsewhere.test"), moderator: await person(db, "mod@registry.test", "moderator") };
  }

  const tally = async () => ({
    drafts: (await db.select({ n: count() }).from(progressReportDrafts))[0]!.n,
    reports: (await db.select({ n: count() }).from(progressReports))[0]!.n,
    corrections: (await db.select({ n: count() }).from(progressReportCorrections))[0]!.n,
    ledger: await getLedgerSize(db),
  });

  it("a member saves a private draft; stale saves are refused as conflicts; outsiders and moderators cannot read or write it", async () => {
    const w = await world("draft.test");
    const items = [{ commitmentId: w.a.id, status: "in_progress" as const, note: "Half done." }];
    const first = await saveReportDraft(db, { userId: w.member.id }, { organisationId: w.org.id, year, narrative: "First lines", items, baseRevision: 0 });
    expect(first).toMatchObject({ status: "saved", revision: 1 });
    const second = await saveReportDraft(
      db,
      { userId: w.owner.id },
      { organisationId: w.org.id, year, narrative: "First lines, more", items, baseRevision: 1 },
    );
    expect(second).toMatchObject({ status: "saved", revision: 2 });
    // A tab still on revision 1 does not overwrite the owner's text.
    const stale = await saveReportDraft(db, { userId: w.member.id }, { organisationId: w.org.id, year, narrative: "Old tab", items, baseRevision: 1 });
    expect(stale).toMatchObject({ status: "conflict", revision: 2 });
    // Two first saves at once (two tabs): one wins, the other is told.
    const other = await saveReportDraft(db, { userId: w.member.id }, { organisationId: w.org.id, year: year - 1, narrative: "", items: [], baseRevision: 0 });
    const again = await saveReportDraft(db, { userId: w.owner.id }, { organisationId: w.org.id, year: year - 1, narrative: "x", items: [], baseRevision: 0 });
    expect([other.status, again.status]).toEqual(["saved", "conflict"]);
    expect(await getReportDraft(db, w.org.id, year)).toMatchObject({ narrative: "First lines, more", revision: 2, updatedBy: w.owner.id, items });

    const before = await tally();
    for (const who of [w.outsider, w.moderator]) {
      expect(
        await refusal(saveReportDraft(db, { userId: who.id }, { organisationId: w.org.id, year, narrative: "Mine now", items: [], baseRevision: 2 })),
      ).toBe("forbidden");
      expect(await refusal(getReportDraftForActor(db, { userId: who.id }, w.org.id, year))).toBe("forbidden");
    }
    // A commitment of another organisation cannot be slipped into a draft.
    const elsewhere = await world("elsewhere-draft.test");
    expect(
      await refusal(
        saveReportDraft(
          db,
          { userId: w.member.id },
          { organisationId: w.org.id, year, narrative: "", items: [{ commitmentId: elsewhere.a.id, status: "achieved", note: "" }], baseRevision: 2 },
        ),
      ),
    ).toBe("forbidden");
    // Nothing of a draft is public: no report, no ledger entry.
    expect(await getReport(db, w.org.id, year)).toBeNull();
    expect(await tally()).toMatchObject({ drafts: before.drafts + 0, reports: before.reports + 0, corrections: before.corrections });
    expect((await getReportDraftForActor(db, { userId: w.member.id }, w.org.id, year))?.revision).toBe(2);
  });

  it("members may draft but only owners publish; publishing removes the draft, and a published year takes no draft", async () => {
    const w = await world("publish-draft.test");
    await saveReportDraft(db, { userId: w.member.id }, { organisationId: w.org.id, year, narrative, items: [], baseRevision: 0 });
    const input = publishReportSchema.parse({
      organisationId: w.org.id,
      year: String(year),
      narrative,
      [`status-${w.a.id}`]: "achieved",
      [`status-${w.b.id}`]: "planned",
    });
    expect(await refusalMessage(publishReport(db, { userId: w.member.id }, input))).toBe(`Only owners of ${w.org.displayName} can publish the yearly report.`);
    expect(await getReportDraft(db, w.org.id, year)).not.toBeNull();
    await publishReport(db, { userId: w.owner.id }, input);
    expect(await getReportDraft(db, w.org.id, year)).toBeNull();
    expect(await refusal(saveReportDraft(db, { userId: w.member.id }, { organisationId: w.org.id, year, narrative: "more", items: [], baseRevision: 0 }))).toBe(
      "conflict",
    );
  });

  it("an owner corrects a published report: a new revision with its reason and hash in the ledger; the original and its logged hash never change", async () => {
    const w = await world("correct.test");
    const input = publishReportSchema.parse({
      organisationId: w.org.id,
      year: String(year),
      narrative,
      [`status-${w.a.id}`]: "achieved",
      [`note-${w.a.id}`]: "Audited in March.",
      [`status-${w.b.id}`]: "in_progress",
    });
    const { report } = await publishReport(db, { userId: w.owner.id }, input);
    const original = { narrative: report.narrative, contentHash: report.contentHash, items: await getReportItems(db, report.id) };
    const form = (fields: Record<string, string>) =>
      correctReportSchema.parse({
        organisationId: w.org.id,
        year: String(year),
        narrative,
        [`status-${w.a.id}`]: "achieved",
        [`note-${w.a.id}`]: "Audited in May.",
        [`status-${w.b.id}`]: "in_progress",
        reason: "The audit took place in May, not March.",
        ...fields,
      });

    // Refused: a member, an outsider, a moderator; a year with no report; the same text again; a missing commitment.
    const before = await tally();
    for (const who of [w.member, w.outsider, w.moderator]) expect(await refusal(correctReport(db, { userId: who.id }, form({})))).toBe("forbidden");
    expect(await refusal(correctReport(db, { userId: w.owner.id }, form({ year: String(year - 1) })))).toBe("not_found");
    expect(await refusal(correctReport(db, { userId: w.owner.id }, form({ [`note-${w.a.id}`]: "Audited in March." })))).toBe("invalid");
    const partial = correctReportSchema.parse({
      organisationId: w.org.id,
      year: String(year),
      narrative,
      [`status-${w.a.id}`]: "achieved",
      reason: "Dropping a line.",
    });
    expect(await refusal(correctReport(db, { userId: w.owner.id }, partial))).toBe("invalid");
    expect(await tally()).toEqual(before);

    const { correction } = await correctReport(db, { userId: w.owner.id }, form({}));
    const corrected = form({});
    expect(correction).toMatchObject({
      revision: 2,
      reason: "The audit took place in May, not March.",
      contentHash: reportContentHash(corrected),
      correctedBy: w.owner.id,
    });
    expect(await loggedEvent(db, correction.ledgerIndex!)).toMatchObject({
      kind: "progress.corrected",
      year,
      revision: 2,
      reason: "The audit took place in May, not March.",
      contentHash: reportContentHash(corrected),
      organisation: { slug: w.org.slug },
    });
    expect(JSON.stringify(await loggedEvent(db, correction.ledgerIndex!))).not.toContain("@");

    // A second correction is revision 3; the history reads 1, 2, 3 and the original is untouched.
    await correctReport(db, { userId: w.owner.id }, form({ narrative: `${narrative} We also added a second auditor.`, reason: "Added the second auditor." }));
    const stored = (await getReport(db, w.org.id, year))!;
    expect({ narrative: stored.narrative, contentHash: stored.contentHash, items: await getReportItems(db, report.id) }).toEqual(original);
    expect((await loggedEvent(db, report.ledgerIndex!)).contentHash).toBe(original.contentHash);
    expect(reportContentHash({ year, narrative: stored.narrative, items: original.items.map(({ item }) => item) })).toBe(original.contentHash);
    const revisions = reportRevisions(stored, original.items, await getReportCorrections(db, report.id));
    expect(revisions.map((r) => [r.revision, r.reason])).toEqual([
      [1, null],
      [2, "The audit took place in May, not March."],
      [3, "Added the second auditor."],
    ]);
    for (const r of revisions.slice(1)) expect((await loggedEvent(db, r.ledgerIndex!)).contentHash).toBe(r.contentHash);
    // The profile's list of reports says the report was corrected.
    expect((await getPublicProfile(w.org.slug))!.reports).toMatchObject([{ year, revisions: 3 }]);
  });
});
