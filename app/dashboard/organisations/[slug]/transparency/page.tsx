import Link from "next/link";
import { getTransparencyReportsForOrganisation } from "@/db/queries/transparency";
import { linkClass } from "@/components/styles";
import { formatDate } from "@/lib/format/date";
import {
  correctTransparencyPath,
  dashboardPath,
  ledgerEntryPath,
  organisationDashboardPath,
  signatoryTransparencyPath,
  transparencyDashboardPath,
  TRANSPARENCY_API_PATH,
} from "@/lib/paths";
import { endedPeriods, periodLabel } from "@/lib/transparency/figures";
import { TransparencyCsvForm, TransparencyForm } from "./_components/transparency-forms";
import { countryOptions, instrumentOptions, loadTransparencyDashboard } from "./_components/owner-gate";

export const metadata = { title: "Transparency reports · Dashboard", robots: { index: false } };

/** How many ended half-years the form offers: five years back covers any catching up. */
const OFFERED_PERIODS = 10;

export default async function TransparencyDashboardPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { db, org, refusal } = await loadTransparencyDashboard(slug, transparencyDashboardPath(slug));
  const reports = await getTransparencyReportsForOrganisation(db, org.id);
  const current = reports.filter((r) => r.current);
  const published = new Set(current.map((r) => r.period));
  const periods = endedPeriods(new Date(), OFFERED_PERIODS)
    .filter((p) => !published.has(p))
    .map((p) => ({ value: p, label: `${periodLabel(p)} (${p})` }));
  const dashboard = organisationDashboardPath(org.slug);

  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={dashboardPath} className="hover:underline">
          Dashboard
        </Link>{" "}
        /{" "}
        <Link href={dashboard} className="hover:underline">
          {org.displayName}
        </Link>{" "}
        / Transparency reports
      </nav>
      <h1 className="mt-3 font-serif text-4xl font-semibold tracking-tight">Transparency reports on government requests</h1>
      <p className="mt-3 text-muted">
        Once a half-year is over, publish how many government requests for data {org.displayName} received, from which countries, under which instruments, and
        what became of them. Figures are public at{" "}
        <Link href={signatoryTransparencyPath(org.slug)} className={linkClass}>
          {signatoryTransparencyPath(org.slug)}
        </Link>
        , in the open data and in the ledger with their SHA-256. They cannot be edited: a mistake is fixed by a correction, a new revision with its public
        reason, and earlier revisions stay visible.
      </p>

      <section aria-labelledby="published-heading" className="mt-10">
        <h2 id="published-heading" className="section-heading">
          Published
        </h2>
        {current.length > 0 ? (
          <ul className="mt-4 divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
            {current.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                <div>
                  <Link href={`${signatoryTransparencyPath(org.slug)}#${r.period}`} className="font-semibold hover:underline">
                    {periodLabel(r.period)}
                  </Link>
                  <p className="text-sm text-muted">
                    {r.revision === 1 ? "Published" : `Corrected (revision ${r.revision})`}{" "}
                    <time dateTime={r.publishedAt.toISOString()}>{formatDate(r.publishedAt)}</time>
                    {r.ledgerIndex !== null ? (
                      <>
                        {" · "}
                        <Link href={ledgerEntryPath(r.ledgerIndex)} className="underline">
                          ledger entry #{r.ledgerIndex}
                        </Link>
                      </>
                    ) : null}
                  </p>
                </div>
                {refusal ? null : (
                  <Link
                    href={correctTransparencyPath(org.slug, r.period)}
                    className="rounded-md border border-ink-300 px-3 py-1.5 text-sm font-semibold hover:border-accord-600 dark:border-ink-600"
                  >
                    Correct {r.period}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-muted">Nothing published yet.</p>
        )}
      </section>

      <section aria-labelledby="publish-heading" className="mt-10">
        <h2 id="publish-heading" className="section-heading">
          Publish a half-year
        </h2>
        {refusal ? (
          <p className="mt-4 rounded-md border border-ink-300 px-4 py-3 dark:border-ink-700">
            {refusal}{" "}
            <Link href={dashboard} className="font-semibold underline">
              Back to the dashboard
            </Link>
          </p>
        ) : periods.length === 0 ? (
          <p className="mt-4 text-muted">Every recent half-year is published. The next can be published once the current half-year ends.</p>
        ) : (
          <>
            <div className="mt-6">
              <TransparencyForm organisationId={org.id} mode="publish" periods={periods} countries={countryOptions()} instruments={instrumentOptions()} />
            </div>
            <h2 className="mt-12 section-heading">Or upload a CSV file</h2>
            <p className="mt-2 text-muted">
              The same columns as the form, one row per country and instrument. The whole file is checked first: if any row is wrong, nothing is saved and every
              problem is listed by row and column. The{" "}
              <a href={TRANSPARENCY_API_PATH} className={linkClass}>
                open data
              </a>{" "}
              uses the same names.
            </p>
            <div className="mt-6">
              <TransparencyCsvForm organisationId={org.id} mode="publish" periods={periods} />
            </div>
          </>
        )}
      </section>
    </div>
  );
}
