import type { StudioProblem } from "@/lib/studio/document";
import { fieldLabels, type FieldName, frontmatterFields } from "@/lib/studio/source";
import type { StudioEditorView } from "@/lib/studio/view";
import type { DraftFields } from "@/lib/validation/studio";

const inputClass =
  "mt-1 block w-full rounded-md border border-ink-500 bg-white px-3 py-2 text-ink-900 shadow-sm focus:border-accord-600 read-only:bg-ink-50 dark:border-ink-400 dark:bg-ink-900 dark:text-ink-50 dark:read-only:bg-ink-800 aria-[invalid=true]:border-red-700 dark:aria-[invalid=true]:border-red-400";

const fieldHints: Partial<Record<FieldName, (view: StudioEditorView) => string>> = {
  number: (view) =>
    `Its position in the accord, 1 to ${view.isNew ? view.principleCount + 1 : view.principleCount}. The other principles are renumbered when it is published.`,
  slug: () => "Fixed: commitments and links refer to the principle by it.",
  summary: () => "One sentence, up to 240 characters.",
  description: () => "One sentence for search results and share cards, up to 240 characters.",
};

/** The document's frontmatter as labelled fields, each with its hint and the preview's problem with it. */
export function FrontmatterFields({
  view,
  idPrefix,
  readOnly,
  fields,
  problems,
  onChange,
}: {
  view: StudioEditorView;
  idPrefix: string;
  readOnly: boolean;
  fields: DraftFields;
  problems: StudioProblem[];
  onChange: (name: FieldName, value: string) => void;
}) {
  const fieldProblem = (name: FieldName) => problems.find((p) => p.field === name)?.reason;
  return (
    <fieldset className="mt-4 space-y-4" disabled={readOnly}>
      <legend className="sr-only">Frontmatter</legend>
      {frontmatterFields[view.kind].map((name) => {
        const id = `${idPrefix}-${name}`;
        const error = fieldProblem(name);
        const hint = fieldHints[name]?.(view);
        const fixed = name === "slug";
        return (
          <div key={name}>
            <label htmlFor={id} className="block font-medium">
              {fieldLabels[name]}
            </label>
            {hint ? (
              <p id={`${id}-hint`} className="text-sm text-muted">
                {hint}
              </p>
            ) : null}
            {name === "summary" || name === "description" ? (
              <textarea
                id={id}
                rows={3}
                value={fields[name] ?? ""}
                aria-invalid={error ? true : undefined}
                aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim() || undefined}
                onChange={(e) => onChange(name, e.target.value)}
                className={inputClass}
              />
            ) : (
              <input
                id={id}
                value={fields[name] ?? ""}
                readOnly={fixed}
                inputMode={name === "number" ? "numeric" : undefined}
                aria-invalid={error ? true : undefined}
                aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim() || undefined}
                onChange={(e) => onChange(name, e.target.value)}
                className={inputClass}
              />
            )}
            {error ? (
              <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700 dark:text-red-400">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
