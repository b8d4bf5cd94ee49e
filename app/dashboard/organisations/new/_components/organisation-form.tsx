"use client";

import { useActionState } from "react";
import { registerOrganisationAction } from "@/app/dashboard/actions";
import { initialActionState } from "@/lib/actions/action-state";
import { Field, FormMessage, SubmitButton } from "@/components/forms/fields";

export function OrganisationForm({
  defaultDomain,
  countries,
  sectors,
}: {
  defaultDomain: string;
  countries: { value: string; label: string }[];
  sectors: { value: string; label: string }[];
}) {
  const [state, action] = useActionState(registerOrganisationAction, initialActionState);
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field name="legalName" label="Legal name" required maxLength={200} state={state} hint="As registered, e.g. “Acme Defence Ltd”." />
      <Field name="displayName" label="Display name" required maxLength={120} state={state} hint="How the registry shows it, e.g. “Acme Defence”." />
      <Field
        name="primaryDomain"
        label="Primary domain"
        required
        maxLength={253}
        defaultValue={defaultDomain}
        state={state}
        hint="The domain that identifies your organisation; proof of control over it is required before you can sign."
      />
      <Field name="website" label="Website" type="url" maxLength={300} state={state} hint="An https:// address." />
      <Field name="country" label="Country" as="select" required options={countries} state={state} />
      <Field name="sector" label="Sector" as="select" required options={sectors} state={state} />
      <Field
        name="description"
        label="Short description"
        as="textarea"
        maxLength={1000}
        state={state}
        hint="Up to 1000 characters, shown on your public profile."
      />
      <SubmitButton pendingLabel="Registering…">Register organisation</SubmitButton>
    </form>
  );
}
