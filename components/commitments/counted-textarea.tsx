"use client";

import { Field } from "@/components/forms/fields";
import type { ActionState } from "@/lib/actions/action-state";

/**
 * A textarea Field with the shared limit's live counter (lib/validation/text-limit.ts): it counts
 * as the server does, line breaks as one, and flags text over the limit instead of cutting it.
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
  rows,
}: {
  name: string;
  label: string;
  state: ActionState;
  defaultValue?: string;
  max: number;
  min?: number;
  hint?: string;
  required?: boolean;
  rows?: number;
}) {
  return (
    <Field name={name} label={label} as="textarea" limit={{ max, min }} defaultValue={defaultValue} state={state} hint={hint} required={required} rows={rows} />
  );
}
