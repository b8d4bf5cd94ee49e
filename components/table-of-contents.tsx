export type TocItem = { id: string; text: string; depth: number };

export function TableOfContents({ items, label = "On this page" }: { items: TocItem[]; label?: string }) {
  if (items.length === 0) return null;
  return (
    <nav aria-labelledby="toc-heading" className="text-sm">
      {/* Not a heading: the contents often come before the page's h1, and a heading there would break the outline. The nav is named by it. */}
      <p id="toc-heading" className="mb-3 font-semibold uppercase tracking-wide text-muted">
        {label}
      </p>
      <ol className="space-y-2 border-l border-ink-200 dark:border-ink-700">
        {items.map((item) => (
          <li key={item.id} className={item.depth > 2 ? "pl-7" : "pl-4"}>
            <a href={`#${item.id}`} className="text-ink-700 hover:text-accord-700 hover:underline dark:text-ink-300 dark:hover:text-accord-300">
              {item.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
