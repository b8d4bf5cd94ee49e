import type { Metadata } from "next";
import Link from "next/link";
import { WithdrawConcernForm } from "./_components/concern-forms";
import { principleTitles } from "@/app/concerns/_components/principle-titles";
import { ConcernStatusBadge } from "@/components/concerns/concern-card";
import { CommitmentText } from "@/components/commitments/commitment-text";
import { getDb } from "@/db/client";
import { getConcernsOfSubmitter } from "@/db/queries/concerns";
import { requireUser } from "@/lib/auth/session";
import { formatDate } from "@/lib/format/date";
import { concernPath, concernsPath, directoryPath, myConcernsPath, profilePath } from "@/lib/paths";

export const metadata: Metadata = { title: "Concerns you raised", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const notices = {
  submitted: "Thank you. Your concern is with the moderators; nothing about it is public until one of them admits it.",
  withdrawn: "The concern is withdrawn.",
} as const;

/** The submitter's own concerns, private: where each stands, a declined one's reason, and withdrawal while it is open. */
export default async function MyConcernsPage({ searchParams }: Props) {
  const user = await requireUser(myConcernsPath);
  const { notice } = await searchParams;
  const [rows, titleOf] = await Promise.all([getConcernsOfSubmitter(await getDb(), user.id), principleTitles()]);
  const message = typeof notice === "string" && notice in notices ? notices[notice as keyof typeof notices] : null;
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={concernsPath} className="hover:underline">
          Public concerns
        </Link>{" "}
        / Yours
      </nav>
      <h1 className="mt-4 font-serif text-4xl font-semibold tracking-tight">Concerns you raised</h1>
      <p className="mt-3 text-ink-700 dark:text-ink-200">Only you see this page. Neither the public nor the signatory is told who raised a concern.</p>
      {message ? (
        <p role="status" className="mt-6 rounded-md bg-accord-50 px-4 py-3 font-medium text-accord-800 dark:bg-accord-800/40 dark:text-accord-100">
          {message}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="mt-8 rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300">
          You have not raised a concern. To raise one, find the signatory in the{" "}
          <Link href={directoryPath} className="underline">
            directory
          </Link>{" "}
          and choose &ldquo;Raise a concern&rdquo; on its profile.
        </p>
      ) : (
        <ul className="mt-8 space-y-4">
          {rows.map((c) => (
            <li key={c.id} className="rounded-md border border-ink-200 p-5 dark:border-ink-800">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <h2 className="text-lg font-semibold break-words">
                  <Link href={profilePath(c.organisationSlug)} className="hover:underline">
                    {c.organisationName}
                  </Link>
                  : {titleOf(c.principleSlug)}
                </h2>
                <ConcernStatusBadge status={c.status} />
              </div>
              <p className="mt-1 text-sm text-muted">
                Raised <time dateTime={c.createdAt.toISOString()}>{formatDate(c.createdAt)}</time>
                {c.admittedAt ? (
                  <>
                    {" · "}
                    <Link href={concernPath(c.id)} className="underline">
                      public page
                    </Link>
                  </>
                ) : null}
              </p>
              <details className="mt-3">
                <summary className="cursor-pointer text-sm font-medium">What you wrote</summary>
                <CommitmentText text={c.statement} className="mt-2 space-y-2 text-sm break-words" />
              </details>
              {c.status === "declined" && c.declineReason ? (
                <p className="mt-3 text-sm break-words">
                  <strong>Declined by a moderator:</strong> {c.declineReason}
                </p>
              ) : null}
              {c.status === "submitted" || c.status === "under_review" ? (
                <div className="mt-4">
                  <p className="mb-2 text-sm text-muted">
                    {c.status === "submitted"
                      ? "Withdrawing it now closes it privately."
                      : "It is public: withdrawing it keeps it public, marked withdrawn by the person who raised it, and records that in the ledger."}
                  </p>
                  <WithdrawConcernForm concernId={c.id} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
