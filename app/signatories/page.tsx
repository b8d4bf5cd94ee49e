import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { cache } from "react";
import { searchStringOf } from "@/components/directory/query";
import { DIRECTORY_PATH, SignatoriesView, directoryMetadata, loadDirectoryView } from "@/components/directory/signatories-view";

/*
 * Filtered, sorted and paged views of the directory, rendered per request. The plain address
 * without a query is the default view, which the proxy serves from ./all so it stays in the page
 * cache.
 */

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Metadata and page read the same query within one request; keyed by the re-encoded query string
 * because the searchParams object is not guaranteed to be the same instance for both.
 */
const loadDirectory = cache(loadDirectoryView);

/*
 * Bad input answers 200 with the message and `noindex`, not 400: the App Router gives a page no
 * way to choose its status beyond notFound/forbidden/unauthorized, and the proxy cannot attach a
 * status to a rewrite (Next drops it), so a 400 would mean rendering the page twice.
 */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return directoryMetadata(await loadDirectory(searchStringOf(await searchParams)));
}

export default async function SignatoriesPage({ searchParams }: Props) {
  const search = searchStringOf(await searchParams);
  const view = await loadDirectory(search);
  // A GET form without JavaScript sends every field, blanks included: settle on the short address.
  if (view.kind === "ok" && view.canonical !== search) redirect(`${DIRECTORY_PATH}${view.canonical}`);
  return <SignatoriesView view={view} />;
}
