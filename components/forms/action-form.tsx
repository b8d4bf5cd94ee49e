"use client";

import { type ReactNode, useActionState, useId } from "react";
import { type ActionState, initialActionState } from "@/lib/actions/action-state";
import { FieldIdScope, SubmitButton } from "./fields";
import { StatefulForm } from "./stateful-form";

type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * A form bound to one server action: hidden identifiers, optional fields (a render function gets
 * the state so fields can show their errors and refill), a submit button, and the outcome at the top.
 */
export function ActionForm({
  action,
  hidden,
  submitLabel,
  pendingLabel,
  tone,
  fields,
  className,
}: {
  action: Action;
  hidden?: Record<string, string>;
  submitLabel: string;
  pendingLabel?: string;
  tone?: "primary" | "secondary" | "danger";
  fields?: (state: ActionState) => ReactNode;
  className?: string;
}) {
  const [state, formAction] = useActionState(action, initialActionState);
  const scope = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  return (
    <StatefulForm action={formAction} state={state} className={className ?? "space-y-3"}>
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FieldIdScope value={scope}>{fields?.(state)}</FieldIdScope>
      <SubmitButton tone={tone} pendingLabel={pendingLabel}>
        {submitLabel}
      </SubmitButton>
    </StatefulForm>
  );
}
