import { ConcernCard } from "@/components/concerns/concern-card";
import { principleTitles } from "@/app/concerns/_components/principle-titles";
import { getDb } from "@/db/client";
import { getAdmittedConcernsForOrganisation } from "@/db/queries/concerns";
import type { Organisation } from "@/db/schema";
import { ConcernResponseForm } from "./concern-response-form";

/**
 * Admitted public concerns about the organisation, for its members; owners may publish one
 * response to each (the data layer checks that again). Shown only when there is at least one.
 */
export async function ConcernsPanel({ organisation, canRespond }: { organisation: Pick<Organisation, "id" | "displayName">; canRespond: boolean }) {
  const [concerns, titleOf] = await Promise.all([getAdmittedConcernsForOrganisation(await getDb(), organisation.id), principleTitles()]);
  if (concerns.length === 0) return null;
  return (
    <section aria-labelledby="concerns-heading" className="mt-10">
      <h2 id="concerns-heading" className="section-heading">
        Public concerns
      </h2>
      <p className="mt-2 text-muted">
        A moderator admitted these concerns about {organisation.displayName}; they are public on its profile. {canRespond ? "As an owner you" : "An owner"} may
        publish one response to each.
      </p>
      <ul className="mt-4 space-y-4">
        {concerns.map((concern) => (
          <li key={concern.id}>
            <ConcernCard concern={concern} principleTitle={titleOf(concern.principleSlug)} showOrganisation={false} full />
            {canRespond && !concern.response && concern.status !== "withdrawn" ? (
              <div className="mt-3 rounded-md border border-ink-200 p-4 dark:border-ink-800">
                <ConcernResponseForm concernId={concern.id} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
