import "server-only";
import { and, count, countDistinct, eq, exists, inArray, isNotNull, sql } from "drizzle-orm";
import { SIGNATORIES_TAG } from "@/lib/cache";
import type { MonthCount } from "@/lib/stats/months";
import { cachedRead } from "../cached-read";
import type { Db } from "../client";
import { commitments, organisations, progressReports, signatures } from "../schema";

/**
 * The figures behind /signatories/stats, as plain numbers and strings (they live in the data
 * cache). "Standing" means listed (verified or suspended: pending and rejected organisations were
 * never public, delisted ones are no longer listed) with at least one signature not withdrawn.
 */
export type SignatoryStatistics = {
  standing: number;
  /** Of the standing signatories, how many a moderator has suspended. */
  suspended: number;
  countries: number;
  sectors: number;
  /** Commitments and progress reports of the standing signatories. */
  commitments: number;
  reports: number;
  /** Months in which a listed organisation became or stopped being a signatory; quiet months are absent. */
  months: MonthCount[];
  byCountry: { country: string; count: number }[];
  bySector: { sector: string; count: number }[];
};

const listed = inArray(organisations.status, ["verified", "suspended"]);
const hasStandingSignature = exists(
  sql`(select 1 from ${signatures} where ${signatures.organisationId} = ${organisations.id} and ${signatures.withdrawnAt} is null)`,
);
const standing = and(listed, hasStandingSignature);

/**
 * Six aggregate queries, run together, whatever the number of organisations; served from the data
 * cache (tag `signatories`, purged by `publicDataChanged`). It leaves the page static, kept in the
 * page cache under the same tag; while `next build` prerenders there is no database, and that
 * render is never served.
 */
export const getSignatoryStatistics: () => Promise<SignatoryStatistics> = cachedRead("signatory-statistics", loadStatistics, {
  tags: [SIGNATORIES_TAG],
  revalidate: 300,
  duringBuild: () => ({ standing: 0, suspended: 0, countries: 0, sectors: 0, commitments: 0, reports: 0, months: [], byCountry: [], bySector: [] }),
});

async function loadStatistics(db: Db): Promise<SignatoryStatistics> {
  const [months, byCountry, bySector, [totals], [commitmentTotal], [reportTotal]] = await Promise.all([
    monthlyChanges(db),
    db.select({ country: organisations.country, count: count() }).from(organisations).where(standing).groupBy(organisations.country),
    db.select({ sector: organisations.sector, count: count() }).from(organisations).where(standing).groupBy(organisations.sector),
    db
      .select({
        standing: count(),
        suspended: sql<number>`count(*) filter (where ${organisations.status} = 'suspended')`.mapWith(Number),
        countries: countDistinct(organisations.country),
        sectors: countDistinct(organisations.sector),
      })
      .from(organisations)
      .where(standing),
    db.select({ n: count() }).from(commitments).innerJoin(organisations, eq(organisations.id, commitments.organisationId)).where(standing),
    db.select({ n: count() }).from(progressReports).innerJoin(organisations, eq(organisations.id, progressReports.organisationId)).where(standing),
  ]);
  return {
    standing: totals?.standing ?? 0,
    suspended: totals?.suspended ?? 0,
    countries: totals?.countries ?? 0,
    sectors: totals?.sectors ?? 0,
    commitments: commitmentTotal?.n ?? 0,
    reports: reportTotal?.n ?? 0,
    months,
    byCountry,
    bySector,
  };
}

/**
 * Per month, how many listed organisations went from no standing signature to one (joined) and
 * from one to none (left). Each signature is +1 when signed and −1 when withdrawn; a running sum
 * per organisation says how many of its signatures stand after each event, so signing a newer
 * version while an older one stands is not a second joining, and signing again after a
 * withdrawal is. At equal instants signings count before withdrawals.
 */
async function monthlyChanges(db: Db): Promise<MonthCount[]> {
  const signed = db
    .select({ organisationId: signatures.organisationId, at: sql<Date>`${signatures.signedAt}`.as("at"), delta: sql<number>`1`.as("delta") })
    .from(signatures)
    .innerJoin(organisations, eq(organisations.id, signatures.organisationId))
    .where(listed);
  const withdrawn = db
    .select({ organisationId: signatures.organisationId, at: sql<Date>`${signatures.withdrawnAt}`.as("at"), delta: sql<number>`-1`.as("delta") })
    .from(signatures)
    .innerJoin(organisations, eq(organisations.id, signatures.organisationId))
    .where(and(listed, isNotNull(signatures.withdrawnAt)));
  const events = signed.unionAll(withdrawn).as("events");
  const running = db
    .select({
      at: events.at,
      delta: events.delta,
      standing:
        sql<number>`sum(${events.delta}) over (partition by ${events.organisationId} order by ${events.at}, ${events.delta} desc rows between unbounded preceding and current row)`.as(
          "standing",
        ),
    })
    .from(events)
    .as("running");
  const month = sql<string>`to_char(date_trunc('month', ${running.at} at time zone 'UTC'), 'YYYY-MM')`;
  return db
    .select({
      month,
      joined: sql<number>`count(*) filter (where ${running.delta} = 1 and ${running.standing} = 1)`.mapWith(Number),
      left: sql<number>`count(*) filter (where ${running.delta} = -1 and ${running.standing} = 0)`.mapWith(Number),
    })
    .from(running)
    .groupBy(month)
    .orderBy(month);
}
