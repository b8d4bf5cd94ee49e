import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCommitmentById, getCommitmentRevisions } from "@/db/queries/commitments";
import { getLedgerEntry, getLedgerSize } from "@/db/queries/ledger";
import { getCommitmentTitlesAt, getReport, getReportItems } from "@/db/queries/reports";
import { insertUser, setUserSiteRole } from "@/db/queries/users";
import { commitmentRevisions, commitments, progressReportItems, progressReports } from "@/db/schema";
import { signAccord } from "@/lib/accord/sign";
import { createCommitment, updateCommitment } from "@/lib/commitments/commitments";
import { commitmentContentHash } from "@/lib/commitments/content-hash";
import { AppError } from "@/lib/errors";
import { joinOrganisation } from "@/lib/orgs/membership";
import { moderateOrganisation } from "@/lib/orgs/moderation";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { reportContentHash } from "@/lib/reports/content-hash";
import { publishReport } from "@/lib/reports/reports";
import { createCommitmentSchema, updateCommitmentSchema } from "@/lib/validation/commitment";
import { publishReportSchema } from "@/lib/validation/report";
import { fullSignInput } from "../support/signing";
import { type Driver, drivers, getReadyDatabase, useFreshDatabase } from "./database";

type Db = Awaited<ReturnType<typeof getReadyDatabase>>;

