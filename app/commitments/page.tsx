import type { Metadata } from "next";
import Link from "next/link";
import { Fragment } from "react";
import { principleTitles } from "@/app/concerns/_components/principle-titles";
import { Pagination } from "@/components/pagination";
import { getDb } from "@/db/client";
import { MATCH_END, MATCH_START, searchCommitments } from "@/db/queries/commitment-search";
import { getPrinciples } from "@/lib/accord/content";
import { formatDate } from "@/lib/format/date";
import { pageMetadata } from "@/lib/metadata";
import { commitmentSearchPath, COMMITMENTS_API_PATH, principlePath, profilePath } from "@/lib/paths";
import { COMMITMENT_QUERY_MAX, parseCommitmentSearch } from "@/lib/validation/commitment-search";
import { commitmentStatusLabels } from "@/lib/validation/commitment";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE_SIZE = 20;
const DESCRIPTION = "Search every signatory's commitments under the Tech Accord's principles: full-text, with English word forms, phrases and exclusions.";

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const params = await searchParams;
  const metadata = pageMetadata({ title: "Search commitments", description: DESCRIPTION, path: commitmentSearchPath });
  // One indexable address: the empty search. Result pages are endless and change.
  return Object.keys(params).length > 0 ? { ...metadata, robots: { index: false, follow: true } } : metadata;
}

/** An excerpt with its matches marked: the marks are ours (stripped from the text first), the rest is plain text. */
function Excerpt({ text }: { text: string }) {
  const parts = text.split(MATCH_START);
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return <Fragment key={i}>{part}</Fragment>;
        const [match, ...rest] = part.split(MATCH_END);
        return (
          <Fragment key={i}>
            <mark>{match}</mark>
            {rest.join("")}
          </Fragment>
        );
      })}
    </>
  );
}

export default async function CommitmentSearchPage({ searchParams }: Props) {
  const parsed = parseCommitmentSearch(await searchParams, { api: false });
  const [principles, titleOf] = await Promise.all([getPrinciples(), principleTitles()]);
  const search = parsed.ok ? parsed.search : null;
  const result = search?.q
    ? await searchCommitments(await getDb(), { q: search.q, principle: search.principle, limit: PAGE_SIZE, offset: (search.page - 1) * PAGE_SIZE })
    : null;
  const pageCount = result ? Math.max(1, Math.ceil(result.total / PAGE_SIZE)) : 1;
  const hrefFor = (page: number) => {
    const params = new URLSearchParams({ q: search?.q ?? "" });
    if (search?.principle) params.set("principle", search.principle);
    if (page > 1) params.set("page", String(page));
    return `${commitmentSearchPath}?${params}`;
  };
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Search commitments</h1>
      <p className="mt-3 text-lg text-ink-700 dark:text-ink-200">{DESCRIPTION}</p>
      <form role="search" action={commitmentSearchPath} method="get" className="mt-6 grid gap-3 sm:grid-cols-[minmax(0,1fr)_16rem_auto] sm:items-end">
        <div>
          <label htmlFor="q" className="block font-medium">
            Words to find
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={search?.q ?? ""}
            maxLength={COMMITMENT_QUERY_MAX}
            aria-describedby="q-hint"
            className="mt-1 block w-full rounded-md border border-ink-500 bg-white px-3 py-2 dark:border-ink-400 dark:bg-ink-900"
          />
        </div>
        <div>
          <label htmlFor="principle" className="block font-medium">
            Principle
          </label>
          <select
            id="principle"
            name="principle"
            defaultValue={search?.principle ?? ""}
            className="mt-1 block w-full rounded-md border border-ink-500 bg-white px-3 py-2 dark:border-ink-400 dark:bg-ink-900"
          >
            <option value="">All principles</option>
            {principles.map((p) => (
              <option key={p.frontmatter.slug} value={p.frontmatter.slug}>
                {p.frontmatter.number}. {p.frontmatter.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800">
          Search
        </button>
        <p id="q-hint" className="text-sm text-muted sm:col-span-3">
          &ldquo;Quoted words&rdquo; find a phrase, <code>or</code> finds either word, and a leading minus (<code>-word</code>) leaves a word out. Also as JSON:{" "}
          <Link href={`${COMMITMENTS_API_PATH}?q=disclosure`} className="underline">
            {COMMITMENTS_API_PATH}?q=…
          </Link>
        </p>
      </form>

      {!parsed.ok ? (
        <div
          role="alert"
          className="mt-6 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50"
        >
          <h2 className="font-semibold">We could not use this search</h2>
          <ul className="mt-1 list-disc pl-6">
            {Object.values(parsed.problems)
              .slice(0, 5)
              .map((p) => (
                <li key={p} className="break-words">
                  {p}
                </li>
              ))}
          </ul>
        </div>
      ) : result ? (
        result.hits.length > 0 ? (
          <>
            <p className="mt-6 text-sm text-muted" aria-live="polite">
              {result.total === 1 ? "One commitment matches" : `${result.total} commitments match`}, best matches first
              {pageCount > 1 ? ` (page ${search!.page} of ${pageCount})` : ""}.
            </p>
            <ol className="mt-4 space-y-4">
              {result.hits.map((hit) => (
                <li key={hit.id} className="search-hit">
                  <h2>
                    <Link href={`${profilePath(hit.organisation.slug)}#commitment-${hit.id}`} className="hover:underline">
                      {hit.title}
                    </Link>
                  </h2>
                  <p className="text-sm text-muted">
                    <Link href={profilePath(hit.organisation.slug)} className="underline">
                      {hit.organisation.name}
                    </Link>
                    {" · under "}
                    <Link href={principlePath(hit.principleSlug)} className="underline">
                      {titleOf(hit.principleSlug)}
                    </Link>
                    {` · ${commitmentStatusLabels[hit.status as keyof typeof commitmentStatusLabels] ?? hit.status} · updated `}
                    <time dateTime={hit.updatedAt}>{formatDate(hit.updatedAt)}</time>
                  </p>
                  {hit.excerpt ? (
                    <p className="mt-2">
                      <Excerpt text={hit.excerpt} />
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
            <Pagination page={search!.page} pageCount={pageCount} hrefFor={hrefFor} />
          </>
        ) : (
          <p className="mt-6 rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300" aria-live="polite">
            {search!.page > 1 && result.total > 0 ? "There is no such page of results." : "No commitment matches these words."}
          </p>
        )
      ) : null}
    </div>
  );
}
