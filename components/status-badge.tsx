const styles: Record<string, string> = {
  pending: "badge-warn",
  verified: "badge-good",
  rejected: "badge-bad",
  suspended: "badge-bad",
  delisted: "badge-neutral",
  // A signatory's standing in the directory, beside the organisation statuses above.
  active: "badge-good",
  withdrawn: "badge-neutral",
  overdue: "badge-warn",
};

const labels: Record<string, string> = { overdue: "report overdue" };

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${styles[status] ?? styles.delisted}`}>{labels[status] ?? status}</span>;
}
