import type { ReactNode } from "react";

/** Wraps a Markdown list of commitments in a panel; the list itself stays a plain list for screen readers. */
export function CommitmentList({ children }: { children?: ReactNode }) {
  return (
    <div className="my-6 rounded-md border border-ink-200 bg-ink-50 px-5 py-1 dark:border-ink-700 dark:bg-ink-900 [&_li::marker]:text-accord-600 dark:[&_li::marker]:text-accord-300">
      {children}
    </div>
  );
}
