"use client";

import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import { previewAction, saveDraftAction, type SaveDraftResult } from "@/app/studio/actions";
import { DiffSegments } from "@/components/accord/diff-segments";
import type { StudioProblem } from "@/lib/studio/document";
import { fieldLabels, type FieldName, frontmatterFields } from "@/lib/studio/source";
import type { StudioEditorView } from "@/lib/studio/view";
import type { DraftFields } from "@/lib/validation/studio";
import { CodeEditor, type CodeEditorHandle } from "./code-editor";
import { DocumentActions } from "./document-actions";
import { formatStudioTime } from "./format";

type SaveStatus = { status: "saved" | "pending" | "saving" | "conflict" | "error"; message?: string };
type Conflict = Extract<SaveDraftResult, { status: "conflict" }>;
type Preview = { status: "loading" } | { status: "ok"; node: ReactNode } | { status: "problems"; problems: StudioProblem[] } | { status: "error"; message: string };
type Backup = { fields: DraftFields; body: string; baseRevision: number; at: string };

const AUTOSAVE_DELAY_MS = 1000;
const PREVIEW_DELAY_MS = 700;

const inputClass =
  "mt-1 block w-full rounded-md border border-ink-300 bg-white px-3 py-2 text-ink-900 shadow-sm focus:border-accord-600 read-only:bg-ink-50 dark:border-ink-600 dark:bg-ink-900 dark:text-ink-50 dark:read-only:bg-ink-800 aria-[invalid=true]:border-red-700 dark:aria-[invalid=true]:border-red-400";

const fieldHints: Partial<Record<FieldName, (view: StudioEditorView) => string>> = {
  number: (view) => `Its position in the accord, 1 to ${view.isNew ? view.principleCount + 1 : view.principleCount}. The other principles are renumbered when it is published.`,
  slug: () => "Fixed: commitments and links refer to the principle by it.",
  summary: () => "One sentence, up to 240 characters.",
  description: () => "One sentence for search results and share cards, up to 240 characters.",
};

const backupKey = (key: string) => `tech-accord-studio:${key}`;

function readBackup(key: string): Backup | null {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(backupKey(key)) ?? "null") as Backup | null;
    return parsed && typeof parsed.body === "string" && typeof parsed.baseRevision === "number" && typeof parsed.fields === "object" ? parsed : null;
  } catch {
    return null;
  }
}

function writeBackup(key: string, backup: Backup | null) {
  try {
    if (backup) window.localStorage.setItem(backupKey(key), JSON.stringify(backup));
    else window.localStorage.removeItem(backupKey(key));
  } catch {
    // Storage full or disabled: the server copy is all there is, and the status says whether it is saved.
  }
}

const sameText = (a: { fields: DraftFields; body: string }, b: { fields: DraftFields; body: string }) =>
  a.body === b.body && JSON.stringify(a.fields, Object.keys(a.fields).sort()) === JSON.stringify(b.fields, Object.keys(b.fields).sort());

/**
 * The text to open with: the stored one, or this browser's unsaved copy of it (a reload, a crash, a
 * lost connection). The copy keeps the revision it was based on, so if someone saved since, its
 * first save is a conflict with the diff rather than an overwrite. A change under review cannot be
 * edited, so a copy waits until it is sent back.
 */
function openText(view: StudioEditorView, readOnly: boolean) {
  const stored = { fields: view.fields, body: view.body, revision: view.draftRevision, restoredAt: null as string | null, discardBackup: false };
  const backup = readBackup(view.key);
  if (!backup) return stored;
  if (sameText(backup, view)) return { ...stored, discardBackup: true };
  if (readOnly) return stored;
  return { fields: backup.fields, body: backup.body, revision: backup.baseRevision, restoredAt: backup.at, discardBackup: false };
}

const statusText: Record<SaveStatus["status"], string> = {
  saved: "Saved",
  pending: "Unsaved changes",
  saving: "Saving…",
  conflict: "Conflict: not saved",
  error: "Not saved",
};

/**
 * The document editor: frontmatter fields, the MDX body in CodeMirror, a live preview compiled by
 * the site's own pipeline, autosave with optimistic locking, and a copy of unsaved text in this
 * browser's storage so a reload or a lost connection never loses a word.
 */
