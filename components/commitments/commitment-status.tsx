import { commitmentStatusLabels } from "@/lib/validation/commitment";

type Status = keyof typeof commitmentStatusLabels;

// Named utilities (app/globals.css): a profile shows one per commitment, in its HTML and its payload.
const styles: Record<Status, string> = {
  planned: "pill pill-planned",
  in_progress: "pill pill-in-progress",
  achieved: "pill pill-achieved",
  discontinued: "pill pill-discontinued",
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
    <span className={known ? styles[known] : styles.planned}>
      <span aria-hidden="true">{known ? marks[known] : "?"}</span>
      <span className="sr-only">Status: </span>
      {commitmentStatusLabel(status)}
    </span>
  );
}
