"use client";

import { approveOrganisationAction, changeSiteRoleAction, moderateOrganisationAction, rejectOrganisationAction, releaseClaimAction } from "@/app/admin/actions";
import { ActionForm } from "@/components/forms/action-form";
import { Field } from "@/components/forms/fields";
import { textLimits } from "@/lib/validation/text-limit";

export function ApproveForm({ organisationId, view }: { organisationId: string; view: string }) {
  return (
    <ActionForm
      action={approveOrganisationAction}
      hidden={{ organisationId, view }}
      submitLabel="Approve"
      pendingLabel="Approving…"
      fields={(state) => (
        <Field name="note" label="Note (public, how you checked)" as="textarea" rows={2} required limit={textLimits.approvalNote} state={state} />
      )}
    />
  );
}

export function RejectForm({ organisationId, view }: { organisationId: string; view: string }) {
  return (
    <ActionForm
      action={rejectOrganisationAction}
      hidden={{ organisationId, view }}
      submitLabel="Reject"
      pendingLabel="Rejecting…"
      tone="danger"
      fields={(state) => (
        <Field name="reason" label="Reason (shown to the registrants)" as="textarea" rows={2} required limit={textLimits.moderationReason} state={state} />
      )}
    />
  );
}

/** Releases an open claim (say, a squatter's): the domain is free for others again; the claimant sees the reason. */
export function ReleaseForm({ organisationId, view }: { organisationId: string; view: string }) {
  return (
    <ActionForm
      action={releaseClaimAction}
      hidden={{ organisationId, view }}
      submitLabel="Release claim"
      pendingLabel="Releasing…"
      tone="secondary"
      fields={(state) => (
        <Field
          name="reason"
          label="Reason for releasing (shown to the claimant)"
          as="textarea"
          rows={2}
          required
          limit={textLimits.moderationReason}
          state={state}
        />
      )}
    />
  );
}

export function RoleForm({ userId, role, view }: { userId: string; role: string; view: string }) {
  return (
    <ActionForm
      action={changeSiteRoleAction}
      hidden={{ userId, view }}
      submitLabel="Change role"
      tone="secondary"
      className="flex flex-wrap items-end gap-2"
      fields={(state) => (
        <Field
          name="role"
          label="Role"
          as="select"
          required
          defaultValue={role}
          state={state}
          options={["member", "moderator", "editor", "admin"].map((r) => ({ value: r, label: r }))}
        />
      )}
    />
  );
}

const moderation = {
  suspend: { submitLabel: "Suspend", pendingLabel: "Suspending…", tone: "danger", label: "Reason for suspending" },
  delist: { submitLabel: "Delist", pendingLabel: "Delisting…", tone: "danger", label: "Reason for delisting" },
  reinstate: { submitLabel: "Reinstate", pendingLabel: "Reinstating…", tone: "primary", label: "Reason for reinstating" },
} as const;

/** Suspend, delist or reinstate one organisation; the reason is published on its profile and in the ledger. */
export function ModerateForm({ organisationId, change, view }: { organisationId: string; change: keyof typeof moderation; view: string }) {
  const { label, ...button } = moderation[change];
  return (
    <ActionForm
      action={moderateOrganisationAction}
      hidden={{ organisationId, change, view }}
      {...button}
      fields={(state) => (
        <Field
          name="reason"
          label={label}
          hint="Public: shown on the profile and recorded in the ledger. 10 to 1000 characters."
          as="textarea"
          required
          limit={textLimits.moderationReason}
          state={state}
        />
      )}
    />
  );
}
