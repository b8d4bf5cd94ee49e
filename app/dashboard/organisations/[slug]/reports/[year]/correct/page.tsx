import Link from "next/link";
import { notFound } from "next/navigation";
import { statusOptions } from "@/components/commitments/format";
import { CorrectionForm } from "./_components/correction-form";
import { getDb } from "@/db/client";
import { getMembership, getOrganisationBySlug } from "@/db/queries/organisations";
import { getCommitmentTitlesAt, getReport, getReportItems } from "@/db/queries/reports";
import { getReportCorrections } from "@/db/queries/report-revisions";
import { getCurrentSigningText } from "@/lib/accord/sign";
import { requireUser } from "@/lib/auth/session";
import { can, refusalMessage } from "@/lib/permissions";
import { reportRevisions } from "@/lib/reports/corrections";
import { correctReportPath, dashboardPath, organisationDashboardPath, reportPath } from "@/lib/paths";
import { formatDate } from "@/lib/format/date";
import { organisationSlugSchema } from "@/lib/validation/organisation";
import { reportYearSchema } from "@/lib/validation/report-revision";

export const metadata = { title: "Correct a progress report · Dashboard", robots: { index: false } };

export default async function CorrectReportPage({ params }: { params: Promise<{ slug: string; year: string }> }) {
  const { slug, year: rawYear } = await params;
  const year = reportYearSchema.safeParse(rawYear);
  if (!organisationSlugSchema.safeParse(slug).success || !year.success || !/^\d{4}$/.test(rawYear)) notFound();
  const user = await requireUser(correctReportPath(slug, rawYear));
  const db = await getDb();
  const org = await getOrganisationBySlug(db, slug);
  if (!org) notFound();
  const membership = await getMembership(db, org.id, user.id);
  if (!membership) notFound();
  const report = await getReport(db, org.id, year.data);
  if (!report) notFound();
  const [items, corrections, current] = await Promise.all([getReportItems(db, report.id), getReportCorrections(db, report.id), getCurrentSigningText(db)]);
  const revisions = reportRevisions(report, items, corrections);
  const latest = revisions.at(-1)!;
  const titles = await getCommitmentTitlesAt(
    db,
    items.map(({ commitment }) => commitment.id),
    report.publishedAt,
  );
  const principles = new Map((current?.snapshot.principles ?? []).map((p) => [p.slug, `Principle ${p.number}. ${p.title}`]));
  const byId = new Map(items.map(({ commitment }) => [commitment.id, commitment]));
  const dashboard = organisationDashboardPath(org.slug);
  const refusal = !can("correctReport", { organisationRole: membership.role, siteRole: user.siteRole })
    ? refusalMessage("correctReport", "role", org.displayName)
    : org.status !== "verified"
      ? `${org.displayName} is ${org.status}, so it cannot correct a report.`
      : null;

  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={dashboardPath} className="hover:underline">
          Dashboard
        </Link>{" "}
        /{" "}
        <Link href={dashboard} className="hover:underline">
          {org.displayName}
        </Link>{" "}
        / Correct the {report.year} report
      </nav>
      <h1 className="mt-3 font-serif text-4xl font-semibold tracking-tight">Correct the {report.year} progress report</h1>
      <p className="mt-3 text-muted">
        A correction is published as revision {revisions.length + 1} with its reason and recorded in the ledger with its SHA-256. The{" "}
        <Link href={reportPath(org.slug, report.year)} className="font-semibold underline">
          report as published
        </Link>{" "}
        (revision {latest.revision}, {formatDate(latest.at)}) and every earlier revision stay public beside it.
      </p>
      {refusal ? (
        <p className="mt-6 rounded-md border border-ink-300 px-4 py-3 dark:border-ink-700">
          {refusal}{" "}
          <Link href={dashboard} className="font-semibold underline">
            Back to the dashboard
          </Link>
        </p>
      ) : (
        <div className="mt-8">
          <CorrectionForm
            organisationId={org.id}
            year={report.year}
            narrative={latest.narrative}
            statuses={statusOptions}
            lines={latest.items.map((line) => {
              const commitment = byId.get(line.commitmentId);
              return {
                commitmentId: line.commitmentId,
                title: titles.get(line.commitmentId) ?? commitment?.title ?? "A commitment",
                principle: commitment ? (principles.get(commitment.principleSlug) ?? commitment.principleSlug) : "",
                status: line.status,
                note: line.note,
              };
            })}
          />
        </div>
      )}
    </div>
  );
}
