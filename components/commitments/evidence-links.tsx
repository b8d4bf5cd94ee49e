/**
 * A commitment's evidence: external links the organisation chose, so they carry
 * rel="nofollow noopener" (no ranking credit, no window.opener). Only https addresses become
 * links; the schema admits nothing else, and this guards rows written before it did.
 */
export function EvidenceLinks({ links }: { links: string[] }) {
  if (links.length === 0) return null;
  return (
    <div className="text-sm">
      <p className="font-medium text-ink-700 dark:text-ink-200">Evidence</p>
      <ul className="mt-1 space-y-1">
        {links.map((href) => (
          <li key={href} className="break-all">
            {href.startsWith("https://") ? (
              <a href={href} rel="nofollow noopener" target="_blank" className="text-accord-700 underline hover:text-accord-800 dark:text-accord-300">
                {href}
                <span aria-hidden="true"> ↗</span>
                <span className="sr-only"> (external site, opens in a new tab)</span>
              </a>
            ) : (
              <span>{href}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
