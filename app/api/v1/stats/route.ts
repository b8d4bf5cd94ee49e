import { getSignatoryStatistics } from "@/db/queries/stats";
import { getEnv } from "@/lib/env";
import { handleRoute } from "@/lib/http";
import { conditionalJson, preflightResponse } from "@/lib/open-data/http";
import { assertNoQuery } from "@/lib/open-data/query";
import { statsPath, STATS_JSON_PATH } from "@/lib/paths";
import { buildMonthSeries, monthOf } from "@/lib/stats/months";
import { countryLabel, sectorLabel } from "@/lib/validation/organisation";

/**
 * The statistics series behind /signatories/stats as JSON: the headline figures, every month from
 * the first signature to this one (quiet months included, with the standing count after each), and
 * the standing signatories by country and by sector. From the same cached read as the page.
 */
export function GET(request: Request) {
  return handleRoute(async () => {
    assertNoQuery(new URL(request.url).searchParams);
    const stats = await getSignatoryStatistics();
    const { siteUrl } = getEnv();
    return conditionalJson(request, {
      links: { self: `${siteUrl}${STATS_JSON_PATH}`, page: `${siteUrl}${statsPath}` },
      definitions: {
        standing: "listed organisations (verified or suspended) with at least one signature not withdrawn",
        joined: "listed organisations that became standing signatories in the month",
        left: "listed organisations that stopped being standing signatories in the month",
        "months[].standing": "standing signatories at the end of the month",
      },
      standing: stats.standing,
      suspended: stats.suspended,
      countries: stats.countries,
      sectors: stats.sectors,
      commitments: stats.commitments,
      reports: stats.reports,
      months: buildMonthSeries(stats.months, monthOf(new Date())),
      byCountry: stats.byCountry.map((r) => ({ country: r.country, name: countryLabel(r.country), count: r.count })),
      bySector: stats.bySector.map((r) => ({ sector: r.sector, name: sectorLabel(r.sector), count: r.count })),
    });
  });
}

export function OPTIONS() {
  return preflightResponse();
}
