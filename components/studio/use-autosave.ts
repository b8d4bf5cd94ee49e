import { useCallback, useEffect, useRef, useState } from "react";
import { saveDraftAction, type SaveDraftResult } from "@/app/studio/actions";
import type { FieldName } from "@/lib/studio/source";
import type { StudioEditorView } from "@/lib/studio/view";
import type { DraftFields } from "@/lib/validation/studio";
import { type EditorText, type OpenedText, sameText } from "./use-backup";

export type SaveStatus = { status: "saved" | "pending" | "saving" | "conflict" | "error"; message?: string };
export type Conflict = Extract<SaveDraftResult, { status: "conflict" }>;

const AUTOSAVE_DELAY_MS = 1000;

/**
 * The text in the editor and its saving: each change is kept in this browser at once and saved
 * after a pause, with optimistic locking on the draft's revision. A conflict pauses saving until
 * the editor keeps their own text (`keepMine`) or takes the saved one (`takeSaved`).
 */
export function useAutosave(options: {
  view: StudioEditorView;
  readOnly: boolean;
  opened: OpenedText;
  backup: { keep: (text: EditorText, baseRevision: number) => void; clear: () => void };
}) {
  const { view, readOnly, opened } = options;
  const { keep, clear } = options.backup;
  const [fields, setFields] = useState<DraftFields>(opened.fields);
  const [body, setBody] = useState(opened.body);
  const [revision, setRevision] = useState(opened.revision);
  const [state, setState] = useState(view.state);
  const [save, setSave] = useState<SaveStatus>({ status: opened.restoredAt ? "pending" : "saved" });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [edits, setEdits] = useState(opened.restoredAt ? 1 : 0);
  // What the next save sends; kept beside the state because saves run outside render.
  const latest = useRef({ fields: opened.fields, body: opened.body, revision: opened.revision });
  const saving = useRef(false);

  const setText = useCallback((text: EditorText) => {
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
      keep(text, latest.current.revision);
      setSave((s) => (s.status === "conflict" ? s : { status: "pending" }));
      setEdits((n) => n + 1);
    },
    [keep, setText],
  );

  const changeField = useCallback((name: FieldName, value: string) => changed({ fields: { ...latest.current.fields, [name]: value } }), [changed]);
  const changeBody = useCallback((next: string) => changed({ body: next }), [changed]);

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
        clear();
        setSave({ status: "saved" });
      } else {
        keep({ fields: latest.current.fields, body: latest.current.body }, result.revision);
        setSave({ status: "pending" });
        setEdits((n) => n + 1);
      }
    } else if (result.status === "conflict") {
      setConflict(result);
      setSave({ status: "conflict" });
    } else {
      setSave({ status: "error", message: result.message });
    }
  }, [view.key, setBase, keep, clear]);

  // Autosave, debounced; a conflict pauses it until the editor chooses which text to keep.
  useEffect(() => {
    if (edits === 0 || conflict || readOnly) return;
    const timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [edits, conflict, readOnly, saveNow]);

  function keepMine() {
    if (!conflict) return;
    setBase(conflict.revision);
    setConflict(null);
    setSave({ status: "pending" });
    setEdits((n) => n + 1);
  }

  function takeSaved() {
    if (!conflict) return;
    setText({ fields: conflict.saved.fields, body: conflict.saved.body });
    setBase(conflict.revision);
    clear();
    setConflict(null);
    setSave({ status: "saved" });
  }

  return { fields, body, revision, state, save, conflict, changeField, changeBody, keepMine, takeSaved };
}
