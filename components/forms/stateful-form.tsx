"use client";

import { type ReactNode, useState } from "react";
import type { ActionState } from "@/lib/actions/action-state";
import { FormFields, FormOutcome, type RegisteredField } from "./error-summary";

/**
 * Every form bound to a server action: the outcome (error summary or success message) at its top,
 * where focus moves after each submit, and the registry that lets the summary name its fields.
 */
export function StatefulForm({
  action,
  state,
  className,
  children,
}: {
  action: (formData: FormData) => void;
  state: ActionState;
  className?: string;
  children: ReactNode;
}) {
  // One registry for the form's life; fields write themselves into it as they render.
  const [fields] = useState(() => new Map<string, RegisteredField>());
  return (
    <form action={action} className={className} noValidate>
      <FormFields value={fields}>
        <FormOutcome state={state} fields={fields} />
        {children}
      </FormFields>
    </form>
  );
}
