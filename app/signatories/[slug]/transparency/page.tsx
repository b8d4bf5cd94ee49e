import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CodeBlock } from "@/components/code-block";
import { StatusBadge } from "@/components/status-badge";
import { linkClass } from "@/components/styles";
import { CountText, FiguresTable } from "@/components/transparency/figures-table";
import { formatDate } from "@/lib/format/date";
import { pageMetadata } from "@/lib/metadata";
import {
  directoryPath,
  ledgerEntryPath,
  profilePath,
  signatoryTransparencyPath,
  TRANSPARENCY_API_PATH,
  TRANSPARENCY_CSV_PATH,
  transparencyPath,
} from "@/lib/paths";
import { periodLabel } from "@/lib/transparency/figures";
import { getSignatoryTransparency, type PublicRevision } from "@/lib/transparency/public";
import { organisationSlugSchema } from "@/lib/validation/organisation";

type Props = { params: Promise<{ slug: string }> };

/** Rendered on first request and kept in the page cache until public data changes (tag `signatories`), like the profile. */
export function generateStaticParams(): { slug: string }[] {
  return [];
}

const load = cache(async (rawSlug: string) => {
  const parsed = organisationSlugSchema.safeParse(rawSlug);
  return parsed.success ? getSignatoryTransparency(parsed.data) : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load((await params).slug);
  if (!data) return { title: "Signatory not found", robots: { index: false } };
  const name = data.organisation.name;
  const periods = data.periods.map((p) => p.period);
  return pageMetadata({
    title: `${name}: transparency reports on government requests`,
    description:
      periods.length > 0
        ? `Government requests for data that ${name} received, by requesting country and legal instrument, and what became of them: ${periods.length === 1 ? periods[0] : `${periods.length} half-years from ${periods.at(-1)} to ${periods[0]}`}, with every correction.`
        : `${name} has not published figures on government requests in the Tech Accord registry yet.`,
    path: signatoryTransparencyPath(data.organisation.slug),
  });
}

function RevisionFacts({ revision }: { revision: PublicRevision }) {
  return (
    <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_minmax(0,1fr)]">
      <dt className="text-muted">{revision.revision === 1 ? "Published" : `Revision ${revision.revision}, published`}</dt>
      <dd>
        <time dateTime={revision.publishedAt}>{formatDate(revision.publishedAt)}</time>
        {revision.ledgerIndex !== null ? (
          <>
            {" · "}
            <Link href={ledgerEntryPath(revision.ledgerIndex)} className={linkClass}>
              ledger entry #{revision.ledgerIndex}
            </Link>
          </>
        ) : null}
      </dd>
      {revision.reason ? (
        <>
          <dt className="text-muted">Reason for the correction</dt>
          <dd className="break-words">{revision.reason}</dd>
        </>
      ) : null}
      <dt className="text-muted">Customers notified of suspected nation-state attacks</dt>
      <dd className="tabular-nums">
        <CountText count={revision.customersNotified} />
      </dd>
    </dl>
  );
}

