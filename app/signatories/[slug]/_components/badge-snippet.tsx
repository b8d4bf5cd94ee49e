"use client";

import { useId, useRef, useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * An embed snippet in a read-only code box with a Copy button. Without JavaScript the button is
 * not rendered (it could do nothing) and the text stays selectable; with it, the result is
 * announced, and when the clipboard is refused the text is selected for a manual copy.
 */
export function BadgeSnippet({ label, code }: { label: string; code: string }) {
  const headingId = useId();
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [status, setStatus] = useState("");
  const box = useRef<HTMLPreElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
      setStatus(`${label} snippet copied.`);
    } catch {
      if (box.current) window.getSelection()?.selectAllChildren(box.current);
      setStatus("Your browser did not allow copying: the snippet is selected, press Ctrl+C (⌘C on a Mac) to copy it.");
    }
  }

  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="text-sm font-semibold">
          {label}
        </h3>
        {hydrated ? (
          <button
            type="button"
            onClick={copy}
            className="rounded-md border border-ink-300 bg-white px-3 py-1 text-sm font-semibold text-ink-900 hover:border-accord-600 dark:border-ink-600 dark:bg-ink-950 dark:text-ink-50"
          >
            Copy<span className="sr-only"> the {label} snippet</span>
          </button>
        ) : null}
      </div>
      <pre ref={box} aria-labelledby={headingId} tabIndex={0} className="mt-2 code-block">
        <code>{code}</code>
      </pre>
      <p role="status" className="mt-1 min-h-5 text-sm text-muted">
        {status}
      </p>
    </div>
  );
}
