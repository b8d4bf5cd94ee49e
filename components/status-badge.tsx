const styles: Record<string, string> = {
  pending: "bg-amber-100 text-amber-950 dark:bg-amber-900 dark:text-amber-50",
  verified: "bg-accord-100 text-accord-800 dark:bg-accord-800 dark:text-accord-50",
  rejected: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100",
  suspended: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100",
  delisted: "bg-ink-200 text-ink-900 dark:bg-ink-700 dark:text-ink-50",
  // A signatory's standing in the directory, beside the organisation statuses above.
  active: "bg-accord-100 text-accord-800 dark:bg-accord-800 dark:text-accord-50",
  withdrawn: "bg-ink-200 text-ink-900 dark:bg-ink-700 dark:text-ink-50",
  overdue: "bg-amber-100 text-amber-950 dark:bg-amber-900 dark:text-amber-50",
};

const labels: Record<string, string> = { overdue: "report overdue" };

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold uppercase tracking-wide ${styles[status] ?? styles.delisted}`}>
      {labels[status] ?? status}
    </span>
  );
}
