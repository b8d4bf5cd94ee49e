import type { Metadata } from "next";
import Link from "next/link";
import { ConcernCard } from "@/components/concerns/concern-card";
import { Pagination } from "@/components/pagination";
import { cachedConcernCounts, cachedPublicConcerns } from "@/db/queries/concerns";
import { pageMetadata } from "@/lib/metadata";
import { concernsPath, CONCERNS_API_PATH, myConcernsPath, newConcernPath } from "@/lib/paths";
import { concernListQuerySchema, concernStatusLabels, publicConcernStatuses, type PublicConcernStatus } from "@/lib/validation/concern";
import { queryRecord, unknownParams } from "@/lib/validation/directory";
import { principleTitles } from "./_components/principle-titles";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE_SIZE = 20;
const DESCRIPTION =
  "Public concerns that a signatory acted against a principle of the Tech Accord: admitted by a moderator, answered by the signatory, and decided in public.";

export const metadata: Metadata = pageMetadata({ title: "Public concerns", description: DESCRIPTION, path: concernsPath });

type Query = { ok: true; status?: PublicConcernStatus; page: number } | { ok: false; problems: string[] };

function parseQuery(params: Record<string, string | string[] | undefined>): Query {
  const record = queryRecord(params);
  const problems = unknownParams(record, ["status", "page"]).map((name) => `“${name.slice(0, 40)}” is not a setting of this list`);
  for (const [key, value] of Object.entries(record)) if (Array.isArray(value)) problems.push(`give ${key} once`);
  if (problems.length > 0) return { ok: false, problems };
  const parsed = concernListQuerySchema.safeParse(record);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => i.message) };
  return { ok: true, status: parsed.data.status, page: parsed.data.page ?? 1 };
}

const hrefFor = (status: PublicConcernStatus | undefined, page = 1) => {
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `${concernsPath}?${text}` : concernsPath;
};

export default async function ConcernsPage({ searchParams }: Props) {
  const query = parseQuery(await searchParams);
  const [counts, titleOf] = await Promise.all([cachedConcernCounts(), principleTitles()]);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const list = query.ok ? await cachedPublicConcerns({ status: query.status, limit: PAGE_SIZE, offset: (query.page - 1) * PAGE_SIZE }) : null;
  const pageCount = list ? Math.max(1, Math.ceil(list.total / PAGE_SIZE)) : 1;
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Public concerns</h1>
      <p className="mt-3 text-lg text-ink-700 dark:text-ink-200">
        Anyone signed in may raise a concern that a signatory acted against one of the accord&apos;s principles. Nothing is published until a moderator admits
        it; the public text is the version the moderator approved, and who raised it is never shown. The signatory may publish one response; a moderator then
        decides whether the concern is upheld. Each step is recorded in the public ledger.
      </p>
      <p className="mt-4 flex flex-wrap gap-x-6 gap-y-2">
        {/* Into the signed-in area: a whole page load, so its strict policy is the one in force (docs/security.md). */}
        <a href={newConcernPath} className="link-accent">
          Raise a concern
        </a>
        <a href={myConcernsPath} className="link-accent">
          Concerns you raised
        </a>
        <Link href={CONCERNS_API_PATH} className="link-accent">
          As JSON
        </Link>
      </p>

      <nav aria-label="Concerns by status" className="mt-8">
        <ul className="flex flex-wrap gap-2">
          {[undefined, ...publicConcernStatuses].map((status) => {
            const current = query.ok && query.status === status;
            return (
              <li key={status ?? "all"}>
                <Link
                  href={hrefFor(status)}
                  aria-current={current ? "page" : undefined}
                  className={`inline-block rounded-md border px-3 py-1.5 text-sm font-medium ${current ? "border-accord-700 bg-accord-50 dark:bg-accord-800/40" : "border-ink-300 dark:border-ink-600"}`}
                >
                  {status ? concernStatusLabels[status] : "All"} ({status ? counts[status] : total})
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      {!query.ok ? (
        <div
          role="alert"
          className="mt-6 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50"
        >
          <h2 className="font-semibold">We could not use this address</h2>
          <ul className="mt-1 list-disc pl-6">
            {query.problems.slice(0, 5).map((p) => (
              <li key={p} className="break-words">
                {p}
              </li>
            ))}
          </ul>
          <p className="mt-2">
            <Link href={concernsPath} className="font-semibold underline">
              Show all concerns
            </Link>
          </p>
        </div>
      ) : list && list.rows.length > 0 ? (
        <>
          <p className="mt-6 text-sm text-muted" aria-live="polite">
            Showing {(query.page - 1) * PAGE_SIZE + 1}–{(query.page - 1) * PAGE_SIZE + list.rows.length} of {list.total}
            {query.status ? ` ${concernStatusLabels[query.status].toLowerCase()}` : ""}, newest first.
          </p>
          <ul className="mt-4 space-y-4">
            {list.rows.map((concern) => (
              <li key={concern.id}>
                <ConcernCard concern={concern} principleTitle={titleOf(concern.principleSlug)} headingLevel={2} />
              </li>
            ))}
          </ul>
          <Pagination page={query.page} pageCount={pageCount} hrefFor={(page) => hrefFor(query.status, page)} />
        </>
      ) : (
        <p className="mt-6 rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300">
          {query.page > 1 ? "There is no such page of concerns." : "No public concern here."}
        </p>
      )}
    </div>
  );
}
