import Link from "next/link";
import { getDb } from "@/db/client";
import { countConcernQueue } from "@/db/queries/concerns";
import { adminConcernsPath } from "@/lib/paths";

/** The way from the organisations' queue to the public concerns' queue, with what waits there. */
export async function ConcernQueueLink() {
  const { submitted, underReview } = await countConcernQueue(await getDb());
  return (
    <p className="mt-4 rounded-md border border-ink-200 px-4 py-3 dark:border-ink-800">
      <Link href={adminConcernsPath} className="link-accent">
        Public concerns
      </Link>
      : {submitted} waiting for a decision, {underReview} admitted and waiting for an outcome.
    </p>
  );
}