async function refusal(promise: Promise<unknown>): Promise<AppError | "allowed"> {
  try {
    await promise;
    return "allowed";
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

let counter = 0;
async function person(db: Db, email: string) {
  return insertUser(db, { email: email.replace("@", `+${++counter}@`), emailVerified: new Date() });
}

async function loggedEvent(db: Db, index: number) {
  const entry = await getLedgerEntry(db, index);
  return JSON.parse(new TextDecoder().decode(entry!.data)) as Record<string, unknown>;
}

/** Row counts that every refused or rolled-back change must leave as they were. */
async function footprint(db: Db) {
  const tally = async (table: typeof progressReports | typeof progressReportItems | typeof commitmentRevisions | typeof commitments) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    commitments: await tally(commitments),
    revisions: await tally(commitmentRevisions),
    reports: await tally(progressReports),
    items: await tally(progressReportItems),
    ledger: await getLedgerSize(db),
  };
}

const form = (organisationId: string, fields: Record<string, string> = {}) =>
  createCommitmentSchema.parse({
    organisationId,
    principle: "defence-not-offence",
    title: "No offensive tooling, ever",
    description: "We do not build, sell or operate offensive cyber capabilities.\n\nAudited yearly.",
    status: "planned",
    targetDate: "2027-06-30",
    evidenceLinks: "https://policy.example/offence\nhttps://audit.example/2026",
    ...fields,
  });

describe.each(drivers)("commitments and progress reports on %s", (driver: Driver) => {
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cleanup } = await useFreshDatabase(driver, "production"));
  });
  afterAll(async () => {
    await cleanup();
  });

  /** A verified organisation (signed unless told otherwise) with an owner, a member and an outsider. */
  async function world(domain: string, { sign = true }: { sign?: boolean } = {}) {
    const db = await getReadyDatabase();
    const owner = await person(db, `owner@${domain}`);
    const org = await registerOrganisation(
      db,
      { userId: owner.id },
      { legalName: `${domain} Ltd`, displayName: domain, primaryDomain: domain, country: "FR", sector: "software" },
    );
    const member = await person(db, `member@${domain}`);
    await joinOrganisation(db, { userId: member.id }, org.id);
    await verifyByEmailDomain(db, { userId: owner.id }, org.id);
    if (sign) await signAccord(db, { userId: owner.id }, await fullSignInput(db, org.id, { signerName: "Grace Hopper", signerTitle: "Chief Executive" }));
    const moderator = await person(db, "mod@registry.test");
    await setUserSiteRole(db, moderator.id, "moderator");
    return { db, org, owner, member, moderator, outsider: await person(db, "someone@elsewhere.test") };
  }

  describe("commitments", () => {
    it("a member registers one: revision 1, logged as commitment.registered with the content's SHA-256", async () => {
      const w = await world("register.test");
      const input = form(w.org.id);
      const { commitment, ledgerIndex } = await createCommitment(w.db, { userId: w.member.id }, input);
      const expectedHash = commitmentContentHash(input);
      expect(commitment).toMatchObject({
        organisationId: w.org.id,
        principleSlug: "defence-not-offence",
        revision: 1,
        contentHash: expectedHash,
        evidenceLinks: ["https://policy.example/offence", "https://audit.example/2026"],
      });
      const revisions = await getCommitmentRevisions(w.db, commitment.id);
      expect(revisions).toHaveLength(1);
      expect(revisions[0]).toMatchObject({
        authorEmail: w.member.email,
        revision: { revision: 1, title: input.title, status: "planned", contentHash: expectedHash, ledgerIndex },
      });
      const event = await loggedEvent(w.db, ledgerIndex);
      expect(event).toMatchObject({
        kind: "commitment.registered",
        commitmentId: commitment.id,
        principle: "defence-not-offence",
        contentHash: expectedHash,
        organisation: { slug: w.org.slug },
      });
      // The log is public: it names the organisation, never the member who typed it.
      expect(JSON.stringify(event)).not.toContain("@");
    });

    it("an edit keeps the old revision and logs commitment.updated; a stale revision is refused and writes nothing", async () => {
      const w = await world("edit.test");
      const { commitment } = await createCommitment(w.db, { userId: w.member.id }, form(w.org.id));
      const edit = (revision: number, fields: Record<string, string>) =>
        updateCommitmentSchema.parse({
          commitmentId: commitment.id,
          revision: String(revision),
          title: commitment.title,
          description: commitment.description,
          status: commitment.status,
          targetDate: commitment.targetDate ?? "",
          evidenceLinks: commitment.evidenceLinks.join("\n"),
          ...fields,
        });

      const result = await updateCommitment(w.db, { userId: w.owner.id }, edit(1, { status: "in_progress", title: "No offensive tooling, audited" }));
      expect(result.changed).toBe(true);
      expect(result.commitment).toMatchObject({ revision: 2, status: "in_progress", title: "No offensive tooling, audited" });
      const revisions = await getCommitmentRevisions(w.db, commitment.id);
      expect(revisions.map((r) => [r.revision.revision, r.revision.title, r.revision.status, r.authorEmail])).toEqual([
        [2, "No offensive tooling, audited", "in_progress", w.owner.email],
        [1, "No offensive tooling, ever", "planned", w.member.email],
      ]);
      expect(await loggedEvent(w.db, result.ledgerIndex!)).toMatchObject({
        kind: "commitment.updated",
        commitmentId: commitment.id,
        contentHash: result.commitment.contentHash,
      });
      expect(result.commitment.contentHash).not.toBe(commitment.contentHash);

      // A second editor still holding revision 1 is refused, and nothing is written.
      const before = await footprint(w.db);
      const stale = await refusal(updateCommitment(w.db, { userId: w.member.id }, edit(1, { title: "Overwriting someone else" })));
      expect(stale).toBeInstanceOf(AppError);
      expect((stale as AppError).code).toBe("conflict");
      expect((stale as AppError).message).toMatch(/Reload/);
      expect(await footprint(w.db)).toEqual(before);
      expect((await getCommitmentById(w.db, commitment.id))?.title).toBe("No offensive tooling, audited");
    });

    it("an edit that changes nothing writes no revision and no log entry", async () => {
      const w = await world("noop.test");
      const input = form(w.org.id);
      const { commitment } = await createCommitment(w.db, { userId: w.member.id }, input);
      const before = await footprint(w.db);
      const same = updateCommitmentSchema.parse({
        commitmentId: commitment.id,
        revision: "1",
        title: ` ${input.title} `,
        description: `${input.description}\r\n`,
        status: input.status,
        targetDate: input.targetDate ?? "",
        evidenceLinks: "https://policy.example/offence\nhttps://audit.example/2026\nhttps://policy.example/offence",
      });
      const result = await updateCommitment(w.db, { userId: w.member.id }, same);
      expect(result.changed).toBe(false);
      expect(result.ledgerIndex).toBeNull();
      expect(await footprint(w.db)).toEqual(before);
      expect((await getCommitmentById(w.db, commitment.id))?.revision).toBe(1);
    });

    it("an unknown principle is refused beside the principle field", async () => {
      const w = await world("principle.test");
      const before = await footprint(w.db);
      const error = await refusal(createCommitment(w.db, { userId: w.member.id }, form(w.org.id, { principle: "offence-is-fine" })));
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("invalid");
      expect((error as AppError).fields).toHaveProperty("principle");
      expect(await footprint(w.db)).toEqual(before);
    });

    it("outsiders, moderators and other organisations' members are refused, even with forged ids", async () => {
      const w = await world("owned.test");
      const other = await world("intruder.test");
      const { commitment } = await createCommitment(w.db, { userId: w.member.id }, form(w.org.id));
      const before = await footprint(w.db);
      for (const actor of [w.outsider, w.moderator, other.member, other.owner]) {
        // Creating under this organisation's id.
        expect(((await refusal(createCommitment(w.db, { userId: actor.id }, form(w.org.id)))) as AppError).code).toBe("forbidden");
        // Editing this organisation's commitment by its id: the organisation is read from the row, not the form.
        const forged = updateCommitmentSchema.parse({
          commitmentId: commitment.id,
          revision: "1",
          title: "Hijacked",
          description: "",
          status: "discontinued",
          targetDate: "",
          evidenceLinks: "",
        });
        expect((await refusal(updateCommitment(w.db, { userId: actor.id }, forged))) as AppError).toMatchObject({ code: "forbidden" });
      }
      expect(await footprint(w.db)).toEqual(before);
      expect((await getCommitmentById(w.db, commitment.id))?.title).toBe("No offensive tooling, ever");
    });

    it("pending and suspended organisations can neither register nor edit", async () => {
      const db = await getReadyDatabase();
      const owner = await person(db, "owner@pending.test");
      const pending = await registerOrganisation(
        db,
        { userId: owner.id },
        { legalName: "Pending Ltd", displayName: "Pending", primaryDomain: "pending.test", country: "FR", sector: "software" },
      );
      const before = await footprint(db);
      expect(((await refusal(createCommitment(db, { userId: owner.id }, form(pending.id)))) as AppError).code).toBe("forbidden");
      expect(await footprint(db)).toEqual(before);

      const w = await world("suspended.test");
      const { commitment } = await createCommitment(w.db, { userId: w.member.id }, form(w.org.id));
      await moderateOrganisation(
        w.db,
        { userId: w.moderator.id },
        { organisationId: w.org.id, change: "suspend", reason: "Under investigation for selling exploits" },
      );
      const after = await footprint(w.db);
      expect(((await refusal(createCommitment(w.db, { userId: w.owner.id }, form(w.org.id)))) as AppError).code).toBe("forbidden");
      const edit = updateCommitmentSchema.parse({
        commitmentId: commitment.id,
        revision: "1",
        title: "Quietly rewritten",
        description: "",
        status: "achieved",
        targetDate: "",
        evidenceLinks: "",
      });
      expect(((await refusal(updateCommitment(w.db, { userId: w.owner.id }, edit))) as AppError).code).toBe("forbidden");
      expect(await footprint(w.db)).toEqual(after);
    });
  });

  describe("progress reports", () => {
    const narrative = "This year we removed every offensive capability from our catalogue and had it audited.";
    const year = String(new Date().getUTCFullYear());

    async function withCommitments(domain: string) {
      const w = await world(domain);
      const { commitment: a } = await createCommitment(w.db, { userId: w.member.id }, form(w.org.id, { title: "Audit the catalogue" }));
      const { commitment: b } = await createCommitment(
        w.db,
        { userId: w.member.id },
        form(w.org.id, { title: "Publish transparency reports", principle: "lawful-process-only", status: "in_progress" }),
      );
      return { ...w, a, b };
    }

    it("publishing writes the report, its lines, revisions for changed statuses and one progress.reported", async () => {
      const w = await withCommitments("report.test");
      const before = await footprint(w.db);
      const input = publishReportSchema.parse({
        organisationId: w.org.id,
        year,
        narrative,
        [`status-${w.a.id}`]: "achieved",
        [`note-${w.a.id}`]: "Audit report is online.",
        [`status-${w.b.id}`]: "in_progress",
      });
      const { report } = await publishReport(w.db, { userId: w.owner.id }, input);

      expect(report).toMatchObject({ organisationId: w.org.id, year: Number(year), narrative, contentHash: reportContentHash(input), publishedBy: w.owner.id });
      expect(await getReport(w.db, w.org.id, Number(year))).toMatchObject({ id: report.id, ledgerIndex: report.ledgerIndex });
      const items = await getReportItems(w.db, report.id);
      expect(items.map(({ item }) => [item.commitmentId, item.status, item.note])).toEqual([
        [w.a.id, "achieved", "Audit report is online."],
        [w.b.id, "in_progress", ""],
      ]);
      // Only the changed commitment gets a new revision; the unchanged one stays at 1.
      expect(await getCommitmentById(w.db, w.a.id)).toMatchObject({ status: "achieved", revision: 2 });
      expect(await getCommitmentById(w.db, w.b.id)).toMatchObject({ status: "in_progress", revision: 1 });
      expect((await getCommitmentRevisions(w.db, w.a.id))[0]).toMatchObject({ authorEmail: w.owner.email, revision: { revision: 2, status: "achieved" } });

      const after = await footprint(w.db);
      expect(after).toEqual({ ...before, revisions: before.revisions + 1, reports: before.reports + 1, items: before.items + 2, ledger: before.ledger + 2 });
      const events = [];
      for (let i = before.ledger; i < after.ledger; i++) events.push(await loggedEvent(w.db, i));
      expect(events.map((e) => e.kind)).toEqual(["commitment.updated", "progress.reported"]);
      expect(events[1]).toMatchObject({ year: Number(year), contentHash: report.contentHash, organisation: { slug: w.org.slug } });
      expect(report.ledgerIndex).toBe(after.ledger - 1);

      // The same year again is refused beside the year, and writes nothing.
      const again = await refusal(publishReport(w.db, { userId: w.owner.id }, input));
      expect(again).toMatchObject({ code: "invalid" });
      expect((again as AppError).fields).toHaveProperty("year");
      expect(await footprint(w.db)).toEqual(after);
    });

    it("the public report shows each commitment's title as it stood when the report was published", async () => {
      const w = await withCommitments("titles.test");
      const input = publishReportSchema.parse({
        organisationId: w.org.id,
        year,
        narrative,
        [`status-${w.a.id}`]: "planned",
        [`status-${w.b.id}`]: "in_progress",
      });
      const { report } = await publishReport(w.db, { userId: w.owner.id }, input);
      const current = (await getCommitmentById(w.db, w.a.id))!;
      await updateCommitment(
        w.db,
        { userId: w.member.id },
        updateCommitmentSchema.parse({ commitmentId: w.a.id, revision: String(current.revision), title: "Renamed after the report", status: "planned" }),
        { now: new Date(report.publishedAt.getTime() + 60_000) },
      );
      const titles = await getCommitmentTitlesAt(w.db, [w.a.id, w.b.id], report.publishedAt);
      expect(titles).toEqual(
        new Map([
          [w.a.id, "Audit the catalogue"],
          [w.b.id, "Publish transparency reports"],
        ]),
      );
      expect(await getCommitmentTitlesAt(w.db, [], report.publishedAt)).toEqual(new Map());
    });

    it("a forged commitment of another organisation is forbidden; a missing one is named by its field", async () => {
      const w = await withCommitments("forged-report.test");
      const other = await withCommitments("victim-report.test");
      const before = await footprint(w.db);
      const forged = publishReportSchema.parse({
        organisationId: w.org.id,
        year,
        narrative,
        [`status-${w.a.id}`]: "achieved",
        [`status-${w.b.id}`]: "planned",
        [`status-${other.a.id}`]: "discontinued",
      });
      expect(await refusal(publishReport(w.db, { userId: w.owner.id }, forged))).toMatchObject({ code: "forbidden" });
      // Publishing under the other organisation's id is refused too: not a member there.
      const foreignOrg = publishReportSchema.parse({
        organisationId: other.org.id,
        year,
        narrative,
        [`status-${other.a.id}`]: "discontinued",
        [`status-${other.b.id}`]: "discontinued",
      });
      expect(await refusal(publishReport(w.db, { userId: w.owner.id }, foreignOrg))).toMatchObject({ code: "forbidden" });

      const missing = publishReportSchema.parse({ organisationId: w.org.id, year, narrative, [`status-${w.a.id}`]: "achieved" });
      const error = await refusal(publishReport(w.db, { userId: w.owner.id }, missing));
      expect(error).toMatchObject({ code: "invalid" });
      expect((error as AppError).fields).toEqual({ [`status-${w.b.id}`]: "needs a status" });
      expect(await footprint(w.db)).toEqual(before);
      expect((await getCommitmentById(w.db, other.a.id))?.status).toBe("planned");
    });

    it("an organisation that has not signed cannot publish", async () => {
      const w = await world("unsigned.test", { sign: false });
      const before = await footprint(w.db);
      const input = publishReportSchema.parse({ organisationId: w.org.id, year, narrative });
      expect(await refusal(publishReport(w.db, { userId: w.owner.id }, input))).toMatchObject({ code: "forbidden" });
      expect(await footprint(w.db)).toEqual(before);
    });

    it("a failure at the last write leaves no report, no line, no revision and no log entry", async () => {
      const w = await withCommitments("rollback.test");
      const input = publishReportSchema.parse({
        organisationId: w.org.id,
        year,
        narrative,
        [`status-${w.a.id}`]: "achieved",
        [`note-${w.a.id}`]: "Fine note.",
        [`status-${w.b.id}`]: "discontinued",
      });
      // The database refuses the report's own log entry: the last write, after the report, its
      // lines, two status revisions and their commitment.updated entries were already written.
      await w.db.execute(
        sql.raw(`create function refuse_report_entry() returns trigger language plpgsql as $$
          begin
            if new.kind = 'progress.reported' and new.organisation_slug = '${w.org.slug}' then raise exception 'simulated failure at the last write'; end if;
            return new;
          end $$`),
      );
      await w.db.execute(sql.raw("create trigger refuse_report_entry before insert on ledger_entries for each row execute function refuse_report_entry()"));
      const before = await footprint(w.db);
      try {
        const failure = await publishReport(w.db, { userId: w.owner.id }, input).then(
          () => null,
          (error: Error) => error,
        );
        // Drizzle wraps the database's error; make sure it is ours and not some other failure.
        expect(`${failure?.message} ${(failure?.cause as Error | undefined)?.message}`).toContain("simulated failure at the last write");
      } finally {
        await w.db.execute(sql.raw("drop trigger refuse_report_entry on ledger_entries"));
        await w.db.execute(sql.raw("drop function refuse_report_entry()"));
      }
      expect(await footprint(w.db)).toEqual(before);
      expect(await getReport(w.db, w.org.id, Number(year))).toBeNull();
      expect(await w.db.select().from(commitmentRevisions).where(eq(commitmentRevisions.commitmentId, w.a.id))).toHaveLength(1);
      expect(await getCommitmentById(w.db, w.a.id)).toMatchObject({ status: "planned", revision: 1 });
      expect(await getCommitmentById(w.db, w.b.id)).toMatchObject({ status: "in_progress", revision: 1 });

      // Nothing half-written stands in the way: the same report publishes cleanly afterwards.
      const { report } = await publishReport(w.db, { userId: w.owner.id }, input);
      expect(await footprint(w.db)).toMatchObject({
        reports: before.reports + 1,
        items: before.items + 2,
        revisions: before.revisions + 2,
        ledger: before.ledger + 3,
      });
      expect(report.ledgerIndex).toBe(before.ledger + 2);
    });
  });
});
