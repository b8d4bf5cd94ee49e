"use client";

import { useActionState } from "react";
import { initialActionState } from "@/lib/actions/action-state";
import { requestSignInLink } from "@/app/sign-in/actions";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState(requestSignInLink, initialActionState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field
        name="email"
        label="Work email"
        type="email"
        autoComplete="email"
        required
        maxLength={254}
        state={state}
        hint="Use the address at your organisation's domain: it can prove that you speak for it."
      />
      <SubmitButton pendingLabel="Sending…">Email me a sign-in link</SubmitButton>
    </form>
  );
}
