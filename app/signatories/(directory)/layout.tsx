import type { ReactNode } from "react";
import { DataLinks, filterSelects, zeroLabels } from "../_components/directory-view";
import { DirectoryResults, DirectorySearchFromUrl, DirectoryTransitionProvider } from "../_components/directory-search";
import { getCachedDirectoryFacets } from "@/db/queries/directory";
import { directoryPath } from "@/lib/paths";
import { DEFAULT_SORT } from "@/lib/validation/directory";

/*
 * The directory's two routes share this layout: the default view (/signatories without a query,
 * a static page in ./all kept in the page cache, served there by a rewrite in next.config.mjs)
 * and any search (./page.tsx, rendered per request). The form lives here, so it stays mounted when
 * the first keystroke moves from one to the other and the search box keeps its focus.
 */
export default async function DirectoryLayout({ children }: { children: ReactNode }) {
  const facets = await getCachedDirectoryFacets();
  const selects = filterSelects(facets);
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-3">
        <div className="min-w-0">
          <h1 className="font-serif text-4xl font-semibold tracking-tight">Signatories</h1>
          <p className="mt-3 max-w-3xl text-lg text-muted">
            Every organisation that has proved its domain and signed the accord. Those that withdrew or were suspended stay listed, with the reason on their
            page.
          </p>
        </div>
        <DataLinks />
      </div>

      <div className="mt-8">
        {facets.total === 0 ? (
          children
        ) : (
          <DirectoryTransitionProvider>
            {/* Reads the address: empty on the static default view (force-static there), the search's own values on any other. */}
            <DirectorySearchFromUrl action={directoryPath} defaultSort={DEFAULT_SORT} selects={selects} zeroLabels={zeroLabels()} />
            <DirectoryResults>{children}</DirectoryResults>
          </DirectoryTransitionProvider>
        )}
      </div>
    </div>
  );
}
