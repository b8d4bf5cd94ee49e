import Link from "next/link";
import { getDb } from "@/db/client";
import { getReportsForOrganisation } from "@/db/queries/reports";
import { getReportDrafts, getReportRevisionCounts } from "@/db/queries/report-revisions";
import { getActiveSignatures } from "@/db/queries/signatures";
import type { Organisation } from "@/db/schema";
import { OVERDUE_GRACE_DAYS, reportDueFor } from "@/lib/reports/due";
import { correctReportPath, ledgerEntryPath, newReportPath, reportDraftPath, reportPath, signPath } from "@/lib/paths";
import { formatDate, formatTime } from "@/lib/format/date";

const DAY = 24 * 60 * 60 * 1000;

function DateText({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatDate(date)}</time>;
}

/**
 * When the organisation's next yearly report is due, whether it is late, the reports it has
 * published and the way to publish the next. A year after signing, then a year after the last
 * report; 90 days later the public profile says "report overdue".
 */
export async function ReportsPanel({ organisation: org, canPublish, canDraft }: { organisation: Organisation; canPublish: boolean; canDraft: boolean }) {
  if (org.status === "pending" || org.status === "rejected") return null;
  const db = await getDb();
  const [signatures, reports, drafts, revisionCounts] = await Promise.all([
    getActiveSignatures(db, org.id),
    getReportsForOrganisation(db, org.id),
    // Drafts are private to members: a moderator reading the dashboard does not see them.
    canDraft ? getReportDrafts(db, org.id) : [],
    getReportRevisionCounts(db, org.id),
  ]);
  const now = new Date();
  const due = reportDueFor(
    signatures.map((s) => s.signedAt),
    reports.map((r) => r.publishedAt),
    now,
  );
  const mayPublish = canPublish && org.status === "verified" && signatures.length > 0;
  const mayDraft = canDraft && org.status === "verified" && signatures.length > 0;
  // A draft whose year was published meanwhile (a last save racing the publication) is of no use.
  const openDrafts = drafts.filter((d) => !reports.some((r) => r.year === d.year));

  return (
    <section aria-labelledby="reports-heading" className="mt-10">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h2 id="reports-heading" className="section-heading">
          Progress reports
        </h2>
        {mayDraft ? (
          <Link href={newReportPath(org.slug)} className="rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800">
            {mayPublish ? "Write or publish a progress report" : "Draft a progress report"}
          </Link>
        ) : null}
      </div>
      <p className="mt-2 text-muted">
        Once a year a signatory publishes a report: a narrative and the status of each commitment. It is public and recorded in the ledger.
      </p>

      {!due ? (
        <p className="mt-4 rounded-md border border-dashed border-ink-300 p-4 text-ink-600 dark:border-ink-700 dark:text-ink-300">
          {org.displayName} has no standing signature, so no report is due.
          {org.status === "verified" ? (
            <>
              {" "}
              Reports fall due a year after{" "}
              <Link href={signPath} className="font-semibold underline">
                signing the accord
              </Link>
              .
            </>
          ) : null}
        </p>
      ) : due.overdue ? (
        <div className="mt-4 rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100">
          <p className="font-semibold">Report overdue</p>
          <p className="mt-1 text-sm">
            The report was due on <DateText date={due.dueAt} />, {due.daysLate} days ago. Your public profile says “report overdue” until you publish one.
          </p>
        </div>
      ) : now >= due.dueAt ? (
        <div className="mt-4 rounded-md border border-amber-400 bg-amber-50 px-4 py-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
          <p className="font-semibold">Report due now</p>
          <p className="mt-1 text-sm">
            It was due on <DateText date={due.dueAt} />. If none is published by <DateText date={new Date(due.dueAt.getTime() + OVERDUE_GRACE_DAYS * DAY)} />,
            your public profile will say “report overdue”.
          </p>
        </div>
      ) : (
        <p className="mt-4">
          Next report due on{" "}
          <strong>
            <DateText date={due.dueAt} />
          </strong>
          .
        </p>
      )}

      {openDrafts.length > 0 ? (
        <ul aria-label="Drafts" className="mt-4 space-y-2">
          {openDrafts.map((d) => (
            <li
              key={d.id}
              className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-dashed border-ink-400 px-4 py-3 dark:border-ink-600"
            >
              <p>
                <span className="font-semibold">Draft of the {d.year} report</span>{" "}
                <span className="text-sm text-muted">
                  · private · saved <time dateTime={d.updatedAt.toISOString()}>{formatTime(d.updatedAt)}</time>
                </span>
              </p>
              <Link href={reportDraftPath(org.slug, d.year)} className="text-sm link-accent">
                {mayPublish ? "Continue or publish" : "Continue"}
                <span className="sr-only"> the {d.year} draft</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}

      {reports.length > 0 ? (
        <ul className="mt-4 divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
          {reports.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div>
                <Link href={reportPath(org.slug, r.year)} className="font-semibold hover:underline">
                  {r.year} progress report
                </Link>
                <p className="text-sm text-muted">
                  Published <DateText date={r.publishedAt} />
                  {(revisionCounts.get(r.id) ?? 1) > 1 ? ` · corrected (revision ${revisionCounts.get(r.id)})` : ""}
                </p>
              </div>
              {mayPublish ? (
                <Link href={correctReportPath(org.slug, r.year)} className="text-sm font-medium text-accord-700 underline dark:text-accord-300">
                  Correct<span className="sr-only"> the {r.year} report</span>
                </Link>
              ) : null}
              {r.ledgerIndex !== null ? (
                <Link href={ledgerEntryPath(r.ledgerIndex)} className="text-sm text-accord-700 underline dark:text-accord-300">
                  Ledger entry #{r.ledgerIndex}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      ) : due ? (
        <p className="mt-4 text-sm text-muted">No report published yet.</p>
      ) : null}

      {canPublish && signatures.length > 0 && org.status !== "verified" ? (
        <p className="mt-4 text-sm text-muted">
          {org.displayName} is {org.status}, so it cannot publish reports until it is reinstated.
        </p>
      ) : null}
    </section>
  );
}
