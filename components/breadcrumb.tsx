import Link from "next/link";

/** A trail of links ending in the current page, which is named but not linked. */
export function Breadcrumb({ trail, current }: { trail: { href: string; label: string }[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
      <ol className="flex flex-wrap gap-2">
        {trail.map((crumb) => (
          <li key={crumb.href} className="flex gap-2">
            <Link href={crumb.href} className="hover:underline">
              {crumb.label}
            </Link>
            <span aria-hidden="true">/</span>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
