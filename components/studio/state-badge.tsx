const styles = {
  published: "bg-accord-100 text-accord-800 dark:bg-accord-800 dark:text-accord-50",
  draft: "bg-amber-100 text-amber-950 dark:bg-amber-900 dark:text-amber-50",
  review: "bg-sky-100 text-sky-950 dark:bg-sky-900 dark:text-sky-50",
} as const;

const labels = { published: "Published", draft: "Draft changes", review: "Awaiting review" } as const;

/** A document's state in words (colour only repeats it). */
export function StateBadge({ state, removal = false, isNew = false }: { state: keyof typeof styles; removal?: boolean; isNew?: boolean }) {
  const label = state === "published" ? labels.published : removal ? `${labels[state]}: removal` : isNew ? `${labels[state]}: new` : labels[state];
  return (
    <span className={`inline-block whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold uppercase tracking-wide ${styles[state]}`}>{label}</span>
  );
}
