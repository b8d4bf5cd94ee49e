"use client";

import { useActionState } from "react";
import { withdrawSignatureAction } from "@/app/dashboard/signature-actions";
import { CountedTextarea } from "@/components/commitments/counted-textarea";
import { SubmitButton } from "@/components/forms/fields";
import { StatefulForm } from "@/components/forms/stateful-form";
import { initialActionState } from "@/lib/actions/action-state";
import { textLimits } from "@/lib/validation/text-limit";

/** An owner withdraws the organisation's signature, with the reason the public will read. */
export function WithdrawForm({ organisationId, organisationName }: { organisationId: string; organisationName: string }) {
  const [state, action] = useActionState(withdrawSignatureAction, initialActionState);
  return (
    <StatefulForm action={action} state={state} className="space-y-4">
      <input type="hidden" name="organisationId" value={organisationId} />
      <p className="rounded-md border-l-4 border-red-700 bg-red-50 px-4 py-3 text-sm text-red-950 dark:border-red-400 dark:bg-red-950/50 dark:text-red-50">
        <strong>This is public and permanent.</strong> The withdrawal, its date and your reason are published on {organisationName}&apos;s profile and in the
        ledger, and cannot be edited or erased. {organisationName} can sign again later, as a new signature; the withdrawal stays in the record.
      </p>
      <CountedTextarea
        name="reason"
        label="Public reason for withdrawing"
        min={textLimits.withdrawalReason.min}
        max={textLimits.withdrawalReason.max}
        required
        state={state}
        hint="Between 20 and 1000 characters. Anyone will be able to read it."
      />
      <SubmitButton tone="danger" pendingLabel="Withdrawing…">
        Withdraw the signature
      </SubmitButton>
    </StatefulForm>
  );
}
