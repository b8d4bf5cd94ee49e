import Link from "next/link";
import { ChartFigure } from "./_components/chart-figure";
import { DataTable } from "./_components/data-table";
import { HorizontalBarChart } from "./_components/horizontal-bar-chart";
import { TimelineChart } from "./_components/timeline-chart";
import { linkClass } from "@/components/styles";
import { getSignatoryStatistics } from "@/db/queries/stats";
import { pageMetadata } from "@/lib/metadata";
import { countryBars, sectorBars } from "@/lib/stats/breakdowns";
import type { CategoryCount } from "@/lib/stats/categories";
import { describeBreakdown, describeGrowth, formatCount } from "@/lib/stats/describe";
import { buildMonthSeries, formatMonth, monthOf } from "@/lib/stats/months";
import { directoryPath, joinPath, ledgerPath, STATS_JSON_PATH, statsPath } from "@/lib/paths";

export const metadata = pageMetadata({
  title: "Signatory statistics",
  description: "How many organisations stand behind the Tech Accord, how that changed month by month, and which countries and sectors they come from.",
  path: statsPath,
});

function breakdownTable(caption: string, groupHeader: string, bars: readonly CategoryCount[], total: number) {
  return (
    <DataTable
      caption={caption}
      columns={[groupHeader, "Standing signatories", "Share"]}
      rows={bars.map((b) => ({ header: b.label, cells: [formatCount(b.count), `${Math.round((b.count / Math.max(total, 1)) * 100)}%`] }))}
    />
  );
}

export default async function SignatoryStatisticsPage() {
  const stats = await getSignatoryStatistics();
  const series = buildMonthSeries(stats.months, monthOf(new Date()));
  const countries = countryBars(stats.byCountry);
  const sectors = sectorBars(stats.bySector);

  const headline = [
    { label: "Standing signatories", value: stats.standing, note: stats.suspended > 0 ? `including ${formatCount(stats.suspended)} suspended` : null },
    { label: "Countries", value: stats.countries, note: null },
    { label: "Sectors", value: stats.sectors, note: null },
    { label: "Commitments registered", value: stats.commitments, note: null },
    { label: "Progress reports published", value: stats.reports, note: null },
  ];

  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={directoryPath} className="hover:underline">
          Signatories
        </Link>{" "}
        / Statistics
      </nav>
      <h1 className="mt-4 font-serif text-4xl font-semibold tracking-tight">Signatory statistics</h1>

      {series.length === 0 ? (
        <p className="mt-8 rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300">
          No organisation has signed yet, so there is nothing to chart.{" "}
          <Link href={joinPath} className="font-semibold underline">
            Find out how to join
          </Link>
          .
        </p>
      ) : (
        <>
          <p className="mt-3 text-lg text-muted">
            Who stands behind the accord, and since when. A standing signatory is a listed organisation (verified, or suspended by a moderator) whose signature
            has not been withdrawn; every figure here counts those.
          </p>
          <dl className="mt-8 grid grid-cols-2 gap-6 sm:grid-cols-3 lg:grid-cols-5">
            {headline.map((h) => (
              <div key={h.label}>
                <dt className="text-sm text-muted">{h.label}</dt>
                <dd className="font-serif text-4xl font-semibold tabular-nums">{formatCount(h.value)}</dd>
                {h.note ? <dd className="text-sm text-muted">{h.note}</dd> : null}
              </div>
            ))}
          </dl>

          <ChartFigure
            id="over-time"
            heading="Signatories over time"
            caption="Standing signatories at the end of each month, and how many organisations signed in that month. An organisation counts from its first signature until it withdraws; signing a newer version of the accord does not count twice."
            table={
              <DataTable
                caption="Signatories by month"
                columns={["Month", "Signed", "Withdrew", "Standing at month end"]}
                rows={series.map((p) => ({ header: formatMonth(p.month), cells: [formatCount(p.joined), formatCount(p.left), formatCount(p.standing)] }))}
              />
            }
          >
            <TimelineChart
              id="over-time-chart"
              title="Signatories over time"
              description={describeGrowth(series)}
              totalLabel="Standing signatories"
              addedLabel="Signed that month"
              points={series.map((p) => ({ label: formatMonth(p.month, "short"), total: p.standing, added: p.joined }))}
            />
          </ChartFigure>

          <ChartFigure
            id="by-country"
            heading="By country"
            caption="Standing signatories by the country each organisation registered, the twelve largest first and the rest together."
            table={countries.length > 0 ? breakdownTable("Standing signatories by country", "Country", countries, stats.standing) : null}
          >
            {countries.length > 0 ? (
              <HorizontalBarChart
                id="by-country-chart"
                title="Signatories by country"
                description={describeBreakdown(countries, stats.standing, stats.countries, { one: "country", many: "countries" })}
                bars={countries.map((c) => ({ ...c, muted: c.merged !== undefined }))}
              />
            ) : (
              <p className="text-muted">There are no standing signatories at the moment.</p>
            )}
          </ChartFigure>

          <ChartFigure
            id="by-sector"
            heading="By sector"
            caption="Standing signatories by the sector each organisation chose when it registered."
            table={sectors.length > 0 ? breakdownTable("Standing signatories by sector", "Sector", sectors, stats.standing) : null}
          >
            {sectors.length > 0 ? (
              <HorizontalBarChart
                id="by-sector-chart"
                title="Signatories by sector"
                description={describeBreakdown(sectors, stats.standing, stats.sectors, { one: "sector", many: "sectors" })}
                bars={sectors}
              />
            ) : (
              <p className="text-muted">There are no standing signatories at the moment.</p>
            )}
          </ChartFigure>

          <p className="mt-12 text-sm text-muted">
            Every signature and withdrawal behind these figures is an entry in the{" "}
            <Link href={ledgerPath} className={linkClass}>
              public ledger
            </Link>
            . Browse the organisations themselves in the{" "}
            <Link href={directoryPath} className={linkClass}>
              directory
            </Link>
            . The series behind these charts is open data:{" "}
            <a href={STATS_JSON_PATH} className={linkClass}>
              {STATS_JSON_PATH}
            </a>{" "}
            (JSON).
          </p>
        </>
      )}
    </div>
  );
}
