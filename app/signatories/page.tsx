import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { cache } from "react";
import { activeFilters, describeResults, describeView, methodLabels, sortLabels, sortPhrases, statusLabels } from "./_components/describe";
import { countryLabel, sectorLabel } from "@/lib/validation/organisation";
import { DirectoryList } from "./_components/directory-list";
import { NoMatches, NobodySigned, PastLastPage, QueryProblem } from "./_components/directory-notices";
import { type DirectorySelect, DirectorySearch } from "./_components/directory-search";
import { DIRECTORY_PAGE_SIZE, hasFilters, parseDirectoryQuery, searchStringOf } from "./_components/query";
import { Pagination } from "@/components/pagination";
import { type DirectoryFacets, getDirectoryFacets, getDirectoryPage } from "@/db/queries/directory";
import { pageMetadata } from "@/lib/metadata";
import { DEFAULT_SORT, type DirectoryFilters, directorySearchString, directorySorts, directoryStatuses } from "@/lib/validation/directory";
import { CSV_PATH, developersPath, directoryPath, statsPath } from "@/lib/paths";
import { linkClass } from "@/components/styles";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PATH = directoryPath;
const DESCRIPTION =
  "Every organisation that has signed the Tech Accord: search by name or domain, filter by country, sector, status, version and how its identity was proven.";

const hrefFor = (filters: DirectoryFilters & { page?: number }) => `${PATH}${directorySearchString(filters)}`;

/**
 * Metadata and page read the same query within one request; keyed by the re-encoded query string
 * because the searchParams object is not guaranteed to be the same instance for both.
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
    return { ...pageMetadata({ title: "Signatories: search not understood", description: DESCRIPTION, path: PATH }), robots: { index: false, follow: true } };
  }
  const filtered = hasFilters(view.filters);
  const outOfRange = view.page > view.pageCount;
  const metadata = pageMetadata({
    title: filtered ? describeView(view.filters) : "Signatories",
    description: filtered ? `${describeResults(view.total, view.filters)}, in the Tech Accord registry.` : DESCRIPTION,
    // The same list whatever its order or page: one canonical address per set of filters.
    path: hrefFor({ ...view.filters, sort: undefined }),
  });
  return filtered || outOfRange ? { ...metadata, robots: { index: false, follow: true } } : metadata;
}

function withCurrent<T extends string | number>(options: { value: T; count: number }[], current: T | undefined) {
  return current !== undefined && !options.some((o) => o.value === current) ? [...options, { value: current, count: 0 }] : options;
}

/** The filter menus, from the whole directory's counts; the value in force is always offered, even at 0. */
function filterSelects(facets: DirectoryFacets, filters: DirectoryFilters): DirectorySelect[] {
  const counted = (label: string, count: number) => `${label} (${count.toLocaleString("en-GB")})`;
  const countries = withCurrent(facets.countries, filters.country)
    .map((c) => ({ value: c.value, label: counted(countryLabel(c.value), c.count) }))
    .sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
  const sectors = withCurrent(facets.sectors, filters.sector)
    .map((s) => ({ value: s.value, label: counted(sectorLabel(s.value), s.count) }))
    .sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
  const statuses = directoryStatuses
    .filter((s) => facets.status[s] > 0 || s === filters.status)
    .map((s) => ({ value: s, label: counted(statusLabels[s], facets.status[s]) }));
  const versions = withCurrent(facets.versions, filters.version).map((v) => ({ value: String(v.value), label: counted(`Version ${v.value}`, v.count) }));
  const methods = withCurrent(facets.methods, filters.method).map((m) => ({ value: m.value, label: counted(methodLabels[m.value] ?? m.value, m.count) }));
  return [
    { name: "country", label: "Country", allLabel: "All countries", options: countries },
    { name: "sector", label: "Sector", allLabel: "All sectors", options: sectors },
    { name: "status", label: "Status", allLabel: "Any status", options: statuses },
    { name: "version", label: "Accord version signed", allLabel: "Any version", options: versions },
    { name: "method", label: "Identity proven by", allLabel: "Any method", options: methods },
    { name: "sort", label: "Sort by", allLabel: null, options: directorySorts.map((s) => ({ value: s, label: sortLabels[s] })) },
  ];
}

