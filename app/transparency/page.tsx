import Link from "next/link";
import { ChartFigure } from "@/app/signatories/stats/_components/chart-figure";
import { DataTable } from "@/app/signatories/stats/_components/data-table";
import { linkClass } from "@/components/styles";
import { CountText } from "@/components/transparency/figures-table";
import { formatDate } from "@/lib/format/date";
import { pageMetadata } from "@/lib/metadata";
import {
  developersPath,
  directoryPath,
  ledgerPath,
  signatoryTransparencyPath,
  TRANSPARENCY_API_PATH,
  TRANSPARENCY_CSV_PATH,
  transparencyPath,
} from "@/lib/paths";
import { type Count, formatCount, instrumentLabels, outcomeKeys, outcomeLabels, periodLabel } from "@/lib/transparency/figures";
import { getRegistryTransparency, type KeyedCount } from "@/lib/transparency/public";
import { countryLabel } from "@/lib/validation/organisation";
import { RangeBarChart, type RangeBar } from "./_components/range-bar-chart";

export const metadata = pageMetadata({
  title: "Transparency on government requests",
  description:
    "How many government requests for data the accord's signatories received, from which countries, under which legal instruments, and what became of them: half-year by half-year, with bands where the law forbids exact figures.",
  path: transparencyPath,
});

/** Countries shown by name before the rest are merged into one bar. */
const TOP_COUNTRIES = 12;

const isBand = (c: Count) => c.min !== c.max;

/** Largest first by upper bound, then name: stable between requests. The rest merged, as ranges add. */
function countryBars(items: readonly KeyedCount[]): RangeBar[] {
  const sorted = [...items]
    .filter((i) => i.requests.max > 0)
    .map((i) => ({ key: i.key, label: countryLabel(i.key), count: i.requests }))
    .sort((a, b) => b.count.max - a.count.max || b.count.min - a.count.min || a.label.localeCompare(b.label, "en"));
  if (sorted.length <= TOP_COUNTRIES + 1) return sorted;
  const rest = sorted.slice(TOP_COUNTRIES);
  const count = rest.reduce((t, r) => ({ min: t.min + r.count.min, max: t.max + r.count.max }), { min: 0, max: 0 });
  return [...sorted.slice(0, TOP_COUNTRIES), { key: "other", label: `${rest.length} other countries`, count, muted: true }];
}

function describeBars(bars: readonly RangeBar[], what: string): string {
  if (bars.length === 0) return `No ${what} were reported.`;
  const list = bars.slice(0, 3).map((b) => `${b.label} (${formatCount(b.count)})`);
  return `${what[0]!.toUpperCase()}${what.slice(1)}: ${list.join(", ")}${bars.length > 3 ? ", and others" : ""}.${bars.some((b) => isBand(b.count)) ? " Ranges include figures given as bands." : ""}`;
}

const rangeNote = (
  <>
    The solid part of a bar reaches the figure that is certain; a dashed, lighter part reaches the upper end of a range, where some signatories may only give a
    band (such as 0–249) by law.
  </>
);

