"use client";

import type { ReactNode } from "react";
import { useRegisterField } from "@/components/forms/error-summary";
import { FieldError, FieldHint, useFieldIds, useRefill } from "@/components/forms/fields";
import type { ActionState } from "@/lib/actions/action-state";

/**
 * A labelled checkbox that keeps its state after a failed submit (the action returns what was
 * sent; an unticked box sends nothing) and shows its own error beside it.
 */
export function CheckboxField({
  name,
  label,
  state,
  hint,
  error: shownError,
  required,
  summaryLabel,
}: {
  name: string;
  label: ReactNode;
  state: ActionState;
  hint?: string;
  error?: string;
  required?: boolean;
  /** How the error summary names the box when the label is not plain text. */
  summaryLabel?: string;
}) {
  const error = state.fieldErrors?.[name] ?? shownError;
  const { id, describedBy } = useFieldIds(name, { hint, error });
  const checked = state.values?.[name] === "on";
  useRegisterField(name, id, summaryLabel ?? (typeof label === "string" ? label : name));
  const ref = useRefill<HTMLInputElement>(state, (element) => {
    element.checked = checked;
  });
  return (
    <div className="flex items-start gap-3">
      {/* Kept (not re-created) across submits so focus stays on it; useRefill restores the box after React's form reset. */}
      <input
        ref={ref}
        id={id}
        name={name}
        type="checkbox"
        defaultChecked={checked}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="mt-1 size-5 shrink-0 rounded border-ink-400 accent-accord-700 aria-[invalid=true]:outline-2 aria-[invalid=true]:outline-red-700 dark:accent-accord-300 dark:aria-[invalid=true]:outline-red-400"
      />
      <div className="min-w-0">
        <label htmlFor={id} className="font-medium break-words">
          {label}
          {required ? <span className="font-normal text-muted"> (required)</span> : null}
        </label>
        <FieldHint id={id} hint={hint} />
        <FieldError id={id} error={error} />
      </div>
    </div>
  );
}
