"use client";

import { useActionState } from "react";
import { signAccordAction } from "@/app/sign/actions";
import { CheckboxField } from "@/components/signing/checkbox-field";
import { initialActionState } from "@/lib/actions/action-state";
import { Field, SubmitButton } from "@/components/forms/fields";
import { StatefulForm } from "@/components/forms/stateful-form";
import { textLimits } from "@/lib/validation/text-limit";

type Props = {
  organisationId: string;
  organisationName: string;
  version: number;
  principles: { slug: string; title: string }[];
  defaultName?: string;
  reaffirmation: boolean;
};

/**
 * The signature itself. The version travels with the form so that a version published while the
 * signer was reading is refused rather than signed unread; the data layer checks everything again.
 */
export function SignForm({ organisationId, organisationName, version, principles, defaultName, reaffirmation }: Props) {
  const [state, action] = useActionState(signAccordAction, initialActionState);
  const legendClass = "font-serif text-xl font-semibold";
  // When the schema refused other fields the data layer never looked at the boxes, so the form
  // marks the unticked ones itself rather than reveal them only on the next attempt.
  const errors = Object.keys(state.fieldErrors ?? {});
  const boxesUnchecked = errors.length > 0 && !errors.some((key) => key.startsWith("affirm-"));
  const affirmError = (name: string) => (boxesUnchecked && state.values?.[name] !== "on" ? "must be affirmed to sign" : undefined);
  return (
    <StatefulForm action={action} state={state} className="space-y-8">
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="version" value={String(version)} />
      <div className="space-y-5">
        <Field name="signerName" label="Your full name" required limit={textLimits.signerName} autoComplete="name" defaultValue={defaultName} state={state} />
        <Field
          name="signerTitle"
          label="Your job title"
          required
          limit={textLimits.signerTitle}
          autoComplete="organization-title"
          state={state}
          hint="As it should appear in the public record, e.g. “Chief Executive Officer”."
        />
      </div>
      <fieldset className="space-y-4">
        <legend className={legendClass}>Affirm each principle</legend>
        <p className="text-sm text-muted">
          Each principle is part of what {organisationName} commits to. All {principles.length} must be affirmed.
        </p>
        {principles.map((p) => (
          <CheckboxField key={p.slug} name={`affirm-${p.slug}`} label={`I affirm: ${p.title}`} state={state} error={affirmError(`affirm-${p.slug}`)} required />
        ))}
      </fieldset>
      <fieldset className="space-y-4">
        <legend className={legendClass}>Your authority</legend>
        <CheckboxField name="attestation" label={`I am authorised to sign for ${organisationName} and this signature binds it`} state={state} required />
      </fieldset>
      <p className="rounded-md border border-ink-200 bg-ink-50 px-4 py-3 text-sm dark:border-ink-700 dark:bg-ink-900">
        Your name and job title are published with the signature, its time and the content hash of version {version}, in the public ledger. Ledger entries are
        permanent: a signature can later be withdrawn, with a public reason, but never erased.
      </p>
      <SubmitButton pendingLabel="Signing…">{`${reaffirmation ? "Re-affirm" : "Sign"} version ${version} for ${organisationName}`}</SubmitButton>
    </StatefulForm>
  );
}
