import Link from "next/link";
import { notFound } from "next/navigation";
import { statusOptions } from "@/components/commitments/format";
import { ReportForm } from "./_components/report-form";
import { getDb } from "@/db/client";
import { getCommitmentsForOrganisation } from "@/db/queries/commitments";
import { getMembership, getOrganisationBySlug } from "@/db/queries/organisations";
import { getReportsForOrganisation } from "@/db/queries/reports";
import { getReportDrafts } from "@/db/queries/report-revisions";
import { getActiveSignatures } from "@/db/queries/signatures";
import { getCurrentSigningText } from "@/lib/accord/sign";
import { requireUser } from "@/lib/auth/session";
import { can, refusalMessage } from "@/lib/permissions";
import { dashboardPath, newReportPath, organisationDashboardPath } from "@/lib/paths";
import { organisationSlugSchema } from "@/lib/validation/organisation";
import { reportYearSchema } from "@/lib/validation/report-revision";

export const metadata = { title: "Progress report · Dashboard", robots: { index: false } };

export default async function NewReportPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const askedYear = reportYearSchema.safeParse((await searchParams).year);
  if (!organisationSlugSchema.safeParse(slug).success) notFound();
  const user = await requireUser(newReportPath(slug));
  const db = await getDb();
  const org = await getOrganisationBySlug(db, slug);
  if (!org) notFound();
  const membership = await getMembership(db, org.id, user.id);
  if (!membership) notFound();
  const [signatures, commitments, reports, current, drafts] = await Promise.all([
    getActiveSignatures(db, org.id),
    getCommitmentsForOrganisation(db, org.id),
    getReportsForOrganisation(db, org.id),
    getCurrentSigningText(db),
    getReportDrafts(db, org.id),
  ]);
  // The year asked for (a link from the dashboard), otherwise the latest draft, otherwise this year.
  const openDrafts = drafts.filter((d) => !reports.some((r) => r.year === d.year));
  const draft = askedYear.success ? (openDrafts.find((d) => d.year === askedYear.data) ?? null) : (openDrafts[0] ?? null);
  const year = askedYear.success ? askedYear.data : (draft?.year ?? new Date().getUTCFullYear());
  const actor = { organisationRole: membership.role, siteRole: user.siteRole };
  const canPublish = can("publishReport", actor);
  const principleTitle = new Map((current?.snapshot.principles ?? []).map((p) => [p.slug, `Principle ${p.number}. ${p.title}`]));
  const dashboard = organisationDashboardPath(org.slug);
  // The data layer refuses the same cases; saying so here spares a form that can only fail.
  const refusal = !can("draftReport", actor)
    ? refusalMessage("draftReport", "role", org.displayName)
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
      <h1 className="mt-3 font-serif text-4xl font-semibold tracking-tight">Progress report</h1>
      {refusal ? (
        <p className="mt-6 rounded-md border border-ink-300 px-4 py-3 dark:border-ink-700">
          {refusal}{" "}
          <Link href={dashboard} className="font-semibold underline">
            Back to the dashboard
          </Link>
        </p>
      ) : (
        <>
          <p className="mt-3 text-muted">
            Members write the report here; it is saved as a private draft as you type. Once an owner publishes it, it is public at /signatories/
            {org.slug}/reports/&lt;year&gt; and its SHA-256 is recorded in the ledger. One report per year; a published report is never edited, but an owner can
            publish a correction with a public reason.
          </p>
          {reports.length > 0 ? <p className="mt-2 text-sm text-muted">Already published: {reports.map((r) => r.year).join(", ")}.</p> : null}
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
              defaultYear={year}
              canPublish={canPublish}
              draft={
                draft && { year: draft.year, narrative: draft.narrative, items: draft.items, revision: draft.revision, savedAt: draft.updatedAt.toISOString() }
              }
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
