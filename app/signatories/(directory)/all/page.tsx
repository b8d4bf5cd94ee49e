import { DIRECTORY_DESCRIPTION, DirectoryResultsBody } from "../../_components/directory-view";
import { DIRECTORY_PAGE_SIZE } from "../../_components/query";
import { getCachedDirectoryFacets, getDefaultDirectoryPage } from "@/db/queries/directory";
import { pageMetadata } from "@/lib/metadata";
import { directoryPath } from "@/lib/paths";

/*
 * The directory's default view: /signatories without a query string, rewritten here by
 * next.config.mjs when the front door marks the request (scripts/lib/front-door.mjs). Static, so
 * it stays in the page cache until the public data changes (tag `signatories`). "all" is a
 * reserved slug (lib/orgs/slug.ts), so no profile is hidden behind it.
 */
/*
 * force-static: the layout's form reads the address (useSearchParams), which a static page would
 * otherwise leave to the browser, behind a Suspense fallback. Here the address has no query, so
 * the empty form is the right one, rendered into the HTML (the form without JavaScript).
 */
export const dynamic = "force-static";

export const metadata = pageMetadata({ title: "Signatories", description: DIRECTORY_DESCRIPTION, path: directoryPath });

export default async function DefaultDirectoryPage() {
  const [result, facets] = await Promise.all([getDefaultDirectoryPage(DIRECTORY_PAGE_SIZE), getCachedDirectoryFacets()]);
  const pageCount = Math.max(1, Math.ceil(result.total / DIRECTORY_PAGE_SIZE));
  return <DirectoryResultsBody view={{ filters: {}, page: 1, pageCount, ...result, facets }} />;
}
