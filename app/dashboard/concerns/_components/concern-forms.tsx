"use client";

import { ActionForm } from "@/components/forms/action-form";
import { Field } from "@/components/forms/fields";
import { concernLimits } from "@/lib/concerns/limits";
import { submitConcernAction, withdrawConcernAction } from "../actions";

export function SubmitConcernForm({ organisation, principles }: { organisation: string; principles: { value: string; label: string }[] }) {
  return (
    <ActionForm
      action={submitConcernAction}
      hidden={{ organisation }}
      submitLabel="Send to the moderators"
      pendingLabel="Sending…"
      fields={(state) => (
        <>
          <Field name="principle" label="Principle it acted against" as="select" required options={principles} state={state} />
          <Field
            name="statement"
            label="What happened"
            as="textarea"
            rows={8}
            required
            limit={concernLimits.statement}
            hint="Facts a reader can check: what the signatory did, when, and where it was reported. Plain text; a moderator may edit it before it is published."
            state={state}
          />
          <Field
            name="evidenceLinks"
            label="Evidence links"
            as="textarea"
            rows={3}
            hint="Up to 5 https:// addresses, one per line: reporting, court records, the signatory's own statements."
            state={state}
          />
        </>
      )}
    />
  );
}

export function WithdrawConcernForm({ concernId }: { concernId: string }) {
  return <ActionForm action={withdrawConcernAction} hidden={{ concernId }} submitLabel="Withdraw this concern" pendingLabel="Withdrawing…" tone="secondary" />;
}
