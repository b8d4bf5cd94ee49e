import "server-only";
import type { DbOrTx } from "@/db/client";
import { analyzeTables } from "@/db/queries/demo";
import { getDemoTransparencyPublishers } from "@/db/queries/transparency";
import { transparencyReports, transparencyRows } from "@/db/schema";
import { type Count, endedPeriods, type Instrument, periodEnd, type TransparencyLine } from "@/lib/transparency/figures";
import { correctTransparencyReport, publishTransparencyReport } from "@/lib/transparency/transparency";

/**
 * Demo transparency reports: clearly fictional figures (demo organisations on .example domains,
 * under the demo banner), published through the same domain functions as an owner's form, so
 * they pass every rule and are logged like real ones. Up to three recent half-years per
 * organisation, a band for national-security requests, and a few corrections with their reason.
 *
 * Each publication is a ledger append (about 50 ms on a busy PGlite), so only some organisations
 * publish, spread over the whole demo: a dozen in the default demo (about thirty appends, a second
 * or so on every demo start and demo-mode test), sixty in a large bench seed (some 190 appends,
 * under ten seconds on top of about a minute for 10,000 organisations), never thousands.
 */
export const MAX_PUBLISHERS = { small: 12, large: 60 } as const;
/** Above this many eligible organisations the seed is a large (bench) one. */
const LARGE_DEMO = 200;
const PERIODS = 3;
const MINUTE = 60_000;

const CORRECTION_REASON = "Two requests that our legal team registered late were missing from the first count; this revision adds them.";

/** A small deterministic generator, so a demo seed tells the same story every time. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

const exact = (n: number): Count => ({ min: n, max: n });

/** One line with outcomes that add up: most requests answered in part, some rejected, a few pending. */
function line(country: string, instrument: Instrument, requests: number, rand: () => number): TransparencyLine {
  const content = Math.floor(requests * (0.15 + rand() * 0.2));
  const nonContent = Math.floor(requests * (0.25 + rand() * 0.2));
  const noData = Math.floor(requests * 0.1);
  const pending = requests > 8 ? Math.floor(rand() * 3) : 0;
  const rejected = requests - content - nonContent - noData - pending;
  return {
    country,
    instrument,
    requests: exact(requests),
    accounts: exact(requests + Math.floor(requests * rand() * 0.6)),
    contentDisclosed: exact(content),
    nonContentDisclosed: exact(nonContent),
    noDataFound: exact(noData),
    rejected: exact(rejected),
    pending: exact(pending),
    challenged: exact(Math.floor(rejected * 0.2)),
  };
}

/** A national-security line where the law allows only bands (as some jurisdictions do, in bands of 250). */
const bandedLine = (country: string): TransparencyLine => ({
  country,
  instrument: "national_security",
  requests: { min: 0, max: 249 },
  accounts: { min: 0, max: 499 },
  contentDisclosed: { min: 0, max: 249 },
  nonContentDisclosed: exact(0),
  noDataFound: exact(0),
  rejected: exact(0),
  pending: exact(0),
  challenged: exact(0),
});

const requestingCountries = ["US", "GB", "DE", "FR", "IN", "BR", "JP", "AU", "KE", "NL", "SG", "ZA", "CA", "MX"];

function demoFigures(home: string, seed: number): { rows: TransparencyLine[]; customersNotified: Count } {
  const rand = random(seed);
  const countries = [home, ...requestingCountries.filter((c) => c !== home)].slice(0, 2 + Math.floor(rand() * 5));
  const rows: TransparencyLine[] = [];
  countries.forEach((country, n) => {
    const scale = n === 0 ? 40 : 12;
    rows.push(line(country, "court_order", 1 + Math.floor(rand() * scale), rand));
    if (rand() < 0.7) rows.push(line(country, "subpoena", Math.floor(rand() * scale * 1.5), rand));
    if (rand() < 0.4) rows.push(line(country, "emergency", Math.floor(rand() * 6), rand));
    if (rand() < 0.15) rows.push(line(country, "other", Math.floor(rand() * 4), rand));
  });
  if (countries.includes("US") && rand() < 0.6) rows.push(bandedLine("US"));
  const notified = Math.floor(rand() * 40);
  return { rows, customersNotified: rand() < 0.2 ? { min: 0, max: 99 } : exact(notified) };
}

/**
 * Publishes the demo's figures after the rest of the demo history. The log's times only move
 * forward, so these are dated after its latest entry (within the last day): the demo reads as
 * signatories back-filling their recent half-years, not as entries slipped into the past.
 */
export async function seedDemoTransparency(db: DbOrTx, options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const { publishers, latestLedgerAt } = await getDemoTransparencyPublishers(db);
  // Two in three take part (every third is a signatory that has not published yet), spread evenly.
  const willing = publishers.filter((_, i) => i % 3 !== 2);
  const max = publishers.length > LARGE_DEMO ? MAX_PUBLISHERS.large : MAX_PUBLISHERS.small;
  const stride = Math.max(1, Math.ceil(willing.length / max));
  const chosen = willing.filter((_, i) => i % stride === 0).slice(0, max);

  const jobs: { publisher: (typeof chosen)[number]; period: string; correct: boolean; seed: number }[] = [];
  chosen.forEach((publisher, i) => {
    const periods = endedPeriods(now, PERIODS).filter((p) => periodEnd(p) > publisher.signedAt);
    periods.reverse().forEach((period, k) => jobs.push({ publisher, period, correct: i % 5 === 1 && k === periods.length - 1, seed: i * 31 + k * 7 + 1 }));
  });
  if (jobs.length === 0) return 0;
  const corrections = jobs.filter((j) => j.correct).length;
  const steps = jobs.length + corrections;
  const start = Math.max((latestLedgerAt?.getTime() ?? 0) + MINUTE, now.getTime() - 24 * 60 * MINUTE);
  const step = Math.max(1000, Math.floor((now.getTime() - MINUTE - start) / steps));
  let at = start;

  for (const job of jobs) {
    const actor = { userId: job.publisher.ownerId };
    const figures = demoFigures(job.publisher.country, job.seed);
    const input = { organisationId: job.publisher.organisationId, period: job.period, reason: null, ...figures };
    await publishTransparencyReport(db, actor, input, { now: new Date(at) });
    at += step;
    if (job.correct) {
      const [first, ...rest] = figures.rows;
      const bumped: TransparencyLine = {
        ...first!,
        requests: exact(first!.requests.min + 2),
        accounts: exact(first!.accounts.min + 2),
        contentDisclosed: exact(first!.contentDisclosed.min + 2),
      };
      await correctTransparencyReport(db, actor, { ...input, rows: [bumped, ...rest], reason: CORRECTION_REASON }, { now: new Date(at) });
      at += step;
    }
  }
  await analyzeTables(db, [transparencyReports, transparencyRows]);
  return steps;
}
