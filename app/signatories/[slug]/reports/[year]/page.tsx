import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { CodeBlock } from "@/components/code-block";
import { CommitmentStatus } from "@/components/commitments/commitment-status";
import { CommitmentText } from "@/components/commitments/commitment-text";
import { StatusBadge } from "@/components/status-badge";
import { getDb } from "@/db/client";
import { getOrganisationBySlug } from "@/db/queries/organisations";
import { getCommitmentTitlesAt, getReport, getReportItems } from "@/db/queries/reports";
import { getReportCorrections } from "@/db/queries/report-revisions";
import { reportRevisions } from "@/lib/reports/corrections";
import { reportRevisionParamSchema } from "@/lib/validation/report-revision";
import { getCurrentSigningText } from "@/lib/accord/sign";
import { pageMetadata } from "@/lib/metadata";
import { directoryPath, ledgerEntryPath, profilePath, receiptPath, reportPath, reportRevisionPath } from "@/lib/paths";
import { formatDate } from "@/lib/format/date";
import { organisationSlugSchema } from "@/lib/validation/organisation";

type Props = { params: Promise<{ slug: string; year: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const paramsSchema = z.object({
  slug: organisationSlugSchema,
  year: z
    .string()
    .regex(/^\d{4}$/)
    .transform(Number)
    .pipe(z.number().int().min(2000).max(2200)),
});

/**
 * The public report, or null for a malformed address, an unknown organisation or year, or an
 * organisation that was never public (pending, rejected). Suspended and delisted ones stay
 * visible with their status: nothing is silently removed. Shared by metadata and page.
 */
const loadReport = cache(async (rawSlug: string, rawYear: string) => {
  const parsed = paramsSchema.safeParse({ slug: rawSlug, year: rawYear });
  if (!parsed.success) return null;
  const { slug, year } = parsed.data;
  const db = await getDb();
  const org = await getOrganisationBySlug(db, slug);
  if (!org || org.status === "pending" || org.status === "rejected") return null;
  const report = await getReport(db, org.id, year);
  if (!report) return null;
  const [items, current, corrections] = await Promise.all([getReportItems(db, report.id), getCurrentSigningText(db), getReportCorrections(db, report.id)]);
  // A commitment may be renamed after the report: show each title as it stood when the report was published.
  const titles = await getCommitmentTitlesAt(
    db,
    items.map(({ commitment }) => commitment.id),
    report.publishedAt,
  );
  const principles = new Map((current?.snapshot.principles ?? []).map((p) => [p.slug, `${p.number}. ${p.title}`]));
  const commitmentsById = new Map(items.map(({ commitment }) => [commitment.id, commitment]));
  // Only public fields leave this function: never who published or corrected it (a member's email is private).
  return {
    revisions: reportRevisions(report, items, corrections).map((r) => ({
      revision: r.revision,
      narrative: r.narrative,
      contentHash: r.contentHash,
      at: r.at,
      reason: r.reason,
      ledgerIndex: r.ledgerIndex,
      items: r.items.map((line) => {
        const commitment = commitmentsById.get(line.commitmentId);
        return {
          id: line.commitmentId,
          title: titles.get(line.commitmentId) ?? commitment?.title ?? "A commitment",
          principle: commitment ? (principles.get(commitment.principleSlug) ?? commitment.principleSlug) : "",
          status: line.status,
          note: line.note,
        };
      }),
    })),
    organisation: { slug: org.slug, name: org.displayName, status: org.status, statusReason: org.statusReason },
    report: {
      year: report.year,
      narrative: report.narrative,
      publishedAt: report.publishedAt,
      contentHash: report.contentHash,
      ledgerIndex: report.ledgerIndex,
    },
    items: items.map(({ item, commitment }) => ({
      id: commitment.id,
      title: titles.get(commitment.id) ?? commitment.title,
      principle: principles.get(commitment.principleSlug) ?? commitment.principleSlug,
      status: item.status,
      note: item.note,
    })),
  };
});

export async function generateMetadata({ params }: Props) {
  const { slug, year } = await params;
  const data = await loadReport(slug, year);
  if (!data) return { title: "Report not found", robots: { index: false } };
  const { organisation, report, items } = data;
  return pageMetadata({
    title: `${organisation.name} progress report ${report.year}`,
    description: `${organisation.name}'s ${report.year} progress report under the Tech Accord: what it did, and the status of ${items.length === 1 ? "its one commitment" : `its ${items.length} commitments`}, recorded in the public ledger.`,
    path: reportPath(organisation.slug, report.year),
  });
}

export default async function ReportPage({ params, searchParams }: Props) {
  const { slug, year } = await params;
  const data = await loadReport(slug, year);
  if (!data) notFound();
  const { organisation, revisions } = data;
  const asked = reportRevisionParamSchema.safeParse((await searchParams).revision);
  // The latest revision unless an earlier one is asked for; an unknown revision is not found.
  const latest = revisions.at(-1)!;
  const shown = asked.success && asked.data !== undefined ? revisions.find((r) => r.revision === asked.data) : asked.success ? latest : undefined;
  if (!shown) notFound();
  const report = { ...data.report, ...shown, publishedAt: data.report.publishedAt };
  const items = shown.items;
  const profile = profilePath(organisation.slug);
  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={directoryPath} className="hover:underline">
          Signatories
        </Link>{" "}
        /{" "}
        <Link href={profile} className="hover:underline">
          {organisation.name}
        </Link>{" "}
        / {report.year} report
      </nav>
      <h1 className="mt-3 font-serif text-4xl font-semibold tracking-tight break-words">
        {organisation.name} progress report {report.year}
      </h1>
      {organisation.status !== "verified" ? (
        <div className="mt-4 rounded-md border border-ink-300 px-4 py-3 dark:border-ink-700">
          <p className="flex flex-wrap items-center gap-2">
            <StatusBadge status={organisation.status} />
            <span>
              {organisation.name} is {organisation.status}
              {organisation.statusReason ? `: ${organisation.statusReason}` : "."}
            </span>
          </p>
        </div>
      ) : null}

      <dl className="mt-6 grid grid-cols-[minmax(7rem,auto)_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
        <dt className="text-muted">Organisation</dt>
        <dd>
          <Link href={profile} className="link-accent">
            {organisation.name}
          </Link>
        </dd>
        <dt className="text-muted">Year</dt>
        <dd>{report.year}</dd>
        <dt className="text-muted">Published</dt>
        <dd>
          <time dateTime={report.publishedAt.toISOString()}>{formatDate(report.publishedAt)}</time>
        </dd>
        {report.ledgerIndex !== null ? (
          <>
            <dt className="text-muted">Ledger entry</dt>
            <dd>
              <Link href={ledgerEntryPath(report.ledgerIndex)} className="text-accord-700 underline dark:text-accord-300">
                #{report.ledgerIndex}
              </Link>
              {" · "}
              <a href={receiptPath(report.ledgerIndex)} className="text-accord-700 underline dark:text-accord-300" download>
                receipt
              </a>
            </dd>
          </>
        ) : null}
      </dl>

      {shown.revision !== latest.revision ? (
        <p className="mt-6 rounded-md border-2 border-amber-400 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-50">
          You are reading revision {shown.revision} of {revisions.length}, as published on {formatDate(shown.at)}. It was later corrected.{" "}
          <Link href={reportPath(organisation.slug, report.year)} className="font-semibold underline">
            Read the report as it stands
          </Link>
        </p>
      ) : shown.reason ? (
        <p className="mt-6 rounded-md border border-ink-300 px-4 py-3 text-sm dark:border-ink-700">
          <strong>Corrected on {formatDate(shown.at)}</strong> (revision {shown.revision}): {shown.reason}
        </p>
      ) : null}

      <section aria-labelledby="narrative-heading" className="mt-10">
        <h2 id="narrative-heading" className="section-heading">
          Narrative
        </h2>
        <CommitmentText text={report.narrative} className="mt-3 space-y-4 leading-relaxed break-words" />
      </section>

      <section aria-labelledby="items-heading" className="mt-10">
        <h2 id="items-heading" className="section-heading">
          Commitments
        </h2>
        {items.length > 0 ? (
          <ul className="mt-4 divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
            {items.map((item) => (
              <li key={item.id} className="px-4 py-4">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <h3 className="font-semibold break-words">{item.title}</h3>
                    <p className="text-sm text-muted">Principle {item.principle}</p>
                  </div>
                  <CommitmentStatus status={item.status} />
                </div>
                {item.note ? <CommitmentText text={item.note} className="mt-2 space-y-2 text-sm break-words" /> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-muted">{organisation.name} had no registered commitments when it published this report.</p>
        )}
      </section>

      {revisions.length > 1 ? (
        <section aria-labelledby="history-heading" className="mt-10">
          <h2 id="history-heading" className="section-heading">
            History
          </h2>
          <p className="mt-2 text-sm text-muted">
            A published report is never edited: a correction is a new revision with its public reason, and every revision stays readable here.
          </p>
          <ol className="mt-4 divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
            {revisions.map((r) => (
              <li key={r.revision} className="px-4 py-3 text-sm">
                <p className="flex flex-wrap items-baseline gap-x-2">
                  {r.revision === shown.revision ? (
                    <span className="font-semibold" aria-current="page">
                      Revision {r.revision}
                    </span>
                  ) : (
                    <Link href={reportRevisionPath(organisation.slug, report.year, r.revision)} className="link-accent">
                      Revision {r.revision}
                    </Link>
                  )}
                  <span>
                    {r.revision === 1 ? "published" : "corrected"} <time dateTime={r.at.toISOString()}>{formatDate(r.at)}</time>
                  </span>
                  {r.ledgerIndex !== null ? (
                    <Link href={ledgerEntryPath(r.ledgerIndex)} className="text-accord-700 underline dark:text-accord-300">
                      ledger entry #{r.ledgerIndex}
                    </Link>
                  ) : null}
                </p>
                {r.reason ? <p className="mt-1 break-words">Reason: {r.reason}</p> : null}
                <p className="mt-1 font-mono text-xs break-all text-muted">SHA-256 {r.contentHash}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="verify-heading" className="mt-10">
        <h2 id="verify-heading" className="section-heading">
          Check it
        </h2>
        <p className="mt-2 text-sm text-muted">
          SHA-256 of the report&apos;s canonical JSON (year, narrative, and each commitment&apos;s id, status and note). The ledger entry records the same hash,
          so this report cannot change without the public log showing it.
        </p>
        <div className="mt-3">
          <CodeBlock label="Content hash">{report.contentHash}</CodeBlock>
        </div>
      </section>
    </div>
  );
}
