import Link from "next/link";
import type { ActiveFilter } from "./describe";
import { joinPath } from "@/lib/paths";
import { linkClass } from "@/components/styles";

const alertClass = "rounded-md border border-amber-300 bg-amber-50 px-4 py-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50";
const alertLinkClass = "font-semibold underline";

/** Shown so many problems do not bury the link back (a URL can carry hundreds of parameters). */
const MAX_PROBLEMS = 5;

/** A query string the directory cannot read: say what is wrong and offer the whole directory. */
export function QueryProblem({ problems, href }: { problems: string[]; href: string }) {
  const shown = problems.slice(0, MAX_PROBLEMS);
  return (
    <div role="alert" className={alertClass}>
      <h2 className="font-semibold">We could not use this search</h2>
      {shown.length === 1 ? (
        <p className="mt-1 break-words">The address asks for something the directory does not understand: {shown[0]}.</p>
      ) : (
        <>
          <p className="mt-1">The address asks for things the directory does not understand:</p>
          <ul className="mt-1 list-disc pl-6">
            {shown.map((problem) => (
              <li key={problem} className="break-words">
                {problem}
              </li>
            ))}
            {problems.length > shown.length ? <li>and {problems.length - shown.length} more</li> : null}
          </ul>
        </>
      )}
      <p className="mt-3">
        <Link href={href} className={alertLinkClass}>
          Show all signatories
        </Link>
      </p>
    </div>
  );
}

/** A page number past the end of these results (the list shrank, or the link was edited). */
export function PastLastPage({ page, lastPage, lastHref }: { page: number; lastPage: number; lastHref: string }) {
  return (
    <div role="alert" className={alertClass}>
      <p>
        There is no page {page} of these results: they fit on {lastPage === 1 ? "one page" : `${lastPage} pages`}.
      </p>
      <p className="mt-2">
        <Link href={lastHref} className={alertLinkClass}>
          {lastPage === 1 ? "Go to the first page" : `Go to the last page (page ${lastPage})`}
        </Link>
      </p>
    </div>
  );
}

/** Nothing matches: name each filter with a link that drops it, and one that drops them all. */
export function NoMatches({ filters, clearHref }: { filters: (ActiveFilter & { removeHref: string })[]; clearHref: string }) {
  const searched = filters.some((f) => f.key === "q");
  return (
    <div className="rounded-md border border-dashed border-ink-300 p-6 dark:border-ink-700">
      <p className="font-semibold">No signatory matches all of these filters.</p>
      <ul aria-label="Active filters" className="mt-3 flex flex-wrap gap-2">
        {filters.map((filter) => (
          <li key={filter.key} className="flex items-center gap-2 rounded-full border border-ink-300 py-1 pr-1 pl-3 text-sm dark:border-ink-600">
            <span className="break-all">{filter.text}</span>
            <Link
              href={filter.removeHref}
              className="rounded-full px-2 py-0.5 font-semibold text-accord-700 underline hover:bg-ink-100 dark:text-accord-300 dark:hover:bg-ink-800"
            >
              Remove<span className="sr-only"> {filter.text}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-4 text-muted">
        {searched
          ? "The search looks for the text anywhere in a name or domain, ignoring case and accents: try fewer letters, another spelling, or remove the search. "
          : "Try removing a filter. "}
        <Link href={clearHref} className={linkClass}>
          Clear all filters
        </Link>
        .
      </p>
    </div>
  );
}

/** The directory before anyone has signed. */
export function NobodySigned() {
  return (
    <div className="rounded-md border border-dashed border-ink-300 p-6 dark:border-ink-700">
      <p className="font-semibold">No organisation has signed the accord yet.</p>
      <p className="mt-2 text-muted">
        Signatories appear here as soon as they have proved their domain and signed.{" "}
        <Link href={joinPath} className={linkClass}>
          Find out how to join
        </Link>
        .
      </p>
    </div>
  );
}
