import { DiffSegments } from "@/components/accord/diff-segments";
import { formatStudioTime } from "./format";
import type { Conflict } from "./use-autosave";

/** Someone saved first: the differences from their text to this editor's, and the two ways on. */
export function ConflictPanel({ conflict, onKeepMine, onUseSaved }: { conflict: Conflict; onKeepMine: () => void; onUseSaved: () => void }) {
  return (
    <section
      aria-labelledby="conflict-heading"
      className="mt-4 rounded-md border-l-4 border-red-700 bg-red-50 px-4 py-4 text-red-950 dark:border-red-400 dark:bg-red-950/50 dark:text-red-50"
    >
      <h3 id="conflict-heading" className="font-semibold">
        Someone else saved this document first
      </h3>
      <p className="mt-1 text-sm">
        {conflict.savedBy} saved it{conflict.savedAt ? ` on ${formatStudioTime(conflict.savedAt)}` : ""}. Your text was not saved, and it is still here and in
        this browser. The differences from the saved text to yours:
      </p>
      <div
        data-testid="conflict-diff"
        tabIndex={0}
        role="region"
        aria-label="Differences from the saved text to yours"
        className="mt-3 max-h-80 overflow-auto whitespace-pre-wrap rounded-md bg-white p-3 font-mono text-sm text-ink-900 [overflow-wrap:anywhere] dark:bg-ink-950 dark:text-ink-50"
      >
        <DiffSegments segments={conflict.diff} />
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="button" onClick={onKeepMine} className="rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800">
          Keep my text (save over theirs)
        </button>
        <button
          type="button"
          onClick={onUseSaved}
          className="rounded-md border border-ink-300 bg-white px-4 py-2 font-semibold text-ink-900 hover:border-accord-600 dark:border-ink-600 dark:bg-ink-950 dark:text-ink-50"
        >
          Use the saved text (discard mine)
        </button>
      </div>
    </section>
  );
}