export function StudioEditor({ view }: { view: StudioEditorView }) {
  const readOnly = view.state === "review" || view.removal || view.removed;
  // Mounted in the browser only (see studio-editor-loader.tsx), so the first render can read this browser's copy.
  const [initial] = useState(() => openText(view, readOnly));
  const [fields, setFields] = useState<DraftFields>(initial.fields);
  const [body, setBody] = useState(initial.body);
  const [revision, setRevision] = useState(initial.revision);
  const [state, setState] = useState(view.state);
  const [save, setSave] = useState<SaveStatus>({ status: initial.restoredAt ? "pending" : "saved" });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [edits, setEdits] = useState(initial.restoredAt ? 1 : 0);
  const [preview, setPreview] = useState<Preview>({ status: "loading" });
  const editor = useRef<CodeEditorHandle>(null);
  // What the next save sends; kept beside the state because saves run outside render.
  const latest = useRef({ fields: initial.fields, body: initial.body, revision: initial.revision });
  const saving = useRef(false);
  const ids = useId().replace(/[^a-zA-Z0-9_-]/g, "");

  useEffect(() => {
    if (initial.discardBackup) writeBackup(view.key, null);
  }, [initial.discardBackup, view.key]);

  const setText = useCallback((text: { fields: DraftFields; body: string }) => {
    latest.current = { ...latest.current, ...text };
    setFields(text.fields);
    setBody(text.body);
  }, []);

  const setBase = useCallback((next: number) => {
    latest.current.revision = next;
    setRevision(next);
  }, []);

  const changed = useCallback(
    (next: { fields?: DraftFields; body?: string }) => {
      const text = { fields: next.fields ?? latest.current.fields, body: next.body ?? latest.current.body };
      setText(text);
      writeBackup(view.key, { ...text, baseRevision: latest.current.revision, at: new Date().toISOString() });
      setSave((s) => (s.status === "conflict" ? s : { status: "pending" }));
      setEdits((n) => n + 1);
    },
    [view.key, setText],
  );

  const saveNow = useCallback(async () => {
    // One save at a time; text typed meanwhile is picked up by the next round.
    if (saving.current) return;
    saving.current = true;
    const sent = { ...latest.current };
    setSave({ status: "saving" });
    const result = await saveDraftAction({ key: view.key, baseRevision: sent.revision, fields: sent.fields, body: sent.body }).catch(
      () => ({ status: "error", message: "The connection was lost; your text is kept in this browser and is saved when you type again." }) as const,
    );
    saving.current = false;
    if (result.status === "saved") {
      setBase(result.revision);
      setState(result.state);
      if (sameText(latest.current, sent)) {
        writeBackup(view.key, null);
        setSave({ status: "saved" });
      } else {
        writeBackup(view.key, { fields: latest.current.fields, body: latest.current.body, baseRevision: result.revision, at: new Date().toISOString() });
        setSave({ status: "pending" });
        setEdits((n) => n + 1);
      }
    } else if (result.status === "conflict") {
      setConflict(result);
      setSave({ status: "conflict" });
    } else {
      setSave({ status: "error", message: result.message });
    }
  }, [view.key, setBase]);

  // Autosave, debounced; a conflict pauses it until the editor chooses which text to keep.
  useEffect(() => {
    if (edits === 0 || conflict || readOnly) return;
    const timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [edits, conflict, readOnly, saveNow]);

  // The preview follows the text, debounced; a newer text cancels the older request's result.
  useEffect(() => {
    let current = true;
    const timer = setTimeout(async () => {
      const result = await previewAction({ key: view.key, fields, body }).catch(() => ({ status: "error", message: "The preview could not be loaded." }) as const);
      if (!current) return;
      if (result.status === "ok") setPreview({ status: "ok", node: result.preview });
      else if (result.status === "problems") setPreview({ status: "problems", problems: result.problems });
      else setPreview({ status: "error", message: result.message });
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [fields, body, view.key]);

  function keepMine() {
    if (!conflict) return;
    setBase(conflict.revision);
    setConflict(null);
    setSave({ status: "pending" });
    setEdits((n) => n + 1);
  }

  function useSaved() {
    if (!conflict) return;
    setText({ fields: conflict.saved.fields, body: conflict.saved.body });
    setBase(conflict.revision);
    writeBackup(view.key, null);
    setConflict(null);
    setSave({ status: "saved" });
  }

  const problems = preview.status === "problems" ? preview.problems : [];
  const fieldProblem = (name: FieldName) => problems.find((p) => p.field === name)?.reason;
  const ready = save.status === "saved" && !conflict;

  return (
    <div className="mt-8 grid grid-cols-1 gap-10 xl:grid-cols-2">
      <section aria-labelledby={`${ids}-edit`} className="min-w-0">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id={`${ids}-edit`} className="font-serif text-2xl font-semibold">
            {readOnly ? "Text" : "Edit"}
          </h2>
          <p role="status" aria-live="polite" data-testid="save-status" className={`text-sm font-semibold ${save.status === "conflict" || save.status === "error" ? "text-red-800 dark:text-red-300" : "text-ink-600 dark:text-ink-300"}`}>
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
          <p data-testid="restored-notice" className="mt-3 rounded-md border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-sm dark:border-amber-400 dark:bg-amber-950/40">
            Restored text you typed in this browser on {formatStudioTime(initial.restoredAt)} that had not been saved; it is being saved now. If someone saved this document
            since, you are asked which text to keep.
          </p>
        ) : null}

        {conflict ? <ConflictPanel conflict={conflict} onKeepMine={keepMine} onUseSaved={useSaved} /> : null}

        <fieldset className="mt-4 space-y-4" disabled={readOnly}>
          <legend className="sr-only">Frontmatter</legend>
          {frontmatterFields[view.kind].map((name) => {
            const id = `${ids}-${name}`;
            const error = fieldProblem(name);
            const hint = fieldHints[name]?.(view);
            const fixed = name === "slug";
            return (
              <div key={name}>
                <label htmlFor={id} className="block font-medium">
                  {fieldLabels[name]}
                </label>
                {hint ? (
                  <p id={`${id}-hint`} className="text-sm text-ink-600 dark:text-ink-300">
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
                    onChange={(e) => changed({ fields: { ...latest.current.fields, [name]: e.target.value } })}
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
                    onChange={(e) => changed({ fields: { ...latest.current.fields, [name]: e.target.value } })}
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

        <div className="mt-4">
          <p id={`${ids}-body-label`} className="font-medium">
            Text (MDX)
          </p>
          <p id={`${ids}-body-hint`} className="text-sm text-ink-600 dark:text-ink-300">
            Markdown with the site&apos;s components (<code>&lt;Callout&gt;</code>, <code>&lt;CommitmentList&gt;</code>) and literal props only. Tab moves on to the next control.
          </p>
          <div className="mt-2">
            <CodeEditor ref={editor} value={body} onChange={(next) => changed({ body: next })} label="Text (MDX)" describedBy={`${ids}-body-hint`} readOnly={readOnly} />
          </div>
        </div>

        <DocumentActions view={view} revision={revision} state={state} ready={ready} />
      </section>

      <section aria-labelledby={`${ids}-preview`} className="min-w-0">
        <h2 id={`${ids}-preview`} className="font-serif text-2xl font-semibold">
          Preview
        </h2>
        <p className="text-sm text-ink-600 dark:text-ink-300">Compiled by the public site&apos;s own pipeline and components, after the safety check.</p>
        <div aria-live="polite" aria-busy={preview.status === "loading"} className="mt-4 rounded-lg border border-ink-200 p-5 dark:border-ink-800">
          {preview.status === "loading" ? <p className="text-ink-600 dark:text-ink-300">Compiling the preview…</p> : null}
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

function PreviewHeader({ kind, fields }: { kind: StudioEditorView["kind"]; fields: DraftFields }) {
  return (
    <header className="mb-6 border-b border-ink-200 pb-4 dark:border-ink-800">
      {kind === "principle" ? <p className="text-sm font-semibold uppercase tracking-wide text-accord-700 dark:text-accord-300">Principle {fields.number}</p> : null}
      <p className="mt-1 font-serif text-3xl font-semibold tracking-tight">{fields.title}</p>
      <p className="mt-2 text-lg text-ink-600 dark:text-ink-300">{kind === "page" ? fields.description : fields.summary}</p>
    </header>
  );
}

function ProblemList({ problems, onGoTo }: { problems: StudioProblem[]; onGoTo: (line: number, column: number | null) => void }) {
  return (
    <div role="alert">
      <p className="font-semibold text-red-800 dark:text-red-300">
        {problems.length === 1 ? "One problem stops" : `${problems.length} problems stop`} this text from being previewed or published:
      </p>
      <ul className="mt-2 list-disc space-y-2 pl-6">
        {problems.map((p, i) => (
          <li key={i}>
            {p.field ? (
              <>Field “{fieldLabels[p.field]}”: </>
            ) : (
              <button type="button" onClick={() => onGoTo(p.bodyLine!, p.column)} className="font-semibold text-accord-700 underline hover:text-accord-800 dark:text-accord-300">
                Line {p.bodyLine}
                {p.column ? `, column ${p.column}` : ""}
              </button>
            )}
            {p.field ? null : ": "}
            <span className="break-words">{p.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ConflictPanel({ conflict, onKeepMine, onUseSaved }: { conflict: Conflict; onKeepMine: () => void; onUseSaved: () => void }) {
  return (
    <section aria-labelledby="conflict-heading" className="mt-4 rounded-md border-l-4 border-red-700 bg-red-50 px-4 py-4 text-red-950 dark:border-red-400 dark:bg-red-950/50 dark:text-red-50">
      <h3 id="conflict-heading" className="font-semibold">
        Someone else saved this document first
      </h3>
      <p className="mt-1 text-sm">
        {conflict.savedBy} saved it{conflict.savedAt ? ` on ${formatStudioTime(conflict.savedAt)}` : ""}. Your text was not saved, and it is still here and in this browser. The
        differences from the saved text to yours:
      </p>
      <div data-testid="conflict-diff" tabIndex={0} role="region" aria-label="Differences from the saved text to yours" className="mt-3 max-h-80 overflow-auto whitespace-pre-wrap rounded-md bg-white p-3 font-mono text-sm text-ink-900 [overflow-wrap:anywhere] dark:bg-ink-950 dark:text-ink-50">
        <DiffSegments segments={conflict.diff} />
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="button" onClick={onKeepMine} className="rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800">
          Keep my text (save over theirs)
        </button>
        <button type="button" onClick={onUseSaved} className="rounded-md border border-ink-300 bg-white px-4 py-2 font-semibold text-ink-900 hover:border-accord-600 dark:border-ink-600 dark:bg-ink-950 dark:text-ink-50">
          Use the saved text (discard mine)
        </button>
      </div>
    </section>
  );
}
