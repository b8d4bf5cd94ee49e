import Link from "next/link";
import { MdxContent } from "@/components/mdx/mdx-content";
import { TableOfContents } from "@/components/table-of-contents";
import { getCompiledPreamble, getCompiledPrinciples } from "@/lib/accord/compiled";
import { getPreamble } from "@/lib/accord/content";
import { pageMetadata } from "@/lib/metadata";
import { accordPath, joinPath, principlePath, versionsPath } from "@/lib/paths";

export async function generateMetadata() {
  const { frontmatter } = await getPreamble();
  return pageMetadata({ title: frontmatter.title, description: frontmatter.summary, path: accordPath });
}

export default async function AccordPage() {
  const [preamble, principles] = await Promise.all([getCompiledPreamble(), getCompiledPrinciples()]);
  const toc = [
    ...preamble.compiled.headings.filter((h) => h.depth === 2),
    ...principles.map((p) => ({ id: `principle-${p.frontmatter.number}`, text: `${p.frontmatter.number}. ${p.frontmatter.title}`, depth: 2 })),
  ];
  return (
    <div className="mx-auto grid max-w-6xl grid-cols-1 gap-10 px-4 py-12 sm:px-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <aside className="lg:sticky lg:top-6 lg:max-h-[calc(100vh-3rem)] lg:self-start lg:overflow-y-auto">
        <TableOfContents items={toc} label="Contents" />
      </aside>
      <article className="max-w-3xl">
        <header className="mb-8 border-b border-ink-200 pb-6 dark:border-ink-800">
          <p className="text-sm font-semibold uppercase tracking-wide text-accord-700 dark:text-accord-300">The accord</p>
          <h1 className="mt-2 font-serif text-4xl font-semibold tracking-tight sm:text-5xl">{preamble.frontmatter.title}</h1>
          <p className="mt-4 text-xl text-muted">{preamble.frontmatter.summary}</p>
          <p className="mt-4 text-sm text-muted">
            Each published change is a new version with a content hash and a changelog.{" "}
            <Link href={versionsPath} className="link-accent">
              All versions and what changed
            </Link>
          </p>
        </header>
        <MdxContent code={preamble.compiled.code} />
        {principles.map((p) => (
          <section
            key={p.frontmatter.slug}
            aria-labelledby={`principle-${p.frontmatter.number}`}
            className="mt-10 border-t border-ink-200 pt-8 dark:border-ink-800"
          >
            <p className="text-sm font-semibold uppercase tracking-wide text-accord-700 dark:text-accord-300">Principle {p.frontmatter.number}</p>
            {/* Each principle is a section of the accord (h2); its own sections follow as h3. */}
            <h2 id={`principle-${p.frontmatter.number}`} className="mt-1 section-heading">
              <Link href={principlePath(p.frontmatter.slug)} className="hover:underline">
                {p.frontmatter.title}
              </Link>
            </h2>
            <p className="mt-2 text-lg text-muted">{p.frontmatter.summary}</p>
            <div className="mt-4">
              <MdxContent code={p.compiled.code} headingOffset={1} />
            </div>
          </section>
        ))}
        <div className="mt-14 rounded-lg bg-accord-50 p-6 dark:bg-accord-800/30">
          <h2 className="section-heading">Ready to commit?</h2>
          <p className="mt-2">Representatives sign the exact text above. Their signature is bound to its content hash and recorded in the public ledger.</p>
          <Link href={joinPath} className="mt-4 inline-block rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800">
            How to join
          </Link>
        </div>
      </article>
    </div>
  );
}
