// The bulk demo seed writes thousands of organisations without the domain functions, so these
// tests hold it to what those functions would have written: a log that verifies, every row's
// ledger index on an entry of the right kind and organisation, the directory built from the rows,
// the same history as the sequential seed event for event, and nothing written when it fails.
import { performance } from "node:perf_hooks";
import { asc, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbOrTx } from "@/db/client";
import { getLedgerSize } from "@/db/queries/ledger";
import { insertUser } from "@/db/queries/users";
import {
  auditLog,
  commitmentRevisions,
  commitments,
  domainProofs,
  ledgerCheckpoints,
  ledgerEntries,
  ledgerHashes,
  memberships,
  organisations,
  progressReportItems,
  progressReports,
  signatoryListings,
  signatures,
  users,
} from "@/db/schema";
import { countOrganisationsByKind } from "@/db/queries/demo";
import { commitmentContentHash } from "@/lib/commitments/content-hash";
import { canonicalJson } from "@/lib/ledger/canonical-json";
import { ledgerEventSchema } from "@/lib/ledger/events";
import { bulkLoadLedger } from "@/lib/ledger/io/bulk-load";
import { appendEvent } from "@/lib/ledger/io/log";
import { getLedgerSigner } from "@/lib/ledger/io/signer";
import { registerOrganisation } from "@/lib/orgs/register";
import { verifyByEmailDomain } from "@/lib/orgs/verify";
import { reportContentHash } from "@/lib/reports/content-hash";
import { seedDemoData } from "@/lib/demo/seed";
import { BULK_SEED_THRESHOLD, seedBulkDemoData, seedDemoOrganisations } from "@/lib/demo/seed-bulk";
import { sampleEvent } from "../../scripts/lib/sample-ledger-events";
import { type Driver, drivers, getReadyDatabase, openDatabase, useFreshDatabase } from "./database";
import { checkStoredLog, ledgerRows } from "./ledger-check";

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
  delete process.env.DEMO_ORGANISATIONS;
});

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

async function query<T>(db: DbOrTx, statement: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db.execute(statement));
}

/** Rows whose ledger index does not name an entry of `kind` about the row's own organisation (and, where given, content). */
async function mismatchedIndexes(db: Db) {
  const [row] = await query<Record<string, number>>(
    db,
    sql`select
      (select count(*)::int from signatures s join organisations o on o.id = s.organisation_id
        left join ledger_entries e on e.idx = s.ledger_index
        where e.idx is null or e.kind <> 'accord.signed' or e.organisation_slug <> o.slug
          or (convert_from(e.data, 'UTF8')::jsonb ->> 'at')::timestamptz <> s.signed_at) as signatures,
      (select count(*)::int from signatures s join organisations o on o.id = s.organisation_id
        left join ledger_entries e on e.idx = s.withdrawal_ledger_index
        where s.withdrawn_at is not null and (e.idx is null or e.kind <> 'signature.withdrawn' or e.organisation_slug <> o.slug)) as withdrawals,
      (select count(*)::int from signatures s where (s.withdrawn_at is null) <> (s.withdrawal_ledger_index is null)) as stray_withdrawals,
      (select count(*)::int from commitment_revisions r join commitments c on c.id = r.commitment_id join organisations o on o.id = c.organisation_id
        left join ledger_entries e on e.idx = r.ledger_index
        where e.idx is null or e.organisation_slug <> o.slug
          or e.kind <> case when r.revision = 1 then 'commitment.registered' else 'commitment.updated' end
          or convert_from(e.data, 'UTF8')::jsonb ->> 'commitmentId' <> c.id::text
          or convert_from(e.data, 'UTF8')::jsonb ->> 'contentHash' <> r.content_hash) as revisions,
      (select count(*)::int from progress_reports p join organisations o on o.id = p.organisation_id
        left join ledger_entries e on e.idx = p.ledger_index
        where e.idx is null or e.kind <> 'progress.reported' or e.organisation_slug <> o.slug
          or convert_from(e.data, 'UTF8')::jsonb ->> 'contentHash' <> p.content_hash) as reports,
      (select count(*)::int from (
        select ledger_index as idx from signatures union all select withdrawal_ledger_index from signatures where withdrawal_ledger_index is not null
        union all select ledger_index from commitment_revisions union all select ledger_index from progress_reports
      ) refs group by idx having count(*) > 1 limit 1) as shared`,
  );
  return row;
}

