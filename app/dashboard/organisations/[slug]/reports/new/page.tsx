import Link from "next/link";
import { notFound } from "next/navigation";
import { statusOptions } from "@/components/commitments/format";
import { ReportForm } from "./_components/report-form";
import { getDb } from "@/db/client";
import { getCommitmentsForOrganisation } from "@/db/queries/commitments";
import { getMembership, getOrganisationBySlug } from "@/db/queries/organisations";
import { getReportsForOrganisation } from "@/db/queries/reports";
import { getActiveSignatures } from "@/db/queries/signatures";
import { getCurrentSigningText } from "@/lib/accord/sign";
import { requireUser } from "@/lib/auth/session";
import { can, refusalMessage } from "@/lib/permissions";
import { dashboardPath, newReportPath, organisationDashboardPath } from "@/lib/paths";
import { organisationSlugSchema } from "@/lib/validation/organisation";

export const metadata = { title: "Publish a progress report · Dashboard", robots: { index: false } };

export default async function NewReportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!organisationSlugSchema.safeParse(slug).success) notFound();
  const user = await requireUser(newReportPath(slug));
  const db = await getDb();
  const org = await getOrganisationBySlug(db, slug);
  if (!org) notFound();
  const membership = await getMembership(db, org.id, user.id);
  if (!membership) notFound();
  const [signatures, commitments, reports, current] = await Promise.all([
    getActiveSignatures(db, org.id),
    getCommitmentsForOrganisation(db, org.id),
    getReportsForOrganisation(db, org.id),
    getCurrentSigningText(db),
  ]);
  const principleTitle = new Map((current?.snapshot.principles ?? []).map((p) => [p.slug, `Principle ${p.number}. ${p.title}`]));
  const dashboard = organisationDashboardPath(org.slug);
  // The data layer refuses the same cases; saying so here spares a form that can only fail.
  const refusal = !can("publishReport", { organisationRole: membership.role, siteRole: user.siteRole })
    ? refusalMessage("publishReport", "role", org.displayName)
    : org.status !== "verified"
      ? `${org.displayName} is ${org.status}, so it cannot publish a report.`
      : signatures.length === 0
        ? `${org.displayName} has not signed the accord (or withdrew), so it has nothing to report on. Reports are for signatories.`
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
        / Progress report
      </nav>
      <h1 className="mt-3 font-serif text-4xl font-semibold tracking-tight">Publish a progress report</h1>
      {refusal ? (
        <p className="mt-6 rounded-md border border-ink-300 px-4 py-3 dark:border-ink-700">
          {refusal}{" "}
          <Link href={dashboard} className="font-semibold underline">
            Back to the dashboard
          </Link>
        </p>
      ) : (
        <>
          <p className="mt-3 text-ink-600 dark:text-ink-300">
            Once published, the report is public at /signatories/{org.slug}/reports/&lt;year&gt;, its SHA-256 is recorded in the ledger, and it cannot be
            edited. One report per year.
          </p>
          {reports.length > 0 ? (
            <p className="mt-2 text-sm text-ink-600 dark:text-ink-300">Already published: {reports.map((r) => r.year).join(", ")}.</p>
          ) : null}
          {commitments.length === 0 ? (
            <p className="mt-4 rounded-md border border-dashed border-ink-300 p-4 text-sm dark:border-ink-700">
              {org.displayName} has no commitments yet, so this report will be the narrative alone.{" "}
              <Link href={dashboard} className="font-semibold underline">
                Add commitments first
              </Link>{" "}
              if you want to report on them.
            </p>
          ) : null}
          <div className="mt-8">
            <ReportForm
              organisationId={org.id}
              defaultYear={new Date().getUTCFullYear()}
              commitments={commitments.map((c) => ({
                id: c.id,
                title: c.title,
                principle: principleTitle.get(c.principleSlug) ?? c.principleSlug,
                status: c.status,
              }))}
              statuses={statusOptions}
            />
          </div>
        </>
      )}
    </div>
  );
}
