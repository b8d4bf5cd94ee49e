import Link from "next/link";
import type { StudioEditorView } from "@/lib/studio/view";
import { formatStudioTime, studioLinkClass } from "./format";
import { versionPath } from "@/lib/paths";

/** Published revisions (with the accord version each made) and the studio's audit trail for one document. */
export function DocumentHistory({ view }: { view: StudioEditorView }) {
  return (
    <div className="mt-12 grid grid-cols-1 gap-10 border-t border-ink-200 pt-8 lg:grid-cols-2 dark:border-ink-800">
      <section aria-labelledby="revisions-heading" className="min-w-0">
        <h2 id="revisions-heading" className="section-heading">
          Published revisions
        </h2>
        {view.revisions.length === 0 ? (
          <p className="mt-3 text-muted">Never published.</p>
        ) : (
          <ol className="mt-4 space-y-4">
            {view.revisions.map((r) => (
              <li key={r.revision} className="break-words">
                <p className="font-semibold">
                  Revision {r.revision}
                  {r.removal ? " (removed from the accord)" : ""}
                  {r.accordVersion ? (
                    <>
                      {" · "}
                      <Link href={versionPath(r.accordVersion)} className={studioLinkClass}>
                        accord version {r.accordVersion}
                      </Link>
                    </>
                  ) : null}
                </p>
                <p className="text-sm text-muted">
                  <time dateTime={r.at}>{formatStudioTime(r.at)}</time>, by {r.by}
                </p>
                <p className="mt-1">{r.changelog}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="events-heading" className="min-w-0">
        <h2 id="events-heading" className="section-heading">
          Studio activity
        </h2>
        {view.events.length === 0 ? (
          <p className="mt-3 text-muted">No reviews, discards or imports yet.</p>
        ) : (
          <ol className="mt-4 space-y-4">
            {view.events.map((e) => (
              <li key={e.id} className="break-words">
                <p>
                  <span className="font-semibold">{e.by}</span> {e.action}
                  <span className="text-sm text-muted">
                    {" "}
                    (<time dateTime={e.at}>{formatStudioTime(e.at)}</time>)
                  </span>
                </p>
                {e.comment ? <p className="mt-1 italic">{e.comment}</p> : null}
                {e.source ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-sm font-semibold">The draft text it set aside</summary>
                    <pre
                      tabIndex={0}
                      className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap rounded-md bg-ink-50 p-3 text-sm [overflow-wrap:anywhere] dark:bg-ink-900"
                    >
                      {e.source}
                    </pre>
                  </details>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
