import Link from "next/link";
import { SignatoryList } from "./_components/signatory-list";
import { getLatestSignatories, getSignatoryStats } from "@/db/queries/organisations";
import { getPrinciples } from "@/lib/accord/content";
import { pageMetadata } from "@/lib/metadata";
import { pledge } from "@/lib/site";
import { accordPath, directoryPath, joinPath, principlePath, statsPath } from "@/lib/paths";

export const metadata = pageMetadata({
  title: pledge,
  description:
    "Technology companies commit to protect every customer everywhere and never help any government attack civilians. Read the accord, see who signed, verify the record.",
  path: "/",
});

export default async function HomePage() {
  const [stats, latest, principles] = await Promise.all([getSignatoryStats(), getLatestSignatories(6), getPrinciples()]);
  return (
    <>
      <section className="border-b border-ink-200 bg-ink-50 dark:border-ink-800 dark:bg-ink-900">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 sm:py-20">
          <p className="text-sm font-semibold uppercase tracking-widest text-accord-700 dark:text-accord-300">
            A Digital Geneva Convention for technology companies
          </p>
          <h1 className="mt-4 font-serif text-5xl font-semibold tracking-tight sm:text-6xl">{pledge}.</h1>
          <p className="mt-6 max-w-3xl text-xl leading-relaxed text-ink-700 dark:text-ink-200">
            Signatories protect every customer, everywhere, whatever their nationality, and never help any government, their own included, hack or attack
            civilians, companies or the infrastructure people live on.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link href={accordPath} className="rounded-md bg-accord-700 px-5 py-3 font-semibold text-white hover:bg-accord-800">
              Read the accord
            </Link>
            <Link
              href={joinPath}
              className="rounded-md border border-ink-300 bg-white px-5 py-3 font-semibold text-ink-900 hover:border-accord-600 dark:border-ink-600 dark:bg-ink-950 dark:text-ink-50"
            >
              Sign for your organisation
            </Link>
          </div>
          <dl className="mt-12 grid max-w-xl grid-cols-3 gap-6">
            <div>
              <dt className="text-sm text-muted">Signatories</dt>
              <dd className="font-serif text-4xl font-semibold" data-testid="signatory-count">
                {stats.signatories}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-muted">Countries</dt>
              <dd className="font-serif text-4xl font-semibold">{stats.countries}</dd>
            </div>
            <div>
              <dt className="text-sm text-muted">Principles</dt>
              <dd className="font-serif text-4xl font-semibold">{principles.length}</dd>
            </div>
          </dl>
        </div>
      </section>

      <div className="mx-auto grid max-w-6xl grid-cols-1 gap-12 px-4 py-14 sm:px-6 lg:grid-cols-2">
        <section aria-labelledby="what-it-means">
          <h2 id="what-it-means" className="font-serif text-3xl font-semibold">
            What it means
          </h2>
          <ol className="mt-6 space-y-4">
            {principles.map((p) => (
              <li key={p.frontmatter.slug} className="flex gap-4">
                <span
                  aria-hidden="true"
                  className="grid h-8 w-8 shrink-0 place-items-center rounded-full border border-accord-600 text-sm font-semibold text-accord-700 dark:text-accord-300"
                >
                  {p.frontmatter.number}
                </span>
                <div>
                  <Link href={principlePath(p.frontmatter.slug)} className="font-semibold hover:underline">
                    {p.frontmatter.title}
                  </Link>
                  <p className="text-muted">{p.frontmatter.summary}</p>
                </div>
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="latest-signatories">
          <h2 id="latest-signatories" className="font-serif text-3xl font-semibold">
            Latest signatories
          </h2>
          <div className="mt-6">
            {latest.length > 0 ? (
              <SignatoryList signatories={latest} />
            ) : (
              <p className="rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300">
                No organisation has signed yet.{" "}
                <Link href={joinPath} className="font-semibold underline">
                  Be the first
                </Link>
                .
              </p>
            )}
          </div>
          <p className="mt-4 flex flex-wrap gap-x-6 gap-y-2">
            <Link href={directoryPath} className="font-semibold text-accord-700 hover:underline dark:text-accord-300">
              All signatories →
            </Link>
            <Link href={statsPath} className="font-semibold text-accord-700 hover:underline dark:text-accord-300">
              Signatory statistics →
            </Link>
          </p>
        </section>
      </div>
    </>
  );
}
