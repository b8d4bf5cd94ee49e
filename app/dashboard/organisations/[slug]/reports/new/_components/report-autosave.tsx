"use client";

import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { saveReportDraftAction } from "@/app/dashboard/report-actions";
import { formatTime } from "@/lib/format/date";

const AUTOSAVE_DELAY_MS = 1000;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const statuses = new Set(["planned", "in_progress", "achieved", "discontinued"]);

type Save = { status: "idle" | "pending" | "saving" | "saved" | "error" | "conflict"; savedAt?: string; message?: string };

/** The report form's values as the draft stores them. */
function draftValues(form: HTMLFormElement) {
  const data = new FormData(form);
  const items: { commitmentId: string; status: "planned" | "in_progress" | "achieved" | "discontinued"; note: string }[] = [];
  for (const [key, value] of data) {
    if (!key.startsWith("status-") || typeof value !== "string" || !statuses.has(value)) continue;
    const commitmentId = key.slice("status-".length);
    if (!uuidPattern.test(commitmentId)) continue;
    const note = data.get(`note-${commitmentId}`);
    items.push({ commitmentId, status: value as (typeof items)[number]["status"], note: typeof note === "string" ? note : "" });
  }
  const year = Number(data.get("year"));
  const narrative = data.get("narrative");
  return { year, narrative: typeof narrative === "string" ? narrative : "", items };
}

/**
 * Saves the report form as a private draft a second after typing stops (through a server action),
 * and says when it was last saved. Each year's draft has its own revision: a save based on an
 * older one (someone else saved meanwhile) is refused and shown, never silently overwritten.
 */
export function ReportAutosave({
  organisationId,
  draft,
  children,
}: {
  organisationId: string;
  draft: { year: number; revision: number; savedAt: string } | null;
  children: ReactNode;
}) {
  const area = useRef<HTMLDivElement>(null);
  const revisions = useRef(new Map<number, number>(draft ? [[draft.year, draft.revision]] : []));
  const saving = useRef(false);
  // Once the form is submitted (published), no autosave may land after the publication.
  const submitted = useRef(false);
  const [edits, setEdits] = useState(0);
  const [save, setSave] = useState<Save>(draft ? { status: "saved", savedAt: draft.savedAt } : { status: "idle" });

  const saveNow = useCallback(async () => {
    const form = area.current?.closest("form");
    if (!form || saving.current || submitted.current) return;
    const values = draftValues(form);
    if (!Number.isInteger(values.year) || values.year < 2000 || values.year > 2200) {
      setSave({ status: "error", message: "Not saved: give the year the report covers." });
      return;
    }
    saving.current = true;
    setSave((s) => ({ ...s, status: "saving" }));
    const baseRevision = revisions.current.get(values.year) ?? 0;
    const result = await saveReportDraftAction({ organisationId, ...values, baseRevision }).catch(
      () => ({ status: "error", message: "The connection was lost; your text is still in this page and is saved when you type again." }) as const,
    );
    saving.current = false;
    if (result.status === "saved") {
      revisions.current.set(values.year, result.revision);
      setSave({ status: "saved", savedAt: result.savedAt });
    } else if (result.status === "conflict") {
      setSave({ status: "conflict", savedAt: result.savedAt, message: result.message });
    } else {
      setSave({ status: "error", message: result.message });
    }
  }, [organisationId]);

  useEffect(() => {
    if (edits === 0) return;
    const timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [edits, saveNow]);

  // Publishing stops the autosave: a save must not land after the publication (it would be refused,
  // or leave a draft for a year already published). Typing again after a refused publication resumes it.
  useEffect(() => {
    const form = area.current?.closest("form");
    if (!form) return;
    const stop = () => {
      submitted.current = true;
    };
    form.addEventListener("submit", stop);
    return () => form.removeEventListener("submit", stop);
  }, []);

  // Leaving with unsaved text asks first (the browser's own prompt).
  useEffect(() => {
    if (save.status !== "pending" && save.status !== "saving") return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [save.status]);

  const changed = () => {
    submitted.current = false;
    setSave((s) => (s.status === "conflict" ? s : { ...s, status: "pending" }));
    setEdits((n) => n + 1);
  };

  const text =
    save.status === "saving"
      ? "Saving the draft…"
      : save.status === "pending"
        ? save.savedAt
          ? `Changes not saved yet (last saved ${formatTime(save.savedAt)})`
          : "Changes not saved yet"
        : save.status === "saved"
          ? `Draft saved at ${formatTime(save.savedAt!)}. Private to your organisation's members until an owner publishes it.`
          : save.status === "idle"
            ? "Your text is saved as a private draft as you type."
            : (save.message ?? "The draft could not be saved.");
  return (
    <div ref={area} onInput={changed} onChange={changed} className="space-y-6">
      <p
        aria-live="polite"
        data-testid="draft-status"
        className={`rounded-md px-3 py-2 text-sm ${save.status === "error" || save.status === "conflict" ? "border-2 border-red-700 text-red-900 dark:border-red-400 dark:text-red-100" : "bg-ink-50 text-ink-700 dark:bg-ink-900 dark:text-ink-200"}`}
      >
        {text}
      </p>
      {children}
    </div>
  );
}
