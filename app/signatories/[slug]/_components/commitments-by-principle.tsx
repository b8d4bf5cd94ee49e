import Link from "next/link";
import { CommitmentStatus } from "@/components/commitments/commitment-status";
import { CommitmentText } from "@/components/commitments/commitment-text";
import { EvidenceLinks } from "@/components/commitments/evidence-links";
import type { PublicPrincipleGroup } from "@/db/queries/profiles";
import { formatDate } from "@/lib/format/date";
import { principlePath } from "@/lib/paths";
import { formatCalendarDay } from "@/lib/format/date";

/** An organisation's commitments under each principle of the accord, with status and evidence. */
export function CommitmentsByPrinciple({ groups }: { groups: PublicPrincipleGroup[] }) {
  return (
    <div className="space-y-8">
      {groups.map(({ principle, commitments }) => (
        <section key={principle.slug} aria-labelledby={`principle-${principle.slug}`}>
          <h3 id={`principle-${principle.slug}`} className="font-serif text-xl font-semibold">
            {principle.number !== null ? (
              <Link href={principlePath(principle.slug)} className="hover:underline">
                {principle.number}. {principle.title}
              </Link>
            ) : (
              <>Principle “{principle.title}” (no longer in the current accord)</>
            )}
          </h3>
          <ul className="mt-3 space-y-3">
            {commitments.map((c) => (
              <li key={c.id} id={`commitment-${c.id}`} className="rounded-md border border-ink-200 p-4 dark:border-ink-800">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <h4 className="min-w-0 font-semibold break-words">{c.title}</h4>
                  <CommitmentStatus status={c.status} />
                </div>
                <p className="mt-1 text-sm text-muted">
                  {c.targetDate ? <>Target {formatCalendarDay(c.targetDate)} · </> : null}
                  {c.revision > 1 ? (
                    <>
                      Revision {c.revision}, updated <time dateTime={c.updatedAt}>{formatDate(c.updatedAt)}</time>
                    </>
                  ) : (
                    <>
                      Registered <time dateTime={c.createdAt}>{formatDate(c.createdAt)}</time>
                    </>
                  )}
                </p>
                <CommitmentText text={c.description} className="mt-3 space-y-3 break-words" />
                {c.evidenceLinks.length > 0 ? (
                  <div className="mt-3">
                    <EvidenceLinks links={c.evidenceLinks} />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
