"use client";

import { useId, useRef } from "react";
import type { StudioEditorView } from "@/lib/studio/view";
import { CodeEditor, type CodeEditorHandle } from "./code-editor";
import { ConflictPanel } from "./conflict-panel";
import { DocumentActions } from "./document-actions";
import { formatStudioTime } from "./format";
import { FrontmatterFields } from "./frontmatter-fields";
import { PreviewHeader } from "./preview-header";
import { ProblemList } from "./problem-list";
import { type SaveStatus, useAutosave } from "./use-autosave";
import { useBackup } from "./use-backup";
import { usePreview } from "./use-preview";

const statusText: Record<SaveStatus["status"], string> = {
  saved: "Saved",
  pending: "Unsaved changes",
  saving: "Saving…",
  conflict: "Conflict: not saved",
  error: "Not saved",
};

/**
 * The document editor: frontmatter fields, the MDX body in CodeMirror, a live preview compiled by
 * the site's own pipeline (use-preview.ts), autosave with optimistic locking (use-autosave.ts), and
 * a copy of unsaved text in this browser's storage so a reload or a lost connection never loses a
 * word (use-backup.ts).
 */
export function StudioEditor({ view }: { view: StudioEditorView }) {
  const readOnly = view.state === "review" || view.removal || view.removed;
  const backup = useBackup(view, readOnly);
  const initial = backup.opened;
  const { fields, body, revision, state, save, conflict, changeField, changeBody, keepMine, takeSaved } = useAutosave({
    view,
    readOnly,
    opened: initial,
    backup,
  });
  const preview = usePreview(view.key, fields, body);
  const editor = useRef<CodeEditorHandle>(null);
  const ids = useId().replace(/[^a-zA-Z0-9_-]/g, "");

  const problems = preview.status === "problems" ? preview.problems : [];
  const ready = save.status === "saved" && !conflict;

  return (
    <div className="mt-8 grid grid-cols-1 gap-10 xl:grid-cols-2">
      <section aria-labelledby={`${ids}-edit`} className="min-w-0">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id={`${ids}-edit`} className="section-heading">
            {readOnly ? "Text" : "Edit"}
          </h2>
          <p
            role="status"
            aria-live="polite"
            data-testid="save-status"
            className={`text-sm font-semibold ${save.status === "conflict" || save.status === "error" ? "text-red-800 dark:text-red-300" : "text-muted"}`}
          >
            {readOnly ? (view.state === "review" ? "Locked while awaiting review" : "Read only") : statusText[save.status]}
            {save.status === "saved" && !readOnly ? (state === "published" ? " (no draft: this is the published text)" : " (draft)") : null}
          </p>
        </div>
        {save.status === "error" && save.message ? (
          <p role="alert" className="mt-2 rounded-md bg-red-50 px-4 py-3 text-sm font-medium text-red-800 dark:bg-red-950 dark:text-red-200">
            {save.message}
          </p>
        ) : null}
        {initial.restoredAt ? (
          <p
            data-testid="restored-notice"
            className="mt-3 rounded-md border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-sm dark:border-amber-400 dark:bg-amber-950/40"
          >
            Restored text you typed in this browser on {formatStudioTime(initial.restoredAt)} that had not been saved; it is being saved now. If someone saved
            this document since, you are asked which text to keep.
          </p>
        ) : null}

        {conflict ? <ConflictPanel conflict={conflict} onKeepMine={keepMine} onUseSaved={takeSaved} /> : null}

        <FrontmatterFields view={view} idPrefix={ids} readOnly={readOnly} fields={fields} problems={problems} onChange={changeField} />

        <div className="mt-4">
          <p id={`${ids}-body-label`} className="font-medium">
            Text (MDX)
          </p>
          <p id={`${ids}-body-hint`} className="text-sm text-muted">
            Markdown with the site&apos;s components (<code>&lt;Callout&gt;</code>, <code>&lt;CommitmentList&gt;</code>) and literal props only. Tab moves on to
            the next control.
          </p>
          <div className="mt-2">
            <CodeEditor ref={editor} value={body} onChange={changeBody} label="Text (MDX)" describedBy={`${ids}-body-hint`} readOnly={readOnly} />
          </div>
        </div>

        <DocumentActions view={view} revision={revision} state={state} ready={ready} />
      </section>

      <section aria-labelledby={`${ids}-preview`} className="min-w-0">
        <h2 id={`${ids}-preview`} className="section-heading">
          Preview
        </h2>
        <p className="text-sm text-muted">Compiled by the public site&apos;s own pipeline and components, after the safety check.</p>
        <div aria-live="polite" aria-busy={preview.status === "loading"} className="mt-4 rounded-lg border border-ink-200 p-5 dark:border-ink-800">
          {preview.status === "loading" ? <p className="text-muted">Compiling the preview…</p> : null}
          {preview.status === "error" ? <p className="font-medium text-red-800 dark:text-red-300">{preview.message}</p> : null}
          {preview.status === "problems" ? <ProblemList problems={preview.problems} onGoTo={(line, column) => editor.current?.goTo(line, column)} /> : null}
          {preview.status === "ok" ? (
            <div data-testid="studio-preview">
              <PreviewHeader kind={view.kind} fields={fields} />
              {preview.node}
            </div>
          ) : null}
        </div>
      </section>
    </div>
  );
}
