import { commitmentStatusLabels } from "@/lib/validation/commitment";

type Status = keyof typeof commitmentStatusLabels;

const styles: Record<Status, string> = {
  planned: "border-ink-300 bg-ink-50 text-ink-800 dark:border-ink-600 dark:bg-ink-900 dark:text-ink-100",
  in_progress: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50",
  achieved: "border-accord-300 bg-accord-50 text-accord-800 dark:border-accord-600 dark:bg-accord-800 dark:text-accord-50",
  discontinued: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
};

// A shape per status, so the label is never carried by colour alone (and reads the same in print).
const marks: Record<Status, string> = { planned: "○", in_progress: "◐", achieved: "●", discontinued: "×" };

export function commitmentStatusLabel(status: string): string {
  return commitmentStatusLabels[status as Status] ?? status;
}

/** A commitment's status as a labelled pill: the text says it; colour and shape only repeat it. */
export function CommitmentStatus({ status }: { status: string }) {
  const known = status in commitmentStatusLabels ? (status as Status) : null;
  return (
    <span className={`inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-xs font-semibold ${known ? styles[known] : styles.planned}`}>
      <span aria-hidden="true">{known ? marks[known] : "?"}</span>
      <span className="sr-only">Status: </span>
      {commitmentStatusLabel(status)}
    </span>
  );
}
