"use client";

import { type ChangeEvent, createContext, useContext, useLayoutEffect, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import type { ActionState } from "@/lib/actions/action-state";
import { type TextLimit, countCharacters, textLimitProblem } from "@/lib/validation/text-limit";
import { useRegisterField } from "./error-summary";
import { TextCounter } from "./text-counter";

const inputClass = "mt-1 field-input aria-[invalid=true]:border-red-700 dark:aria-[invalid=true]:border-red-400";

type FieldProps = {
  name: string;
  label: string;
  state: ActionState;
  defaultValue?: string;
  hint?: string;
  type?: string;
  required?: boolean;
  /** The shared limit (lib/validation/text-limit.ts): a live counter, and a paste over it kept and flagged, never cut. */
  limit?: TextLimit;
  /** Read as `limit={{ max }}`: a counter and a flag, never the browser's silent cut. */
  maxLength?: number;
  autoComplete?: string;
  as?: "input" | "textarea" | "select";
  options?: { value: string; label: string }[];
  rows?: number;
  /** How the error summary names the field when the label alone is ambiguous (one "Note" per commitment). */
  summaryLabel?: string;
};

/**
 * Prefixes field ids when one page holds several copies of the same form (a moderation queue), so
 * every label, hint and error stays tied to its own input.
 */
export const FieldIdScope = createContext("");

/** The input's id (scoped when a page repeats the form) and the ids of its hint and error, for aria-describedby. */
export function useFieldIds(name: string, { hint, error, counted }: { hint?: string; error?: string; counted?: boolean }) {
  const scope = useContext(FieldIdScope);
  const id = scope ? `${scope}-${name}` : name;
  const describedBy = [hint ? `${id}-hint` : null, counted ? `${id}-count` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return { id, describedBy };
}

/**
 * Puts the value an action answered back into an uncontrolled field after React's automatic form
 * reset, without re-creating the element (which would drop focus). Runs only when a new answer
 * arrives, so text typed before hydration is kept.
 */
export function useRefill<E extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(state: ActionState, apply: (element: E) => void) {
  const ref = useRef<E>(null);
  const seen = useRef(state);
  useLayoutEffect(() => {
    if (seen.current === state) return;
    seen.current = state;
    if (ref.current) apply(ref.current);
    // `apply` is a fresh closure each render; only a new answer should run it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  return ref;
}

export function FieldHint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p id={`${id}-hint`} className="text-sm text-muted">
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

/**
 * A labelled field that keeps its value after a failed submit and shows its own error beneath. With
 * a limit it counts as the server counts (line breaks as one) and flags text over the limit at once,
 * with the server's own message, instead of letting the browser cut a paste short.
 */
export function Field({
  name,
  label,
  state,
  defaultValue,
  hint,
  type = "text",
  required,
  limit: givenLimit,
  maxLength,
  autoComplete,
  as = "input",
  options,
  rows = 4,
  summaryLabel,
}: FieldProps) {
  const limit = givenLimit ?? (maxLength === undefined ? undefined : { max: maxLength });
  const value = state.values?.[name] ?? defaultValue ?? "";
  const [length, setLength] = useState(() => countCharacters(value));
  const [overLimit, setOverLimit] = useState<string | undefined>(() => (limit ? textLimitProblem(value, limit) : undefined));
  // The answer an edit was made after: the server's message described the text before that edit,
  // so it gives way until the next submit (a limit's own check keeps running meanwhile).
  const [editedAfter, setEditedAfter] = useState<ActionState | null>(null);
  const track = (text: string) => {
    if (!limit) return;
    setLength(countCharacters(text));
    setOverLimit(textLimitProblem(text, limit));
  };
  const error = overLimit ?? (editedAfter === state ? undefined : state.fieldErrors?.[name]);
  const { id, describedBy } = useFieldIds(name, { hint, error, counted: Boolean(limit) });
  useRegisterField(name, id, summaryLabel ?? label);
  const ref = useRefill<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>(state, (element) => {
    element.value = value;
    track(element.value);
  });
  const common = {
    id,
    name,
    required,
    "aria-required": required || undefined,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    className: inputClass,
    defaultValue: value,
  };
  const onChange = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
    setEditedAfter(state);
    track(event.target.value);
  };
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
        {required ? null : <span className="font-normal text-muted"> (optional)</span>}
      </label>
      <FieldHint id={id} hint={hint} />
      {as === "textarea" ? (
        <textarea {...common} ref={ref} rows={rows} onChange={onChange} />
      ) : as === "select" ? (
        <select {...common} ref={ref} onChange={onChange}>
          <option value="">Choose…</option>
          {options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} ref={ref} type={type} autoComplete={autoComplete} onChange={onChange} />
      )}
      {limit ? <TextCounter id={id} length={length} limit={limit} /> : null}
      <FieldError id={id} error={error} />
    </div>
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
  // Never `disabled`: a disabled button loses focus to <body> while the form is sent. A second
  // press while sending is ignored instead.
  return (
    <button
      type="submit"
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
      className={`rounded-md px-4 py-2 font-semibold aria-disabled:cursor-wait aria-disabled:opacity-60 ${tones[tone]}`}
    >
      {pending ? (pendingLabel ?? "Working…") : children}
    </button>
  );
}
