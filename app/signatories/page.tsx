import Link from "next/link";
import { notFound } from "next/navigation";
import { Pagination } from "@/components/pagination";
import { SignatoryList } from "@/components/signatory-list";
import { getDirectoryPage } from "@/db/queries/listings";
import { pageMetadata } from "@/lib/metadata";
import { pageParamSchema } from "@/lib/validation/pagination";

const PAGE_SIZE = 20;

export const metadata = pageMetadata({
  title: "Signatories",
  description: "Every organisation that has signed the Tech Accord, with the version it signed and when.",
  path: "/signatories",
});

export default async function SignatoriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = pageParamSchema.safeParse((await searchParams).page);
  if (!parsed.success) notFound();
  const page = parsed.data;
  const { items, total } = await getDirectoryPage({ status: "active", sort: "newest" }, { page, pageSize: PAGE_SIZE });
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pageCount) notFound();
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Signatories</h1>
      <p className="mt-3 text-lg text-ink-600 dark:text-ink-300">
        {total === 1 ? "One organisation has" : `${total} organisations have`} signed the accord and not withdrawn.
      </p>
      <div className="mt-8">
        {items.length > 0 ? (
          <SignatoryList signatories={items.map((i) => ({ ...i }))} />
        ) : (
          <p className="rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300">
            No organisation has signed yet. <Link href="/join" className="font-semibold underline">Find out how to join</Link>.
          </p>
        )}
      </div>
      <Pagination page={page} pageCount={pageCount} hrefFor={(p) => (p === 1 ? "/signatories" : `/signatories?page=${p}`)} />
    </div>
  );
}
