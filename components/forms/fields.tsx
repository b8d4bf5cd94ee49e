"use client";

import { createContext, useContext } from "react";
import { useFormStatus } from "react-dom";
import type { ActionState } from "@/lib/actions/action-state";

const inputClass =
  "mt-1 block w-full rounded-md border border-ink-300 bg-white px-3 py-2 text-ink-900 shadow-sm focus:border-accord-600 dark:border-ink-600 dark:bg-ink-900 dark:text-ink-50 aria-[invalid=true]:border-red-700 dark:aria-[invalid=true]:border-red-400";

type FieldProps = {
  name: string;
  label: string;
  state: ActionState;
  defaultValue?: string;
  hint?: string;
  type?: string;
  required?: boolean;
  maxLength?: number;
  autoComplete?: string;
  as?: "input" | "textarea" | "select";
  options?: { value: string; label: string }[];
};

/**
 * Prefixes field ids when one page holds several copies of the same form (a moderation queue), so
 * every label, hint and error stays tied to its own input.
 */
export const FieldIdScope = createContext("");

/** The input's id (scoped when a page repeats the form) and the ids of its hint and error, for aria-describedby. */
export function useFieldIds(name: string, { hint, error }: { hint?: string; error?: string }) {
  const scope = useContext(FieldIdScope);
  const id = scope ? `${scope}-${name}` : name;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return { id, describedBy };
}

export function FieldHint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p id={`${id}-hint`} className="text-sm text-ink-600 dark:text-ink-300">
      {hint}
    </p>
  ) : null;
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700 dark:text-red-400">
      {error}
    </p>
  ) : null;
}

/** A labelled field that keeps its value after a failed submit and shows its own error beneath. */
export function Field({ name, label, state, defaultValue, hint, type = "text", required, maxLength, autoComplete, as = "input", options }: FieldProps) {
  const error = state.fieldErrors?.[name];
  const { id, describedBy } = useFieldIds(name, { hint, error });
  const value = state.values?.[name] ?? defaultValue ?? "";
  const common = { id, name, required, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, className: inputClass };
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
        {required ? null : <span className="font-normal text-ink-500 dark:text-ink-400"> (optional)</span>}
      </label>
      <FieldHint id={id} hint={hint} />
      {as === "textarea" ? (
        <textarea {...common} key={value} defaultValue={value} maxLength={maxLength} rows={4} />
      ) : as === "select" ? (
        <select {...common} key={value} defaultValue={value}>
          <option value="">Choose…</option>
          {options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} key={value} type={type} defaultValue={value} maxLength={maxLength} autoComplete={autoComplete} />
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function FormMessage({ state }: { state: ActionState }) {
  if (!state.message) return null;
  const isError = state.status === "error";
  return (
    <p
      role={isError ? "alert" : "status"}
      className={`rounded-md px-4 py-3 text-sm font-medium ${isError ? "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-accord-50 text-accord-800 dark:bg-accord-800/40 dark:text-accord-100"}`}
    >
      {state.message}
    </p>
  );
}

export function SubmitButton({
  children,
  pendingLabel,
  tone = "primary",
}: {
  children: string;
  pendingLabel?: string;
  tone?: "primary" | "secondary" | "danger";
}) {
  const { pending } = useFormStatus();
  const tones = {
    primary: "bg-accord-700 text-white hover:bg-accord-800",
    secondary: "border border-ink-300 bg-white text-ink-900 hover:border-accord-600 dark:border-ink-600 dark:bg-ink-950 dark:text-ink-50",
    danger: "bg-red-700 text-white hover:bg-red-800",
  };
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={`rounded-md px-4 py-2 font-semibold disabled:opacity-60 ${tones[tone]}`}>
      {pending ? (pendingLabel ?? "Working…") : children}
    </button>
  );
}
