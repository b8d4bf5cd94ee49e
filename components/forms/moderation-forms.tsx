"use client";

import { approveOrganisationAction, changeSiteRoleAction, rejectOrganisationAction } from "@/app/admin/actions";
import { ActionForm } from "./action-form";
import { Field } from "./fields";

export function ApproveForm({ organisationId }: { organisationId: string }) {
  return (
    <ActionForm
      action={approveOrganisationAction}
      hidden={{ organisationId }}
      submitLabel="Approve"
      pendingLabel="Approving…"
      fields={(state) => <Field name="note" label="Note (public, how you checked)" required maxLength={1000} state={state} />}
    />
  );
}

export function RejectForm({ organisationId }: { organisationId: string }) {
  return (
    <ActionForm
      action={rejectOrganisationAction}
      hidden={{ organisationId }}
      submitLabel="Reject"
      pendingLabel="Rejecting…"
      tone="danger"
      fields={(state) => <Field name="reason" label="Reason (shown to the registrants)" required maxLength={1000} state={state} />}
    />
  );
}

export function RoleForm({ userId, role }: { userId: string; role: string }) {
  return (
    <ActionForm
      action={changeSiteRoleAction}
      hidden={{ userId }}
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
