"use client";

import { type FormEvent, useState } from "react";
import { Field } from "@/components/forms/fields";
import type { ActionState } from "@/lib/actions/action-state";

/**
 * A textarea Field with a visible character count. Screen readers hear the count only near the
 * limit, not on every keystroke.
 */
export function CountedTextarea({
  name,
  label,
  state,
  defaultValue = "",
  max,
  min,
  hint,
  required,
}: {
  name: string;
  label: string;
  state: ActionState;
  defaultValue?: string;
  max: number;
  min?: number;
  hint?: string;
  required?: boolean;
}) {
  // Browsers submit line breaks as CRLF; count them as the one character the schema keeps.
  const shown = (s: ActionState) => (s.values?.[name] ?? defaultValue).replace(/\r\n/g, "\n").length;
  const [length, setLength] = useState(() => shown(state));
  // After each submit the field shows the returned value (or empties): count that, not the old text.
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    setLength(shown(state));
  }
  const left = max - length;
  const onInput = (event: FormEvent<HTMLDivElement>) => {
    const target = event.target as HTMLTextAreaElement;
    if (target.name === name) setLength(target.value.length);
  };
  const short = min !== undefined && length > 0 && length < min;
  return (
    <div onInput={onInput}>
      <Field name={name} label={label} as="textarea" maxLength={max} defaultValue={defaultValue} state={state} hint={hint} required={required} />
      <p className={`mt-1 text-sm ${left < 100 || short ? "font-medium text-amber-900 dark:text-amber-200" : "text-ink-600 dark:text-ink-300"}`}>
        {length} / {max} characters{short ? ` (at least ${min})` : ""}
      </p>
      <p className="sr-only" aria-live="polite">
        {left <= 100 ? `${left} characters left` : ""}
      </p>
    </div>
  );
}
