import Link from "next/link";
import { describeResults, methodLabels, sortLabels, sortPhrases, statusLabels, activeFilters } from "./describe";
import { DirectoryList } from "./directory-list";
import { toDirectoryRow } from "./directory-row";
import { NoMatches, NobodySigned, PastLastPage } from "./directory-notices";
import type { DirectorySelect, ZeroLabels } from "./directory-search";
import { DIRECTORY_PAGE_SIZE, hasFilters } from "./query";
import { Pagination } from "@/components/pagination";
import { linkClass } from "@/components/styles";
import type { DirectoryEntry, DirectoryFacets } from "@/db/queries/directory";
import { CSV_PATH, developersPath, directoryPath, statsPath } from "@/lib/paths";
import { DEFAULT_SORT, type DirectoryFilters, directorySearchString, directorySorts, directoryStatuses } from "@/lib/validation/directory";
import { countryLabel, sectorLabel, sectorLabels, sectors } from "@/lib/validation/organisation";

export const DIRECTORY_DESCRIPTION =
  "Every organisation that has signed the Tech Accord: search by name or domain, filter by country, sector, status, version and how its identity was proven.";

export const directoryHref = (filters: DirectoryFilters & { page?: number }) => `${directoryPath}${directorySearchString(filters)}`;

const counted = (label: string, count: number) => `${label} (${count.toLocaleString("en-GB")})`;

/** The filter menus, from the whole directory's counts (the form adds the value in force when it has none). */
export function filterSelects(facets: DirectoryFacets): DirectorySelect[] {
  const countries = facets.countries
    .map((c) => ({ value: c.value, label: counted(countryLabel(c.value), c.count) }))
    .sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
  const sectorOptions = facets.sectors
    .map((s) => ({ value: s.value, label: counted(sectorLabel(s.value), s.count) }))
    .sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
  const statuses = directoryStatuses.filter((s) => facets.status[s] > 0).map((s) => ({ value: s, label: counted(statusLabels[s], facets.status[s]) }));
  const versions = facets.versions.map((v) => ({ value: String(v.value), label: counted(`Version ${v.value}`, v.count) }));
  const methods = facets.methods.map((m) => ({ value: m.value, label: counted(methodLabels[m.value] ?? m.value, m.count) }));
  return [
    { name: "country", label: "Country", allLabel: "All countries", options: countries },
    { name: "sector", label: "Sector", allLabel: "All sectors", options: sectorOptions },
    { name: "status", label: "Status", allLabel: "Any status", options: statuses },
    { name: "version", label: "Accord version signed", allLabel: "Any version", options: versions },
    { name: "method", label: "Identity proven by", allLabel: "Any method", options: methods },
    { name: "sort", label: "Sort by", allLabel: null, options: directorySorts.map((s) => ({ value: s, label: sortLabels[s] })) },
  ];
}

/**
 * Names of every valid value a menu may be set to while nobody listed has it. Countries are named by
 * the form itself (countryName): 249 names sent with every page of the directory were a tenth of it.
 */
export function zeroLabels(): ZeroLabels {
  return {
    sector: Object.fromEntries(sectors.map((s) => [s, sectorLabels[s]])),
    status: { ...statusLabels },
    method: { ...methodLabels },
  };
}

export function DataLinks() {
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

export type DirectoryResultsView = {
  filters: DirectoryFilters;
  page: number;
  pageCount: number;
  items: DirectoryEntry[];
  total: number;
  facets: DirectoryFacets;
};

/** The results under the form: count, notices, list and pagination. */
export function DirectoryResultsBody({ view }: { view: DirectoryResultsView }) {
  const { filters, page, pageCount, items, total, facets } = view;
  const filtered = hasFilters(filters);
  if (facets.total === 0) return <NobodySigned />;
  const clearHref = directoryHref({ sort: filters.sort });
  const first = (page - 1) * DIRECTORY_PAGE_SIZE + 1;
  return (
    <>
      {/* The results' heading: focus lands here after a page or filter link, and the directory's live region (DirectoryResults) speaks it with the range below. */}
      <h2 className="section-heading break-words">{describeResults(total, filters)}</h2>
      {page > pageCount ? (
        <div className="mt-4">
          <PastLastPage page={page} lastPage={pageCount} lastHref={directoryHref({ ...filters, page: pageCount })} />
        </div>
      ) : total === 0 ? (
        <div className="mt-4">
          {filtered ? (
            <NoMatches
              filters={activeFilters(filters).map((f) => ({ ...f, removeHref: directoryHref({ ...filters, [f.key]: undefined }) }))}
              clearHref={clearHref}
            />
          ) : (
            <NobodySigned />
          )}
        </div>
      ) : (
        <>
          <p className="mt-1 text-sm text-muted">
            {total > items.length ? `Showing ${first}–${first + items.length - 1} of ${total.toLocaleString("en-GB")}, ` : `Showing all ${total}, `}
            {sortPhrases[filters.sort ?? DEFAULT_SORT]}.
          </p>
          <div className="mt-4">
            <DirectoryList rows={items.map(toDirectoryRow)} />
          </div>
          <Pagination page={page} pageCount={pageCount} hrefFor={(p) => directoryHref({ ...filters, page: p })} />
        </>
      )}
    </>
  );
}
