import { MdxContent } from "@/components/mdx/mdx-content";

export function ContentPage({ title, description, code }: { title: string; description: string; code: string }) {
  return (
    <article className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <header className="mb-8 border-b border-ink-200 pb-6 dark:border-ink-800">
        <h1 className="font-serif text-4xl font-semibold tracking-tight">{title}</h1>
        <p className="mt-3 text-lg text-muted">{description}</p>
      </header>
      <MdxContent code={code} />
    </article>
  );
}
