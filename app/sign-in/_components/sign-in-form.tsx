"use client";

import { useActionState } from "react";
import { initialActionState } from "@/lib/actions/action-state";
import { requestSignInLink } from "@/app/sign-in/actions";
import { Field, SubmitButton } from "@/components/forms/fields";
import { StatefulForm } from "@/components/forms/stateful-form";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(requestSignInLink, initialActionState);
  return (
    <StatefulForm action={action} state={state} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field
        name="email"
        label="Work email"
        type="email"
        autoComplete="email"
        required
        state={state}
        hint="Use the address at your organisation's domain: it can prove that you speak for it."
      />
      <SubmitButton pendingLabel="Sending…">Email me a sign-in link</SubmitButton>
    </StatefulForm>
  );
}
