"use client";

import { useActionState } from "react";
import { createPrincipleAction } from "@/app/studio/actions";
import { Field, SubmitButton } from "@/components/forms/fields";
import { StatefulForm } from "@/components/forms/stateful-form";
import { initialActionState } from "@/lib/actions/action-state";
import { textLimits } from "@/lib/validation/text-limit";

/** Starts a principle as a draft; nothing public changes until it is published. */
export function NewPrincipleForm({ nextNumber }: { nextNumber: number }) {
  const [state, action] = useActionState(createPrincipleAction, initialActionState);
  return (
    <StatefulForm action={action} state={state} className="space-y-4">
      <Field name="title" label="Title" required limit={textLimits.principleTitle} state={state} />
      <Field
        name="slug"
        label="Slug"
        required
        state={state}
        hint="Its address: /accord/principles/<slug>. Lower-case words joined by hyphens; it cannot change later."
      />
      <Field
        name="summary"
        label="Summary"
        as="textarea"
        required
        limit={textLimits.principleSummary}
        state={state}
        hint="One sentence, up to 240 characters."
      />
      <Field
        name="number"
        label="Position"
        type="number"
        required
        defaultValue={String(nextNumber)}
        state={state}
        hint={`1 to ${nextNumber}. The principles after it move down one when it is published.`}
      />
      <SubmitButton pendingLabel="Creating…">Create draft principle</SubmitButton>
    </StatefulForm>
  );
}
