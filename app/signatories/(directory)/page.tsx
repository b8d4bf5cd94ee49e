import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { cache } from "react";
import { describeResults, describeView } from "../_components/describe";
import { QueryProblem } from "../_components/directory-notices";
import { DIRECTORY_DESCRIPTION, DirectoryResultsBody, directoryHref } from "../_components/directory-view";
import { DIRECTORY_PAGE_SIZE, hasFilters, parseDirectoryQuery, searchStringOf } from "../_components/query";
import { getDirectoryFacets, getDirectoryPage } from "@/db/queries/directory";
import { pageMetadata } from "@/lib/metadata";
import { directoryPath } from "@/lib/paths";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PATH = directoryPath;

/**
 * Any query of the directory, rendered per request (the default view without one is the static
 * page in ./all). Metadata and page read the same query within one request; keyed by the
 * re-encoded query string because the searchParams object is not guaranteed to be the same
 * instance for both.
 */
const loadDirectory = cache(async (search: string) => {
  const query = parseDirectoryQuery(new URLSearchParams(search));
  if (!query.ok) return { kind: "invalid" as const, problems: query.problems };
  const { filters, page, canonical } = query;
  const [result, facets] = await Promise.all([getDirectoryPage(filters, { page, pageSize: DIRECTORY_PAGE_SIZE }), getDirectoryFacets()]);
  const pageCount = Math.max(1, Math.ceil(result.total / DIRECTORY_PAGE_SIZE));
  return { kind: "ok" as const, filters, page, canonical, pageCount, ...result, facets };
});

/*
 * Bad input answers 200 with the message and `noindex`, not 400: the App Router gives a page no
 * way to choose its status beyond notFound/forbidden/unauthorized, and the proxy cannot attach a
 * status to a rewrite (Next drops it), so a 400 would mean rendering the page twice.
 */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const view = await loadDirectory(searchStringOf(await searchParams));
  if (view.kind === "invalid") {
    return {
      ...pageMetadata({ title: "Signatories: search not understood", description: DIRECTORY_DESCRIPTION, path: PATH }),
      robots: { index: false, follow: true },
    };
  }
  const filtered = hasFilters(view.filters);
  const outOfRange = view.page > view.pageCount;
  const metadata = pageMetadata({
    title: filtered ? describeView(view.filters) : "Signatories",
    description: filtered ? `${describeResults(view.total, view.filters)}, in the Tech Accord registry.` : DIRECTORY_DESCRIPTION,
    // The same list whatever its order or page: one canonical address per set of filters.
    path: directoryHref({ ...view.filters, sort: undefined }),
  });
  return filtered || outOfRange ? { ...metadata, robots: { index: false, follow: true } } : metadata;
}

export default async function SignatoriesPage({ searchParams }: Props) {
  const search = searchStringOf(await searchParams);
  const view = await loadDirectory(search);
  // A GET form without JavaScript sends every field, blanks included: settle on the short address.
  if (view.kind === "ok" && view.canonical !== search) redirect(`${PATH}${view.canonical}`);
  return view.kind === "invalid" ? <QueryProblem problems={view.problems} href={PATH} /> : <DirectoryResultsBody view={view} />;
}
