import Link from "next/link";
import { principleTitles } from "@/app/concerns/_components/principle-titles";
import { ConcernCard } from "@/components/concerns/concern-card";
import { cachedPublicConcerns } from "@/db/queries/concerns";
import { concernsPath, newConcernForPath } from "@/lib/paths";

const SHOWN = 10;

/**
 * Admitted public concerns about the organisation, newest first, from the data cache (tag
 * `signatories`, purged by every admission, response and outcome), so the profile stays static.
 */
export async function ProfileConcerns({ slug, name, canBeRaised }: { slug: string; name: string; canBeRaised: boolean }) {
  const [{ rows, total }, titleOf] = await Promise.all([cachedPublicConcerns({ organisationSlug: slug, limit: SHOWN, offset: 0 }), principleTitles()]);
  return (
    <section aria-labelledby="concerns-heading" className="mt-10">
      <h2 id="concerns-heading" className="section-heading">
        Public concerns
      </h2>
      {rows.length > 0 ? (
        <>
          <p className="mt-2 text-sm text-muted">
            {total === 1 ? "One concern" : `${total} concerns`} admitted by a moderator. A concern is not a finding until it is marked upheld; {name} may
            respond to each.
          </p>
          <ul className="mt-4 space-y-4">
            {rows.map((concern) => (
              <li key={concern.id}>
                <ConcernCard concern={concern} principleTitle={titleOf(concern.principleSlug)} showOrganisation={false} />
              </li>
            ))}
          </ul>
          {total > rows.length ? (
            <p className="mt-3 text-sm">
              The {SHOWN} newest are shown;{" "}
              <Link href={concernsPath} className="underline">
                see all public concerns
              </Link>
              .
            </p>
          ) : null}
        </>
      ) : (
        <p className="mt-2 text-muted">No public concern about {name}.</p>
      )}
      {canBeRaised ? (
        <p className="mt-3 text-sm">
          {/* Into the signed-in area: a whole page load, so its strict policy is the one in force (docs/security.md). */}
          <a href={newConcernForPath(slug)} className="link-accent">
            Raise a concern about {name}
          </a>{" "}
          (a moderator reads it first; you are never named).
        </p>
      ) : null}
    </section>
  );
}
