"use client";

import { inviteMemberAction } from "@/app/dashboard/membership-actions";
import { ActionForm } from "@/components/forms/action-form";
import { Field } from "@/components/forms/fields";

/** An owner invites a colleague by email; the link goes to that address only. */
export function InviteForm({ organisationId }: { organisationId: string }) {
  return (
    <ActionForm
      action={inviteMemberAction}
      hidden={{ organisationId }}
      submitLabel="Send invitation"
      pendingLabel="Sending…"
      fields={(state) => (
        <Field
          name="email"
          label="Colleague's email address"
          type="email"
          autoComplete="off"
          required
          state={state}
          hint="They get a link that works once, for 7 days, when they sign in with this address. Any domain is fine: your invitation vouches for them."
        />
      )}
    />
  );
}