async function countsByKind(db: Db): Promise<Record<string, number>> {
  const rows = await query<{ kind: string; n: number }>(db, sql`select kind, count(*)::int as n from ledger_entries group by kind`);
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

async function tableCount(db: Db, table: PgTable) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row?.n ?? 0;
}

describe.each(drivers)("the bulk demo seed on %s", (driver: Driver) => {
  const N = 300;
  // Generous: CI machines are slow, and these run the seed (twice for the comparison) on a real database.
  const SLOW = 600_000;

  it(
    `seeds ${N} organisations at first start: a verifiable log, every row on its entry, a directory of every signatory`,
    async () => {
      // Past the threshold, so the extra withdrawals and suspensions of a large set are exercised too.
      process.env.DEMO_ORGANISATIONS = String(N);
      ({ cleanup } = await useFreshDatabase(driver, "demo"));
      const { db } = await openDatabase();
      // Opening migrates and nothing else: the import and the seed are start-up's (lib/startup/).
      expect(await countOrganisationsByKind(db)).toEqual({ total: 0, demo: 0 });
      expect(await db.$count(ledgerEntries)).toBe(0);
      const started = performance.now();
      await getReadyDatabase(); // migrated already: this is the accord's import and the seed
      console.log(`[bulk-seed] ${driver}: first start with ${N} demo organisations took ${((performance.now() - started) / 1000).toFixed(1)} s`);

      expect(await countOrganisationsByKind(db)).toEqual({ total: N, demo: N });
      const orgs = await db
        .select({ slug: organisations.slug, name: organisations.displayName, domain: organisations.primaryDomain, status: organisations.status })
        .from(organisations);
      expect(new Set(orgs.map((o) => o.slug)).size).toBe(N);
      expect(new Set(orgs.map((o) => o.name)).size).toBe(N);
      expect(new Set(orgs.map((o) => o.domain)).size).toBe(N);
      expect(orgs.every((o) => o.domain.endsWith(".example"))).toBe(true);
      expect(orgs.map((o) => o.name)).toContain(`Northwind Cloud ${Math.ceil(N / 40)}`);

      const size = await getLedgerSize(db);
      expect(await checkStoredLog(db, getLedgerSigner().verifierKey)).toEqual({
        size,
        contiguous: true,
        leavesMatch: true,
        signatureValid: true,
        checkpointSize: size,
        rootMatches: true,
      });
      expect(await tableCount(db, ledgerCheckpoints)).toBe(size);
      // Every entry is a known event, stored as its canonical JSON; the accord's publication comes first.
      const entries = await db.select({ index: ledgerEntries.index, data: ledgerEntries.data }).from(ledgerEntries).orderBy(asc(ledgerEntries.index));
      const events = entries.map((e) => {
        const text = new TextDecoder().decode(e.data);
        const event = ledgerEventSchema.parse(JSON.parse(text));
        expect(canonicalJson(event)).toBe(text);
        return event;
      });
      expect(events[0]).toMatchObject({ kind: "accord.published", version: 1 });

      expect(await mismatchedIndexes(db)).toEqual({ signatures: 0, withdrawals: 0, stray_withdrawals: 0, revisions: 0, reports: 0, shared: null });
      const kinds = await countsByKind(db);
      const withdrawn = 2 + 1; // lib/demo/seed.ts's two (numbers 5 and N - 4), and number 255
      const suspended = 1 + 1; // lib/demo/seed.ts's one (number 9), and number 229
      const [revised] = await query<{ first: number; second: number }>(
        db,
        sql`select count(*) filter (where revision = 1)::int as first, count(*) filter (where revision = 2)::int as second from commitment_revisions`,
      );
      // After the organisations' history, the demo's transparency reports and public concerns go through their own
      // domain functions on both paths: one entry per publication or correction, per admission, response and outcome.
      const [extra] = await query<{ published: number; corrected: number; admitted: number; responded: number; resolved: number }>(
        db,
        sql`select
          (select count(*)::int from transparency_reports where revision = 1) as published,
          (select count(*)::int from transparency_reports where revision > 1) as corrected,
          (select count(*)::int from concerns where admitted_at is not null) as admitted,
          (select count(*)::int from concerns where response is not null) as responded,
          (select count(*)::int from concerns where resolved_at is not null) as resolved`,
      );
      const extras = {
        "transparency.published": extra!.published,
        "transparency.corrected": extra!.corrected,
        "concern.admitted": extra!.admitted,
        "concern.responded": extra!.responded,
        "concern.resolved": extra!.resolved,
      };
      expect(extra!.admitted).toBeGreaterThan(0);
      expect(kinds).toEqual({
        ...Object.fromEntries(Object.entries(extras).filter(([, n]) => n > 0)),
        "accord.published": 1,
        "organisation.verified": N,
        "accord.signed": N,
        "commitment.registered": revised!.first,
        "commitment.updated": revised!.second,
        "progress.reported": await tableCount(db, progressReports),
        "signature.withdrawn": withdrawn,
        "organisation.suspended": suspended,
      });
      expect(revised!.first).toBe(await tableCount(db, commitments));
      expect(revised!.first).toBeGreaterThanOrEqual(2 * N);
      expect(revised!.first).toBeLessThanOrEqual(5 * N);
      expect(revised!.second).toBeGreaterThan(0);
      // Log order is time order of the seed's steps, and entries carry the dates of a year and a half.
      const times = events.slice(1).map((e) => Date.parse(e.at));
      expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(500 * 86_400_000);

      // The stored content hashes are those of the stored content.
      const sample = await db.select().from(commitments).limit(200);
      for (const c of sample) {
        expect(
          commitmentContentHash({
            principle: c.principleSlug,
            title: c.title,
            description: c.description,
            status: c.status,
            targetDate: c.targetDate,
            evidenceLinks: c.evidenceLinks,
          }),
        ).toBe(c.contentHash);
      }
      const reports = await db.select().from(progressReports).limit(100);
      for (const report of reports) {
        const items = await db
          .select()
          .from(progressReportItems)
          .where(sql`${progressReportItems.reportId} = ${report.id}`);
        expect(items.length).toBeGreaterThanOrEqual(2);
        expect(reportContentHash({ year: report.year, narrative: report.narrative, items })).toBe(report.contentHash);
      }

      // Everyone signed and stays verified or suspended, so every organisation is listed.
      const listed = await query<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from signatory_listings group by status`);
      expect(Object.fromEntries(listed.map((r) => [r.status, r.n]))).toEqual({ active: N - withdrawn - suspended, withdrawn, suspended });
      const [listable] = await query<{ n: number }>(
        db,
        sql`select count(*)::int as n from organisations o where o.status in ('verified', 'suspended') and exists (select 1 from signatures s where s.organisation_id = o.id)`,
      );
      expect(await tableCount(db, signatoryListings)).toBe(listable!.n);
      const [listing] = await query<{ overdue: number; reported: number }>(
        db,
        sql`select count(*) filter (where status = 'active' and report_due_at < now() - interval '90 days')::int as overdue,
        count(*) filter (where report_count > 0)::int as reported from signatory_listings`,
      );
      expect(listing!.overdue).toBeGreaterThan(0);
      expect(listing!.reported).toBe(await tableCount(db, progressReports));
      // Moderators' decisions: the suspensions, and the demo concerns' admissions, declines and outcomes.
      const audited = await query<{ type: string; n: number }>(db, sql`select target_type as type, count(*)::int as n from audit_log group by target_type`);
      const [decided] = await query<{ n: number }>(
        db,
        sql`select (count(*) filter (where admitted_at is not null) + count(*) filter (where status in ('declined', 'upheld', 'not_upheld')))::int as n from concerns`,
      );
      expect(Object.fromEntries(audited.map((r) => [r.type, r.n]))).toEqual({ organisation: suspended, concern: decided!.n });
    },
    SLOW,
  );

  it(
    "writes the history the sequential seed writes, event for event and row for row",
    async () => {
      const now = new Date("2026-03-01T12:00:00.000Z");
      const count = 30;
      ({ cleanup } = await useFreshDatabase(driver, "production"));
      let db = await getReadyDatabase(); // the accord only: production mode seeds nothing
      await seedDemoData(db, { now, count });
      const sequential = await history(db);
      await cleanup();

      ({ cleanup } = await useFreshDatabase(driver, "production"));
      db = await getReadyDatabase();
      await seedBulkDemoData(db, { now, count });
      const bulk = await history(db);

      // Entry 0, the accord's publication, is stamped with the time each database was opened.
      expect(bulk.entries.length).toBeGreaterThan(count * 4);
      expect(bulk.entries.slice(1)).toEqual(sequential.entries.slice(1));
      expect(bulk.rows).toEqual(sequential.rows);
    },
    SLOW,
  );

  it(
    "chooses the path by size: the domain functions up to the threshold, bulk above it",
    async () => {
      ({ cleanup } = await useFreshDatabase(driver, "production"));
      const db = await getReadyDatabase();
      expect(await seedDemoOrganisations(db, { count: 12 })).toBe("domain functions");
      await cleanup();
      ({ cleanup } = await useFreshDatabase(driver, "production"));
      const again = await getReadyDatabase();
      expect(await seedDemoOrganisations(again, { count: BULK_SEED_THRESHOLD + 1 })).toBe("bulk");
      expect(await countOrganisationsByKind(again)).toEqual({ total: BULK_SEED_THRESHOLD + 1, demo: BULK_SEED_THRESHOLD + 1 });
    },
    SLOW,
  );

  it(
    "writes nothing when it fails part-way",
    async () => {
      ({ cleanup } = await useFreshDatabase(driver, "production"));
      const db = await getReadyDatabase();
      // A real organisation already holds (has proven) the domain the seed's 41st organisation would take.
      const user = await insertUser(db, { email: "owner@northwind-cloud-2.example", emailVerified: new Date() });
      const taken = await registerOrganisation(
        db,
        { userId: user.id },
        { legalName: "Taken Ltd", displayName: "Taken", primaryDomain: "northwind-cloud-2.example", country: "DE", sector: "software" },
      );
      await verifyByEmailDomain(db, { userId: user.id }, taken.id);
      const tables = {
        users,
        memberships,
        domainProofs,
        signatures,
        commitments,
        commitmentRevisions,
        progressReports,
        ledgerEntries,
        ledgerHashes,
        ledgerCheckpoints,
        signatoryListings,
      };
      const counts = async () =>
        Object.fromEntries(await Promise.all(Object.entries(tables).map(async ([name, table]) => [name, await tableCount(db, table)] as const)));
      const before = await counts();
      expect(before).toMatchObject({ users: 1, memberships: 1, domainProofs: 1, ledgerEntries: 2 });
      await expect(seedBulkDemoData(db, { count: 300 })).rejects.toThrow();
      expect(await counts()).toEqual(before);
      expect(await countOrganisationsByKind(db)).toEqual({ total: 1, demo: 0 });
    },
    SLOW,
  );
});

describe.each(drivers)("bulk-loading after existing entries on %s", (driver: Driver) => {
  const total = 300;
  const SLOW = 600_000;
  const events = Array.from({ length: total }, (_, n) => sampleEvent(n));
  let appended: Awaited<ReturnType<typeof ledgerRows>>;

  beforeAll(async () => {
    const reference = await useFreshDatabase(driver, "production");
    const db = (await openDatabase()).db;
    for (const event of events) await db.transaction((tx) => appendEvent(tx, event));
    appended = await ledgerRows(db);
    await reference.cleanup();
  }, SLOW);

  // 1: after the accord's publication, as the seed does; 7: three subtrees on the right edge; 256: one full tile.
  it.each([1, 7, 256])(
    "carries on the tree after %i entries exactly as appendEvent would",
    async (existing) => {
      ({ cleanup } = await useFreshDatabase(driver, "production"));
      const db = (await openDatabase()).db;
      for (const event of events.slice(0, existing)) await db.transaction((tx) => appendEvent(tx, event));
      const loaded = await bulkLoadLedger(db, events.slice(existing), { append: true, chunk: 100 });
      expect(loaded.start).toBe(existing);
      expect(loaded.size).toBe(total);
      expect(await ledgerRows(db)).toEqual(appended);
    },
    SLOW,
  );
});

/**
 * The seed's history in a form two runs can compare: every log entry and every row, with random
 * ids replaced by stable names (organisation slug, commitment "slug#n" in the order made) and
 * report hashes (which cover commitment ids) dropped. Wall-clock columns are left out.
 */
async function history(db: Db) {
  const orgs = await db.select().from(organisations).orderBy(asc(organisations.slug));
  const slugOf = new Map(orgs.map((o) => [o.id, o.slug]));
  const commitmentRows = await db.select().from(commitments).orderBy(asc(commitments.createdAt), asc(commitments.id));
  const commitmentName = new Map<string, string>();
  for (const c of commitmentRows) {
    const slug = slugOf.get(c.organisationId)!;
    const n = [...commitmentName.values()].filter((name) => name.startsWith(`${slug}#`)).length;
    commitmentName.set(c.id, `${slug}#${n}`);
  }
  const userRows = await db.select().from(users).orderBy(asc(users.email));
  const emailOf = new Map(userRows.map((u) => [u.id, u.email]));
  const reportRows = await db.select().from(progressReports);
  const reportOf = new Map(reportRows.map((r) => [r.id, `${slugOf.get(r.organisationId)}/${r.year}`]));
  const byName = <T>(rows: T[], key: (row: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

  const entries = (await db.select().from(ledgerEntries).orderBy(asc(ledgerEntries.index))).map((e) => {
    const event = JSON.parse(new TextDecoder().decode(e.data)) as Record<string, unknown>;
    if (typeof event.commitmentId === "string") event.commitmentId = commitmentName.get(event.commitmentId);
    if (event.kind === "progress.reported") delete event.contentHash;
    return { index: e.index, kind: e.kind, organisationSlug: e.organisationSlug, at: e.at, event };
  });

  const rows = {
    users: userRows.map((u) => ({ email: u.email, name: u.name, emailVerified: u.emailVerified, siteRole: u.siteRole })),
    organisations: orgs.map(({ id: _id, dnsToken, updatedAt: _updatedAt, ...o }) => ({ ...o, hasDnsToken: dnsToken !== null })),
    memberships: byName(
      (await db.select().from(memberships)).map((m) => ({ ...m, organisationId: slugOf.get(m.organisationId), userId: emailOf.get(m.userId) })),
      (m) => `${m.organisationId}`,
    ),
    domainProofs: byName(
      (await db.select().from(domainProofs)).map(({ id: _id, ...p }) => ({
        ...p,
        organisationId: slugOf.get(p.organisationId),
        actorId: emailOf.get(p.actorId ?? ""),
      })),
      (p) => `${p.organisationId}`,
    ),
    signatures: byName(
      (await db.select().from(signatures)).map(({ id: _id, ...s }) => ({
        ...s,
        organisationId: slugOf.get(s.organisationId),
        signedBy: emailOf.get(s.signedBy ?? ""),
        withdrawnBy: emailOf.get(s.withdrawnBy ?? ""),
      })),
      (s) => `${s.organisationId}`,
    ),
    commitments: commitmentRows.map(({ id, ...c }) => ({
      ...c,
      id: commitmentName.get(id),
      organisationId: slugOf.get(c.organisationId),
      createdBy: emailOf.get(c.createdBy ?? ""),
    })),
    revisions: byName(
      (await db.select().from(commitmentRevisions)).map((r) => ({
        ...r,
        commitmentId: commitmentName.get(r.commitmentId)!,
        authorId: emailOf.get(r.authorId ?? ""),
      })),
      (r) => `${r.commitmentId}/${r.revision}`,
    ),
    reports: byName(
      reportRows.map(({ id: _id, contentHash: _hash, ...r }) => ({
        ...r,
        organisationId: slugOf.get(r.organisationId),
        publishedBy: emailOf.get(r.publishedBy ?? ""),
      })),
      (r) => `${r.organisationId}/${r.year}`,
    ),
    reportItems: byName(
      (await db.select().from(progressReportItems)).map((i) => ({
        ...i,
        reportId: reportOf.get(i.reportId)!,
        commitmentId: commitmentName.get(i.commitmentId)!,
      })),
      (i) => `${i.commitmentId}`,
    ),
    auditLog: (await db.select().from(auditLog)).map(({ id: _id, ...a }) => ({
      ...a,
      actorId: emailOf.get(a.actorId ?? ""),
      targetId: slugOf.get(a.targetId),
    })),
    listings: (await db.select().from(signatoryListings).orderBy(asc(signatoryListings.slug))).map(({ organisationId: _id, updatedAt: _updatedAt, ...l }) => l),
  };
  return { entries, rows };
}