function DataLinks() {
  return (
    <nav aria-label="Directory data">
      <ul className="flex flex-wrap gap-x-5 gap-y-2 text-sm">
        <li>
          <Link href={statsPath} className={linkClass}>
            Statistics
          </Link>
        </li>
        <li>
          {/* A file download, not a page: a plain link so the router does not try to render it. */}
          <a href={CSV_PATH} className={linkClass}>
            Download CSV
          </a>
        </li>
        <li>
          <Link href={developersPath} className={linkClass}>
            API
          </Link>
        </li>
      </ul>
    </nav>
  );
}

export default async function SignatoriesPage({ searchParams }: Props) {
  const search = searchStringOf(await searchParams);
  const view = await loadDirectory(search);
  // A GET form without JavaScript sends every field, blanks included: settle on the short address.
  if (view.kind === "ok" && view.canonical !== search) redirect(`${PATH}${view.canonical}`);

  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-3">
        <div className="min-w-0">
          <h1 className="font-serif text-4xl font-semibold tracking-tight">Signatories</h1>
          <p className="mt-3 max-w-3xl text-lg text-ink-600 dark:text-ink-300">
            Every organisation that has proved its domain and signed the accord. Those that withdrew or were suspended stay listed, with the reason on their
            page.
          </p>
        </div>
        <DataLinks />
      </div>

      <div className="mt-8">{view.kind === "invalid" ? <QueryProblem problems={view.problems} href={PATH} /> : <Directory view={view} />}</div>
    </div>
  );
}

type View = Extract<Awaited<ReturnType<typeof loadDirectory>>, { kind: "ok" }>;

function Directory({ view }: { view: View }) {
  const { filters, page, pageCount, items, total, facets } = view;
  const filtered = hasFilters(filters);
  if (facets.total === 0) return <NobodySigned />;

  const clearHref = hrefFor({ sort: filters.sort });
  const formValues = {
    q: filters.q,
    country: filters.country,
    sector: filters.sector,
    status: filters.status,
    version: filters.version ? String(filters.version) : undefined,
    method: filters.method,
    sort: filters.sort ?? DEFAULT_SORT,
  };
  const first = (page - 1) * DIRECTORY_PAGE_SIZE + 1;

  return (
    <DirectorySearch
      action={PATH}
      values={formValues}
      defaultSort={DEFAULT_SORT}
      selects={filterSelects(facets, filters)}
      clearHref={filtered ? clearHref : null}
    >
      {/* Always rendered in this place, so screen readers hear each new count as the results change. */}
      <h2 aria-live="polite" aria-atomic="true" className="font-serif text-2xl font-semibold break-words">
        {describeResults(total, filters)}
      </h2>
      {page > pageCount ? (
        <div className="mt-4">
          <PastLastPage page={page} lastPage={pageCount} lastHref={hrefFor({ ...filters, page: pageCount })} />
        </div>
      ) : total === 0 ? (
        <div className="mt-4">
          {filtered ? (
            <NoMatches filters={activeFilters(filters).map((f) => ({ ...f, removeHref: hrefFor({ ...filters, [f.key]: undefined }) }))} clearHref={clearHref} />
          ) : (
            <NobodySigned />
          )}
        </div>
      ) : (
        <>
          <p className="mt-1 text-sm text-ink-600 dark:text-ink-300">
            {total > items.length ? `Showing ${first}–${first + items.length - 1} of ${total.toLocaleString("en-GB")}, ` : `Showing all ${total}, `}
            {sortPhrases[filters.sort ?? DEFAULT_SORT]}.
          </p>
          <div className="mt-4">
            <DirectoryList entries={items} />
          </div>
          <Pagination page={page} pageCount={pageCount} hrefFor={(p) => hrefFor({ ...filters, page: p })} />
        </>
      )}
    </DirectorySearch>
  );
}
