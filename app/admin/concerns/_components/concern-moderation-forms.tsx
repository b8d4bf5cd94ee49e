"use client";

import { ActionForm } from "@/components/forms/action-form";
import { Field } from "@/components/forms/fields";
import { concernLimits } from "@/lib/concerns/limits";
import { admitConcernAction, declineConcernAction, resolveConcernAction } from "../actions";

/** Admission with the public text: the submitter's words to start from, edited as the moderator sees fit. */
export function AdmitConcernForm({ concernId, statement, evidenceLinks }: { concernId: string; statement: string; evidenceLinks: string[] }) {
  return (
    <ActionForm
      action={admitConcernAction}
      hidden={{ concernId }}
      submitLabel="Admit and publish"
      pendingLabel="Publishing…"
      fields={(state) => (
        <>
          <Field
            name="statement"
            label="Public text"
            as="textarea"
            rows={6}
            required
            defaultValue={statement}
            limit={concernLimits.statement}
            hint="What the public reads. Remove anything that names private people or cannot be checked."
            state={state}
          />
          <Field
            name="evidenceLinks"
            label="Public evidence links"
            as="textarea"
            rows={3}
            defaultValue={evidenceLinks.join("\n")}
            hint="https:// only, one per line, at most 5."
            state={state}
          />
        </>
      )}
    />
  );
}

export function DeclineConcernForm({ concernId }: { concernId: string }) {
  return (
    <ActionForm
      action={declineConcernAction}
      hidden={{ concernId }}
      submitLabel="Decline"
      pendingLabel="Declining…"
      tone="danger"
      fields={(state) => (
        <Field name="reason" label="Reason (shown to the submitter only)" as="textarea" rows={2} required limit={concernLimits.declineReason} state={state} />
      )}
    />
  );
}

export function ResolveConcernForm({ concernId }: { concernId: string }) {
  return (
    <ActionForm
      action={resolveConcernAction}
      hidden={{ concernId }}
      submitLabel="Record the outcome"
      pendingLabel="Recording…"
      fields={(state) => (
        <>
          <Field
            name="outcome"
            label="Outcome"
            as="select"
            required
            options={[
              { value: "upheld", label: "Upheld" },
              { value: "not_upheld", label: "Not upheld" },
            ]}
            state={state}
          />
          <Field name="reason" label="Public reason" as="textarea" rows={2} required limit={concernLimits.outcomeReason} state={state} />
        </>
      )}
    />
  );
}
