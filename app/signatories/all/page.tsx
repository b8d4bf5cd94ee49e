import type { Metadata } from "next";
import { cache } from "react";
import { SignatoriesView, directoryMetadata, loadDirectoryView } from "@/components/directory/signatories-view";

/*
 * The directory's default view: what /signatories shows without a query. The proxy serves that
 * address from here, so the default view stays in the page cache until the public data changes
 * (tag `signatories`), while any query renders per request at /signatories. Its canonical
 * address is /signatories.
 */

const loadDefaultView = cache(() => loadDirectoryView(""));

export async function generateMetadata(): Promise<Metadata> {
  return directoryMetadata(await loadDefaultView());
}

export default async function DefaultDirectoryPage() {
  return <SignatoriesView view={await loadDefaultView()} />;
}
