import { useCallback, useEffect, useState } from "react";
import type { StudioEditorView } from "@/lib/studio/view";
import type { DraftFields } from "@/lib/validation/studio";

/** The text being edited: the frontmatter fields and the MDX body. */
export type EditorText = { fields: DraftFields; body: string };
type Backup = EditorText & { baseRevision: number; at: string };
/** What the editor opens with; `restoredAt` is set when it is this browser's unsaved copy. */
export type OpenedText = EditorText & { revision: number; restoredAt: string | null; discardBackup: boolean };

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

export const sameText = (a: EditorText, b: EditorText) =>
  a.body === b.body && JSON.stringify(a.fields, Object.keys(a.fields).sort()) === JSON.stringify(b.fields, Object.keys(b.fields).sort());

/**
 * The text to open with: the stored one, or this browser's unsaved copy of it (a reload, a crash, a
 * lost connection). The copy keeps the revision it was based on, so if someone saved since, its
 * first save is a conflict with the diff rather than an overwrite. A change under review cannot be
 * edited, so a copy waits until it is sent back.
 */
function openText(view: StudioEditorView, readOnly: boolean): OpenedText {
  const stored = { fields: view.fields, body: view.body, revision: view.draftRevision, restoredAt: null as string | null, discardBackup: false };
  const backup = readBackup(view.key);
  if (!backup) return stored;
  if (sameText(backup, view)) return { ...stored, discardBackup: true };
  if (readOnly) return stored;
  return { fields: backup.fields, body: backup.body, revision: backup.baseRevision, restoredAt: backup.at, discardBackup: false };
}

/**
 * This browser's copy of unsaved text, so a reload or a lost connection never loses a word: the text
 * to open with, `keep` for each change not yet saved, `clear` once the server has it.
 */
export function useBackup(view: StudioEditorView, readOnly: boolean) {
  // Mounted in the browser only (see studio-editor-loader.tsx), so the first render can read this browser's copy.
  const [opened] = useState(() => openText(view, readOnly));

  useEffect(() => {
    if (opened.discardBackup) writeBackup(view.key, null);
  }, [opened.discardBackup, view.key]);

  const keep = useCallback(
    (text: EditorText, baseRevision: number) => writeBackup(view.key, { ...text, baseRevision, at: new Date().toISOString() }),
    [view.key],
  );
  const clear = useCallback(() => writeBackup(view.key, null), [view.key]);

  return { opened, keep, clear };
}
