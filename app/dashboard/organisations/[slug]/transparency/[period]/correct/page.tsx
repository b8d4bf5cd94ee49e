import Link from "next/link";
import { notFound } from "next/navigation";
import { linkClass } from "@/components/styles";
import { correctTransparencyPath, dashboardPath, signatoryTransparencyPath, transparencyDashboardPath } from "@/lib/paths";
import { countText, countKeys, periodLabel, PERIOD_PATTERN } from "@/lib/transparency/figures";
import { getCurrentFigures } from "@/lib/transparency/transparency";
import { columnOfCount } from "@/lib/transparency/validate";
import { TransparencyCsvForm, TransparencyForm } from "../../_components/transparency-forms";
import { countryOptions, instrumentOptions, loadTransparencyDashboard } from "../../_components/owner-gate";

export const metadata = { title: "Correct a transparency report · Dashboard", robots: { index: false } };

export default async function CorrectTransparencyPage({ params }: { params: Promise<{ slug: string; period: string }> }) {
  const { slug, period } = await params;
  if (!PERIOD_PATTERN.test(period)) notFound();
  const { db, org, refusal } = await loadTransparencyDashboard(slug, correctTransparencyPath(slug, period));
  const figures = await getCurrentFigures(db, org.id, period);
  if (!figures) notFound();
  const lines = figures.rows.map((line) => ({
    country: line.country,
    instrument: line.instrument,
    ...Object.fromEntries(countKeys.map((k) => [columnOfCount[k], countText(line[k])])),
  }));
  const notified = countText({ min: figures.report.notifiedMin, max: figures.report.notifiedMax });
  const periods = [{ value: period, label: periodLabel(period) }];

  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={dashboardPath} className="hover:underline">
          Dashboard
        </Link>{" "}
        /{" "}
        <Link href={transparencyDashboardPath(org.slug)} className="hover:underline">
          {org.displayName} transparency reports
        </Link>{" "}
        / Correct {period}
      </nav>
      <h1 className="mt-3 font-serif text-4xl font-semibold tracking-tight">Correct {periodLabel(period)}</h1>
      {refusal ? (
        <p className="mt-6 rounded-md border border-ink-300 px-4 py-3 dark:border-ink-700">{refusal}</p>
      ) : (
        <>
          <p className="mt-3 text-muted">
            The form starts from revision {figures.report.revision}, as published. Your correction becomes revision {figures.report.revision + 1} with the
            reason you give; revision {figures.report.revision} stays on the{" "}
            <Link href={`${signatoryTransparencyPath(org.slug)}#${period}`} className={linkClass}>
              public page
            </Link>{" "}
            as it was.
          </p>
          <div className="mt-8">
            <TransparencyForm
              organisationId={org.id}
              mode="correct"
              periods={periods}
              countries={countryOptions()}
              instruments={instrumentOptions()}
              lines={lines}
              notified={notified}
            />
          </div>
          <h2 className="mt-12 section-heading">Or upload the corrected figures as CSV</h2>
          <div className="mt-6">
            <TransparencyCsvForm organisationId={org.id} mode="correct" periods={periods} notified={notified} />
          </div>
        </>
      )}
    </div>
  );
}