export default async function SignatoryTransparencyPage({ params }: Props) {
  const data = await load((await params).slug);
  if (!data) notFound();
  const { organisation: org, periods } = data;
  const profile = profilePath(org.slug);
  const hasBands = periods.some(({ current }) => current.lines.some((l) => Object.values(l).some((v) => typeof v === "object" && v.min !== v.max)));
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={directoryPath} className="hover:underline">
          Signatories
        </Link>{" "}
        /{" "}
        <Link href={profile} className="hover:underline">
          {org.name}
        </Link>{" "}
        / Transparency
      </nav>
      <h1 className="mt-3 font-serif text-4xl font-semibold tracking-tight break-words">{org.name}: government requests</h1>
      <p className="mt-3 max-w-3xl text-lg text-muted">
        Under the accord&apos;s fourth principle, signatories answer government requests for data only through valid legal process, challenge overreach and
        publish what they received. These are {org.name}&apos;s own figures, per half-year, by requesting country and kind of legal instrument. A correction
        never overwrites: it is a new revision with its reason, and every revision is in the public ledger.
      </p>
      {org.status !== "verified" ? (
        <p className="mt-4 flex flex-wrap items-center gap-2 rounded-md border border-ink-300 px-4 py-3 dark:border-ink-700">
          <StatusBadge status={org.status} />
          <span className="break-words">
            {org.name} is {org.status}
            {org.statusReason ? `: ${org.statusReason}` : "."}
          </span>
        </p>
      ) : null}

      {periods.length === 0 ? (
        <p className="mt-8 rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300">
          {org.name} has not published figures on government requests here yet.{" "}
          <Link href={transparencyPath} className={linkClass}>
            See the registry&apos;s figures
          </Link>
          .
        </p>
      ) : (
        <>
          <section aria-labelledby="summary-heading" className="mt-10">
            <h2 id="summary-heading" className="section-heading">
              By half-year
            </h2>
            <div role="region" aria-label="Figures by half-year" tabIndex={0} className="mt-4 overflow-x-auto">
              <table className="w-full border-collapse text-sm">
                <thead>
                  <tr className="border-b border-ink-300 dark:border-ink-600">
                    <th scope="col" className="py-1.5 pr-2 text-left font-semibold">
                      Half-year
                    </th>
                    <th scope="col" className="px-2 py-1.5 text-right font-semibold">
                      Requests
                    </th>
                    <th scope="col" className="px-2 py-1.5 text-right font-semibold">
                      Accounts
                    </th>
                    <th scope="col" className="px-2 py-1.5 text-right font-semibold">
                      Challenged in court
                    </th>
                    <th scope="col" className="px-2 py-1.5 text-right font-semibold">
                      Customers notified
                    </th>
                    <th scope="col" className="py-1.5 pl-2 text-right font-semibold">
                      Revision
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {periods.map(({ period, current }) => (
                    <tr key={period} className="border-b border-ink-200 dark:border-ink-800">
                      <th scope="row" className="py-1.5 pr-2 text-left font-normal">
                        <a href={`#${period}`} className={linkClass}>
                          {periodLabel(period)}
                        </a>
                      </th>
                      <td className="px-2 py-1.5 text-right tabular-nums">
                        <CountText count={current.totals.requests} />
                      </td>
                      <td className="px-2 py-1.5 text-right tabular-nums">
                        <CountText count={current.totals.accounts} />
                      </td>
                      <td className="px-2 py-1.5 text-right tabular-nums">
                        <CountText count={current.totals.challenged} />
                      </td>
                      <td className="px-2 py-1.5 text-right tabular-nums">
                        <CountText count={current.customersNotified} />
                      </td>
                      <td className="py-1.5 pl-2 text-right tabular-nums">{current.revision === 1 ? "1" : `${current.revision} (corrected)`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {hasBands ? (
              <p className="mt-3 text-sm text-muted">
                A figure such as 0–249 is a band: where the law forbids an exact number (often for national-security requests), the signatory gives a range.
                Totals that include a band are ranges too; they are never added up as if exact.
              </p>
            ) : null}
          </section>

          {periods.map(({ period, current, earlier }) => (
            <section key={period} id={period} aria-labelledby={`${period}-heading`} className="mt-12 scroll-mt-6">
              <h2 id={`${period}-heading`} className="section-heading">
                {periodLabel(period)} <span className="text-lg font-normal text-muted">({period})</span>
              </h2>
              <RevisionFacts revision={current} />
              <div className="mt-4">
                {current.lines.length > 0 ? (
                  <FiguresTable caption={`Government requests to ${org.name}, ${periodLabel(period)}`} lines={current.lines} totals={current.totals} />
                ) : (
                  <p className="text-muted">{org.name} reports that it received no government requests in this half-year.</p>
                )}
              </div>
              <details className="mt-4 text-sm">
                <summary className="cursor-pointer font-semibold text-accord-700 hover:underline dark:text-accord-300">Check this revision</summary>
                <p className="mt-2 text-muted">
                  SHA-256 of the revision&apos;s canonical JSON (period, customers notified and every line with each count&apos;s bounds). The ledger entry
                  records the same hash; the{" "}
                  <Link href={`${TRANSPARENCY_API_PATH}?signatory=${org.slug}&period=${period}`} className={linkClass} prefetch={false}>
                    API
                  </Link>{" "}
                  gives the exact content to recompute it.
                </p>
                <div className="mt-2">
                  <CodeBlock label={`Content hash, ${period} revision ${current.revision}`}>{current.contentHash}</CodeBlock>
                </div>
              </details>
              {earlier.length > 0 ? (
                <details className="mt-4">
                  <summary className="cursor-pointer font-semibold text-accord-700 hover:underline dark:text-accord-300">
                    {earlier.length === 1 ? "The revision this one corrects" : `The ${earlier.length} earlier revisions`}
                  </summary>
                  <ol className="mt-3 space-y-6">
                    {earlier.map((revision) => (
                      <li key={revision.revision} className="rounded-md border border-ink-200 p-4 dark:border-ink-800">
                        <h3 className="font-semibold">
                          Revision {revision.revision}
                          {revision.revision === 1 ? " (first publication)" : ""}
                        </h3>
                        <RevisionFacts revision={revision} />
                        <p className="mt-2 text-sm break-all text-muted">SHA-256 {revision.contentHash}</p>
                        <div className="mt-3">
                          {revision.lines.length > 0 ? (
                            <FiguresTable
                              caption={`Revision ${revision.revision}, ${periodLabel(period)}, as published`}
                              lines={revision.lines}
                              totals={revision.totals}
                            />
                          ) : (
                            <p className="text-sm text-muted">No government requests were reported in this revision.</p>
                          )}
                        </div>
                      </li>
                    ))}
                  </ol>
                </details>
              ) : null}
            </section>
          ))}
        </>
      )}

      <p className="mt-12 text-sm text-muted">
        Compare with other signatories on the{" "}
        <Link href={transparencyPath} className={linkClass}>
          registry&apos;s transparency page
        </Link>
        , or download everything as{" "}
        <a href={`${TRANSPARENCY_CSV_PATH}?signatory=${org.slug}`} className={linkClass}>
          CSV
        </a>
        .
      </p>
    </div>
  );
}
