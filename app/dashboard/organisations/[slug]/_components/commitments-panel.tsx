import Link from "next/link";
import { CommitmentStatus } from "@/components/commitments/commitment-status";
import { CommitmentText } from "@/components/commitments/commitment-text";
import { EvidenceLinks } from "@/components/commitments/evidence-links";
import { NewCommitmentForm } from "@/components/commitments/commitment-form";
import { statusOptions } from "@/components/commitments/format";
import { getDb } from "@/db/client";
import { getCommitmentsForOrganisation } from "@/db/queries/commitments";
import type { Commitment, Organisation } from "@/db/schema";
import { getCurrentSigningText } from "@/lib/accord/sign";
import { groupByPrinciple } from "@/lib/commitments/group";
import { organisationDashboardPath } from "@/lib/paths";
import { formatCalendarDay } from "@/lib/format/date";

function Heading() {
  return (
    <h2 id="commitments-heading" className="section-heading">
      Commitments
    </h2>
  );
}

function CommitmentCard({ commitment, editHref, editable }: { commitment: Commitment; editHref: string | null; editable: boolean }) {
  return (
    <li className="px-4 py-4">
      <article aria-labelledby={`commitment-${commitment.id}`}>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h4 id={`commitment-${commitment.id}`} className="min-w-0 font-semibold break-words">
            {commitment.title}
          </h4>
          <CommitmentStatus status={commitment.status} />
        </div>
        <p className="mt-1 text-sm text-muted">
          {commitment.targetDate ? (
            <>
              Target <time dateTime={commitment.targetDate}>{formatCalendarDay(commitment.targetDate)}</time> ·{" "}
            </>
          ) : (
            "No target date · "
          )}
          Revision {commitment.revision}
        </p>
        <CommitmentText text={commitment.description} className="mt-2 space-y-2 text-sm break-words" />
        <div className="mt-2">
          <EvidenceLinks links={commitment.evidenceLinks} />
        </div>
        {editHref ? (
          <p className="mt-3 text-sm">
            <Link href={editHref} className="link-accent">
              {editable ? (
                <>
                  Edit<span className="sr-only"> “{commitment.title}”</span> and see its history
                </>
              ) : (
                <>
                  Revision history<span className="sr-only"> of “{commitment.title}”</span>
                </>
              )}
            </Link>
          </p>
        ) : null}
      </article>
    </li>
  );
}

/**
 * The organisation's commitments on its dashboard, grouped under the principles of the current
 * accord version, with the form to add one. Members edit; anyone else allowed on the page (a
 * moderator) only reads. The data layer checks the same rules again on every write.
 */
export async function CommitmentsPanel({ organisation: org, canEdit }: { organisation: Organisation; canEdit: boolean }) {
  if (org.status === "pending" || org.status === "rejected") {
    return (
      <section aria-labelledby="commitments-heading" className="mt-10">
        <Heading />
        <p className="mt-2 text-muted">
          {org.status === "pending"
            ? `Commitments open once ${org.displayName} is verified: prove that you control ${org.primaryDomain} above. Then, under each principle of the accord, you can say what your organisation will do, by when, and where anyone can check it.`
            : `${org.displayName} was not accepted, so it cannot register commitments.`}
        </p>
      </section>
    );
  }
  const db = await getDb();
  const [current, commitments] = await Promise.all([getCurrentSigningText(db), getCommitmentsForOrganisation(db, org.id)]);
  const principles = current?.snapshot.principles ?? [];
  const editable = canEdit && org.status === "verified";
  const base = organisationDashboardPath(org.slug);
  const byPrinciple = groupByPrinciple(commitments, principles);
  const groups = byPrinciple
    .filter((g) => g.principle.number !== null)
    .map((g) => ({ key: g.principle.slug, title: `${g.principle.number}. ${g.principle.title}`, items: g.commitments }));
  // A principle a later version dropped keeps its commitments visible rather than hiding them: here
  // under one heading, in the order they were listed.
  const dropped = new Set(byPrinciple.filter((g) => g.principle.number === null).flatMap((g) => g.commitments));
  const orphans = commitments.filter((c) => dropped.has(c));
  if (orphans.length > 0) groups.push({ key: "other", title: "Principles no longer in the current version", items: orphans });

  return (
    <section aria-labelledby="commitments-heading" className="mt-10">
      <Heading />
      <p className="mt-2 text-muted">
        What {org.displayName} will do under each principle. Commitments are public on your profile; every change keeps the previous revision and is recorded in
        the ledger.
      </p>
      {org.status !== "verified" ? (
        <p className="mt-4 rounded-md border border-ink-300 px-4 py-3 text-sm dark:border-ink-700">
          {org.displayName} is {org.status}, so its commitments cannot be added to or edited. They stay public as they are.
        </p>
      ) : null}

      {groups.length > 0 ? (
        <div className="mt-6 space-y-8">
          {groups.map((group) => (
            <section key={group.key} aria-labelledby={`principle-${group.key}`}>
              <h3 id={`principle-${group.key}`} className="font-serif text-lg font-semibold">
                {group.title}
              </h3>
              <ul className="mt-3 divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
                {group.items.map((c) => (
                  <CommitmentCard key={c.id} commitment={c} editHref={canEdit ? `${base}/commitments/${c.id}` : null} editable={editable} />
                ))}
              </ul>
            </section>
          ))}
        </div>
      ) : (
        <div className="mt-4 rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300">
          <p className="font-medium text-ink-800 dark:text-ink-100">No commitments yet.</p>
          <p className="mt-2">
            A commitment is a concrete step under one principle of the accord: what you will do, its status (planned, in progress, achieved or discontinued), an
            optional target date and up to five links where anyone can check the evidence. Signing says what you believe; commitments show what you do about it.
          </p>
        </div>
      )}

      {editable ? (
        <div className="mt-8 rounded-md border border-ink-200 p-5 dark:border-ink-800">
          <h3 className="font-serif text-lg font-semibold">Add a commitment</h3>
          <div className="mt-4">
            <NewCommitmentForm
              organisationId={org.id}
              principles={principles.map((p) => ({ value: p.slug, label: `${p.number}. ${p.title}` }))}
              statuses={statusOptions}
            />
          </div>
        </div>
      ) : null}
    </section>
  );
}
