"use client";

import { useActionState } from "react";
import { createCommitmentAction, updateCommitmentAction } from "@/app/dashboard/commitment-actions";
import { Field, FieldIdScope, SubmitButton } from "@/components/forms/fields";
import { StatefulForm } from "@/components/forms/stateful-form";
import { type ActionState, initialActionState } from "@/lib/actions/action-state";
import { textLimits } from "@/lib/validation/text-limit";
import { CountedTextarea } from "./counted-textarea";

type Option = { value: string; label: string };

export type CommitmentFormValues = { title: string; description: string; status: string; targetDate: string; evidenceLinks: string };

function CommonFields({ state, defaults, statuses }: { state: ActionState; defaults: CommitmentFormValues; statuses: Option[] }) {
  return (
    <>
      <Field
        name="title"
        label="Title"
        required
        limit={textLimits.commitmentTitle}
        defaultValue={defaults.title}
        state={state}
        hint="Up to 120 characters, e.g. “Patch critical vulnerabilities within 14 days”."
      />
      <CountedTextarea
        name="description"
        label="Description"
        max={textLimits.commitmentDescription.max}
        defaultValue={defaults.description}
        state={state}
        hint="What you will do and how anyone can tell. Plain text: a blank line starts a new paragraph."
      />
      <Field name="status" label="Status" as="select" required options={statuses} defaultValue={defaults.status} state={state} />
      <Field name="targetDate" label="Target date" type="date" defaultValue={defaults.targetDate} state={state} hint="When you expect to achieve it." />
      <Field
        name="evidenceLinks"
        label="Evidence links"
        as="textarea"
        defaultValue={defaults.evidenceLinks}
        state={state}
        hint="Up to 5 https:// addresses, one per line: a policy, an audit, a report anyone can read."
      />
    </>
  );
}

const empty: CommitmentFormValues = { title: "", description: "", status: "planned", targetDate: "", evidenceLinks: "" };

/** Registers a new commitment under one of the current accord's principles. */
export function NewCommitmentForm({ organisationId, principles, statuses }: { organisationId: string; principles: Option[]; statuses: Option[] }) {
  const [state, action] = useActionState(createCommitmentAction, initialActionState);
  return (
    <StatefulForm action={action} state={state} className="space-y-5">
      <input type="hidden" name="organisationId" value={organisationId} />
      {/* The dashboard holds other forms too: prefix ids so labels and errors stay tied to these fields. */}
      <FieldIdScope value="new-commitment">
        <Field
          name="principle"
          label="Principle"
          as="select"
          required
          options={principles}
          state={state}
          hint="The principle of the accord this commitment puts into practice."
        />
        <CommonFields state={state} defaults={empty} statuses={statuses} />
      </FieldIdScope>
      <SubmitButton pendingLabel="Adding…">Add commitment</SubmitButton>
    </StatefulForm>
  );
}

/**
 * Edits a commitment. The hidden revision is the one this form was loaded at: if someone saved in
 * between, the data layer refuses and the form offers a reload instead of overwriting their work.
 */
export function EditCommitmentForm({
  commitmentId,
  revision,
  defaults,
  statuses,
  reloadHref,
}: {
  commitmentId: string;
  revision: number;
  defaults: CommitmentFormValues;
  statuses: Option[];
  reloadHref: string;
}) {
  const [state, action] = useActionState(updateCommitmentAction, initialActionState);
  const stale = Boolean(state.fieldErrors?.revision);
  return (
    <StatefulForm action={action} state={state} className="space-y-5">
      <input type="hidden" name="commitmentId" value={commitmentId} />
      <input type="hidden" name="revision" value={String(revision)} />
      <CommonFields state={state} defaults={defaults} statuses={statuses} />
      <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
      {stale ? (
        <p className="text-sm">
          {/* A full load, so the form starts again from the newest revision. */}
          <a href={reloadHref} className="font-semibold underline">
            Reload the latest version
          </a>{" "}
          (your unsaved changes here will be lost: copy them first if you need them).
        </p>
      ) : null}
    </StatefulForm>
  );
}
