import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdmitConcernForm, DeclineConcernForm, ResolveConcernForm } from "./_components/concern-moderation-forms";
import { principleTitles } from "@/app/concerns/_components/principle-titles";
import { CommitmentText } from "@/components/commitments/commitment-text";
import { EvidenceLinks } from "@/components/commitments/evidence-links";
import { ConcernStatusBadge } from "@/components/concerns/concern-card";
import { getDb } from "@/db/client";
import { countConcernQueue, getConcernQueue } from "@/db/queries/concerns";
import { isModerator, requireUser } from "@/lib/auth/session";
import { formatTime } from "@/lib/format/date";
import { adminConcernsPath, adminPath, concernPath, profilePath } from "@/lib/paths";

export const metadata: Metadata = { title: "Concerns · Moderation", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const notices: Record<string, string> = {
  admitted: "The concern is public, the signatory's owners are told, and the admission is in the ledger.",
  declined: "The concern is declined; only the submitter sees your reason.",
  upheld: "The concern is upheld; the outcome is public and in the ledger.",
  not_upheld: "The concern is not upheld; the outcome is public and in the ledger.",
};

/**
 * The moderators' queue of public concerns: new ones to admit (with the public text) or decline
 * (with a private reason), then admitted ones to decide. Concerns about an organisation the
 * moderator belongs to, or that the moderator raised, are shown without forms: another decides.
 */
export default async function ConcernQueuePage({ searchParams }: Props) {
  const user = await requireUser(adminConcernsPath);
  if (!isModerator(user)) notFound();
  const { notice } = await searchParams;
  const db = await getDb();
  const [queue, counts, titleOf] = await Promise.all([getConcernQueue(db, user.id), countConcernQueue(db), principleTitles()]);
  const waiting = queue.filter((c) => c.status === "submitted");
  const open = queue.filter((c) => c.status === "under_review");
  const message = typeof notice === "string" ? notices[notice] : undefined;
  const section = (title: string, id: string, items: typeof queue, total: number, empty: string) => (
    <section aria-labelledby={id} className="mt-10">
      <h2 id={id} className="section-heading">
        {title} ({total})
      </h2>
      {total > items.length ? <p className="mt-2 text-sm text-muted">The oldest {items.length} are shown: decide them to see the rest.</p> : null}
      {items.length === 0 ? (
        <p className="mt-4 rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300">{empty}</p>
      ) : (
        <ul className="mt-4 space-y-4">
          {items.map((c) => (
            <li key={c.id} className="rounded-md border border-ink-200 p-5 dark:border-ink-800">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <h3 className="text-lg font-semibold break-words">
                  <Link href={profilePath(c.organisationSlug)} className="hover:underline">
                    {c.organisationName}
                  </Link>
                  : {titleOf(c.principleSlug)}
                </h3>
                <ConcernStatusBadge status={c.status} />
              </div>
              <p className="text-sm text-muted">
                Raised {formatTime(c.createdAt)}
                {c.admittedAt ? (
                  <>
                    {" · admitted "}
                    {formatTime(c.admittedAt)}
                    {" · "}
                    <Link href={concernPath(c.id)} className="underline">
                      public page
                    </Link>
                  </>
                ) : null}
                {c.response ? " · the signatory responded" : ""}
              </p>
              {c.status === "submitted" && c.statement === null ? (
                <p className="mt-3 text-sm text-muted">Its words stay private until another moderator admits it.</p>
              ) : (
                <>
                  <CommitmentText
                    text={c.status === "submitted" ? (c.statement ?? "") : (c.publicStatement ?? "")}
                    className="mt-3 space-y-2 text-sm break-words"
                  />
                  <div className="mt-2">
                    <EvidenceLinks links={c.status === "submitted" ? c.evidenceLinks : (c.publicEvidenceLinks ?? [])} />
                  </div>
                </>
              )}
              {c.viewerBelongs || c.submittedByViewer ? (
                <p className="mt-4 rounded-md bg-ink-100 px-4 py-3 text-sm dark:bg-ink-800">
                  {c.viewerBelongs
                    ? `You belong to ${c.organisationName}; another moderator must decide.`
                    : "You raised this concern; another moderator must decide it."}
                </p>
              ) : c.status === "submitted" ? (
                <div className="mt-4 grid gap-6 md:grid-cols-2">
                  <AdmitConcernForm concernId={c.id} statement={c.statement ?? ""} evidenceLinks={c.evidenceLinks} />
                  <DeclineConcernForm concernId={c.id} />
                </div>
              ) : (
                <div className="mt-4 max-w-xl">
                  <ResolveConcernForm concernId={c.id} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={adminPath} className="hover:underline">
          Moderation
        </Link>{" "}
        / Public concerns
      </nav>
      <h1 className="mt-4 font-serif text-4xl font-semibold tracking-tight">Public concerns</h1>
      <p className="mt-2 text-muted">
        Nothing a person raises is public until you admit it, and then only the text you approve. Admissions and outcomes are published in the ledger; the
        submitter is never named.
      </p>
      {message ? (
        <p role="status" className="mt-6 rounded-md bg-accord-50 px-4 py-3 font-medium text-accord-800 dark:bg-accord-800/40 dark:text-accord-100">
          {message}
        </p>
      ) : null}
      {section("Waiting for a decision", "waiting-heading", waiting, counts.submitted, "No concern is waiting.")}
      {section("Admitted, waiting for an outcome", "open-heading", open, counts.underReview, "No admitted concern is open.")}
    </div>
  );
}
