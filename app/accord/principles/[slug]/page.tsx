import Link from "next/link";
import { notFound } from "next/navigation";
import { MdxContent } from "@/components/mdx/mdx-content";
import { getCompiledPrinciple } from "@/lib/accord/compiled";
import { getPrinciple } from "@/lib/accord/content";
import { pageMetadata } from "@/lib/metadata";
import { accordPath, principlePath } from "@/lib/paths";

type Props = { params: Promise<{ slug: string }> };

/**
 * None is prerendered by the build (it has no database): each principle renders on its first
 * request and stays in the page cache until the studio publishes.
 */
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function generateMetadata({ params }: Props) {
  const found = await getPrinciple((await params).slug);
  if (!found) return {};
  const { number, title, summary, slug } = found.principle.frontmatter;
  return pageMetadata({
    title: `Principle ${number}: ${title}`,
    description: summary,
    path: principlePath(slug),
    image: `${principlePath(slug)}/opengraph-image`,
  });
}

export default async function PrinciplePage({ params }: Props) {
  const found = await getCompiledPrinciple((await params).slug);
  if (!found) notFound();
  const { principle, previous, next, compiled } = found;
  return (
    <article className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <ol className="flex gap-2">
          <li>
            <Link href={accordPath} className="hover:underline">
              The accord
            </Link>
          </li>
          <li aria-hidden="true">/</li>
          <li aria-current="page">Principle {principle.frontmatter.number}</li>
        </ol>
      </nav>
      <header className="mb-8 mt-4 border-b border-ink-200 pb-6 dark:border-ink-800">
        <p className="text-sm font-semibold uppercase tracking-wide text-accord-700 dark:text-accord-300">Principle {principle.frontmatter.number}</p>
        <h1 className="mt-1 font-serif text-4xl font-semibold tracking-tight">{principle.frontmatter.title}</h1>
        <p className="mt-3 text-xl text-muted">{principle.frontmatter.summary}</p>
      </header>
      <MdxContent code={compiled.code} />
      <nav aria-label="Principles" className="mt-12 grid gap-4 border-t border-ink-200 pt-6 sm:grid-cols-2 dark:border-ink-800">
        {previous ? (
          <Link
            rel="prev"
            href={principlePath(previous.frontmatter.slug)}
            className="rounded-md border border-ink-200 p-4 hover:border-accord-600 dark:border-ink-700"
          >
            <span className="block text-sm text-ink-500 dark:text-ink-400">Previous: principle {previous.frontmatter.number}</span>
            <span className="font-semibold">{previous.frontmatter.title}</span>
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link
            rel="next"
            href={principlePath(next.frontmatter.slug)}
            className="rounded-md border border-ink-200 p-4 text-right hover:border-accord-600 dark:border-ink-700"
          >
            <span className="block text-sm text-ink-500 dark:text-ink-400">Next: principle {next.frontmatter.number}</span>
            <span className="font-semibold">{next.frontmatter.title}</span>
          </Link>
        ) : null}
      </nav>
    </article>
  );
}