export default async function TransparencyPage() {
  const data = await getRegistryTransparency();
  const { periods, latest, recent } = data;
  const latestTotals = periods.at(-1);
  const overTime: RangeBar[] = periods.map((p) => ({ key: p.period, label: periodLabel(p.period), count: p.requests }));
  const countries = latest ? countryBars(latest.byCountry) : [];
  const instruments: RangeBar[] = latest
    ? latest.byInstrument
        .map((i) => ({ key: i.key, label: instrumentLabels[i.key], count: i.requests }))
        .sort((a, b) => b.count.max - a.count.max || a.label.localeCompare(b.label, "en"))
    : [];
  const outcomes: RangeBar[] = latest ? outcomeKeys.map((k) => ({ key: k, label: outcomeLabels[k], count: latest.outcomes[k] })) : [];

  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Transparency on government requests</h1>
      <p className="mt-3 text-lg text-muted">
        Signatories promise to answer government requests for data only through valid legal process, to challenge overreach, and to publish what they receive.
        Here are their own figures, half-year by half-year: who asked, under which instrument, and what became of each request. Each publication and each
        correction is recorded in the{" "}
        <Link href={ledgerPath} className={linkClass}>
          public ledger
        </Link>{" "}
        with the SHA-256 of its content.
      </p>

      {periods.length === 0 || !latest || !latestTotals ? (
        <p className="mt-8 rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300">
          No signatory has published figures yet.{" "}
          <Link href={directoryPath} className={linkClass}>
            Browse the signatories
          </Link>
          .
        </p>
      ) : (
        <>
          <h2 className="mt-10 section-heading">{periodLabel(latest.period)}</h2>
          <dl className="mt-4 grid grid-cols-2 gap-6 sm:grid-cols-3 lg:grid-cols-5">
            {[
              { label: "Signatories reporting", value: { min: latestTotals.reports, max: latestTotals.reports } },
              { label: "Requests", value: latestTotals.requests },
              { label: "Accounts concerned", value: latestTotals.accounts },
              { label: "Challenged in court", value: latestTotals.challenged },
              { label: "Customers notified of nation-state attacks", value: latestTotals.customersNotified },
            ].map((h) => (
              <div key={h.label}>
                <dt className="text-sm text-muted">{h.label}</dt>
                <dd className="font-serif text-3xl font-semibold tabular-nums break-words">
                  <CountText count={h.value} />
                </dd>
              </div>
            ))}
          </dl>
          <p className="mt-4 text-sm text-muted">
            Figures are what each signatory published for the half-year; a total that includes a band is shown as a range (for example 1,200–1,449) and never as
            an exact number. Only the current revision of each report counts; corrections are on each signatory&apos;s page.
          </p>

          <ChartFigure
            id="over-time"
            heading="Requests over time"
            caption={<>Government requests received by all reporting signatories in each half-year. {rangeNote}</>}
            table={
              <>
                <DataTable
                  caption="Requests by half-year"
                  columns={["Half-year", "Signatories reporting", "Requests"]}
                  rows={periods.map((p) => ({ header: p.period, cells: [formatCount({ min: p.reports, max: p.reports }), formatCount(p.requests)] }))}
                />
                <div className="mt-6">
                  <DataTable
                    caption="Accounts concerned and customers notified by half-year"
                    columns={["Half-year", "Accounts", "Customers notified"]}
                    rows={periods.map((p) => ({ header: p.period, cells: [formatCount(p.accounts), formatCount(p.customersNotified)] }))}
                  />
                </div>
                <div className="mt-6">
                  <DataTable
                    caption="Requests challenged in court by half-year"
                    columns={["Half-year", "Challenged in court"]}
                    rows={periods.map((p) => ({ header: p.period, cells: [formatCount(p.challenged)] }))}
                  />
                </div>
              </>
            }
          >
            <RangeBarChart id="over-time-chart" title="Requests by half-year" description={describeBars(overTime, "requests by half-year")} bars={overTime} />
          </ChartFigure>

          <ChartFigure
            id="by-country"
            heading="By requesting country"
            caption={
              <>
                Requests in {periodLabel(latest.period)} by the country whose authorities made them, the {TOP_COUNTRIES} largest first and the rest together.{" "}
                {rangeNote}
              </>
            }
            table={
              countries.length > 0 ? (
                <DataTable
                  caption={`Requests by requesting country, ${periodLabel(latest.period)}`}
                  columns={["Country", "Requests"]}
                  rows={[...latest.byCountry]
                    .sort((a, b) => b.requests.max - a.requests.max || countryLabel(a.key).localeCompare(countryLabel(b.key), "en"))
                    .map((c) => ({ header: countryLabel(c.key), cells: [formatCount(c.requests)] }))}
                />
              ) : null
            }
          >
            {countries.length > 0 ? (
              <RangeBarChart
                id="by-country-chart"
                title="Requests by requesting country"
                description={describeBars(countries, "the most requests came from")}
                bars={countries}
              />
            ) : (
              <p className="text-muted">No requests were reported for this half-year.</p>
            )}
          </ChartFigure>

          <ChartFigure
            id="by-instrument"
            heading="By legal instrument"
            caption={
              <>
                Requests in {periodLabel(latest.period)} by the kind of legal process used. {rangeNote}
              </>
            }
            table={
              instruments.length > 0 ? (
                <DataTable
                  caption={`Requests by instrument, ${periodLabel(latest.period)}`}
                  columns={["Instrument", "Requests"]}
                  rows={instruments.map((i) => ({ header: i.label, cells: [formatCount(i.count)] }))}
                />
              ) : null
            }
          >
            {instruments.length > 0 ? (
              <RangeBarChart
                id="by-instrument-chart"
                title="Requests by instrument"
                description={describeBars(instruments, "requests by instrument")}
                bars={instruments}
              />
            ) : (
              <p className="text-muted">No requests were reported for this half-year.</p>
            )}
          </ChartFigure>

          <ChartFigure
            id="outcomes"
            heading="What became of them"
            caption={
              <>
                The outcome of each request in {periodLabel(latest.period)}. Separately, {formatCount(latest.outcomes.challenged)} were challenged in court (a
                challenge overlaps the outcomes: a challenged request may still be pending or end in disclosure). {rangeNote}
              </>
            }
            table={
              <DataTable
                caption={`Outcomes, ${periodLabel(latest.period)}`}
                columns={["Outcome", "Requests"]}
                rows={[
                  ...outcomes.map((o) => ({ header: o.label, cells: [formatCount(o.count)] })),
                  { header: "Challenged in court (apart)", cells: [formatCount(latest.outcomes.challenged)] },
                ]}
              />
            }
          >
            <RangeBarChart id="outcomes-chart" title="Outcomes of requests" description={describeBars(outcomes, "outcomes")} bars={outcomes} />
          </ChartFigure>

          <section aria-labelledby="recent-heading" className="mt-12">
            <h2 id="recent-heading" className="section-heading">
              Latest publications
            </h2>
            <ul className="mt-4 divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
              {recent.map((r) => (
                <li key={`${r.slug}-${r.period}`} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3">
                  <Link href={`${signatoryTransparencyPath(r.slug)}#${r.period}`} className={`${linkClass} break-words`}>
                    {r.name}, {periodLabel(r.period)}
                  </Link>
                  <span className="text-sm text-muted">
                    {r.revision > 1 ? `Corrected (revision ${r.revision})` : "Published"} <time dateTime={r.publishedAt}>{formatDate(r.publishedAt)}</time>
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}

      <section aria-labelledby="data-heading" className="mt-12">
        <h2 id="data-heading" className="section-heading">
          The data
        </h2>
        <p className="mt-2 text-muted">
          Every line of every current report, with each count&apos;s lower and upper bound:{" "}
          <a href={TRANSPARENCY_CSV_PATH} className={linkClass}>
            download the CSV
          </a>
          , or query{" "}
          <a href={TRANSPARENCY_API_PATH} className={linkClass}>
            {TRANSPARENCY_API_PATH}
          </a>{" "}
          by signatory, country, period and instrument. The{" "}
          <Link href={`${developersPath}#transparency`} className={linkClass}>
            developer guide
          </Link>{" "}
          explains the fields and how to check a report against the ledger.
        </p>
      </section>
    </div>
  );
}
