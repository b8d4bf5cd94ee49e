"use client";

import { respondToConcernAction } from "@/app/dashboard/concern-actions";
import { ActionForm } from "@/components/forms/action-form";
import { Field } from "@/components/forms/fields";
import { concernLimits } from "@/lib/concerns/limits";

export function ConcernResponseForm({ concernId }: { concernId: string }) {
  return (
    <ActionForm
      action={respondToConcernAction}
      hidden={{ concernId }}
      submitLabel="Publish the response"
      pendingLabel="Publishing…"
      fields={(state) => (
        <Field
          name="response"
          label="Your response"
          as="textarea"
          rows={5}
          required
          limit={concernLimits.response}
          hint="Published once, beside the concern, in the organisation's name; it cannot be edited afterwards."
          state={state}
        />
      )}
    />
  );
}
