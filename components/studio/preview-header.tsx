import type { StudioEditorView } from "@/lib/studio/view";
import type { DraftFields } from "@/lib/validation/studio";

/** The page's heading as the public site shows it, above the previewed body. */
export function PreviewHeader({ kind, fields }: { kind: StudioEditorView["kind"]; fields: DraftFields }) {
  return (
    <header className="mb-6 border-b border-ink-200 pb-4 dark:border-ink-800">
      {kind === "principle" ? (
        <p className="text-sm font-semibold uppercase tracking-wide text-accord-700 dark:text-accord-300">Principle {fields.number}</p>
      ) : null}
      <p className="mt-1 font-serif text-3xl font-semibold tracking-tight">{fields.title}</p>
      <p className="mt-2 text-lg text-muted">{kind === "page" ? fields.description : fields.summary}</p>
    </header>
  );
}
