"use client";

import { useActionState } from "react";
import { registerOrganisationAction } from "@/app/dashboard/actions";
import { initialActionState } from "@/lib/actions/action-state";
import { Field, SubmitButton } from "@/components/forms/fields";
import { StatefulForm } from "@/components/forms/stateful-form";
import { textLimits } from "@/lib/validation/text-limit";

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
    <StatefulForm action={action} state={state} className="space-y-5">
      <Field name="legalName" label="Legal name" required limit={textLimits.legalName} state={state} hint="As registered, e.g. “Acme Defence Ltd”." />
      <Field
        name="displayName"
        label="Display name"
        required
        limit={textLimits.displayName}
        state={state}
        hint="How the registry shows it, e.g. “Acme Defence”."
      />
      <Field
        name="primaryDomain"
        label="Primary domain"
        required
        defaultValue={defaultDomain}
        state={state}
        hint="The domain that identifies your organisation; proof of control over it is required before you can sign."
      />
      <Field name="website" label="Website" type="url" state={state} hint="An https:// address, e.g. https://www.example.org." />
      <Field name="country" label="Country" as="select" required options={countries} state={state} />
      <Field name="sector" label="Sector" as="select" required options={sectors} state={state} />
      <Field
        name="description"
        label="Short description"
        as="textarea"
        limit={textLimits.organisationDescription}
        state={state}
        hint="Up to 1,000 characters, shown on your public profile. A line break counts as one character."
      />
      <SubmitButton pendingLabel="Registering…">Register organisation</SubmitButton>
    </StatefulForm>
  );
}
