"use client";

import { useActionState } from "react";
import { publishReportAction } from "@/app/dashboard/report-actions";
import { CountedTextarea } from "@/components/commitments/counted-textarea";
import { Field, SubmitButton } from "@/components/forms/fields";
import { StatefulForm } from "@/components/forms/stateful-form";
import { initialActionState } from "@/lib/actions/action-state";
import { textLimits } from "@/lib/validation/text-limit";
import { ReportAutosave } from "./report-autosave";

export type ReportCommitment = { id: string; title: string; principle: string; status: string };
/** The saved draft the form opens with (members write it; it is private until an owner publishes). */
export type ReportDraftValues = {
  year: number;
  narrative: string;
  items: { commitmentId: string; status: string; note: string }[];
  revision: number;
  savedAt: string;
};

/**
 * The yearly report: a narrative, and for every commitment a status (prefilled with today's) and
 * an optional note. Field names `status-<id>` / `note-<id>` are what the shared schema parses.
 */
export function ReportForm({
  organisationId,
  defaultYear,
  commitments,
  statuses,
  draft,
  canPublish,
}: {
  organisationId: string;
  defaultYear: number;
  commitments: ReportCommitment[];
  statuses: { value: string; label: string }[];
  draft: ReportDraftValues | null;
  canPublish: boolean;
}) {
  const [state, action] = useActionState(publishReportAction, initialActionState);
  const drafted = new Map((draft?.items ?? []).map((i) => [i.commitmentId, i]));
  return (
    <StatefulForm action={action} state={state} className="space-y-6">
      <input type="hidden" name="organisationId" value={organisationId} />
      <ReportAutosave organisationId={organisationId} draft={draft && { year: draft.year, revision: draft.revision, savedAt: draft.savedAt }}>
        <div className="max-w-[12rem]">
          <Field
            name="year"
            label="Year"
            type="number"
            required
            defaultValue={String(draft?.year ?? defaultYear)}
            state={state}
            hint="The year this report covers."
          />
        </div>
        <CountedTextarea
          name="narrative"
          label="Narrative"
          required
          min={textLimits.reportNarrative.min}
          max={textLimits.reportNarrative.max}
          defaultValue={draft?.narrative ?? ""}
          state={state}
          hint="What you did this year under the accord, what you learned and what comes next (50 to 10,000 characters). Plain text."
        />
        {commitments.length > 0 ? (
          <div className="space-y-4">
            <h2 className="font-serif text-xl font-semibold">Your commitments</h2>
            <p className="text-sm text-muted">Give each one its status now. A changed status also becomes a new revision of the commitment.</p>
            {commitments.map((c) => (
              <fieldset key={c.id} className="space-y-3 rounded-md border border-ink-200 p-4 dark:border-ink-800">
                <legend className="px-1 font-semibold break-words">{c.title}</legend>
                <p className="text-sm text-muted">{c.principle}</p>
                <Field
                  name={`status-${c.id}`}
                  label="Status"
                  summaryLabel={`Status of “${c.title}”`}
                  as="select"
                  required
                  options={statuses}
                  defaultValue={drafted.get(c.id)?.status ?? c.status}
                  state={state}
                />
                <Field
                  name={`note-${c.id}`}
                  label="Note"
                  summaryLabel={`Note on “${c.title}”`}
                  as="textarea"
                  limit={textLimits.reportNote}
                  defaultValue={drafted.get(c.id)?.note ?? ""}
                  state={state}
                  hint="Up to 1000 characters: what changed, what is next."
                />
              </fieldset>
            ))}
          </div>
        ) : null}
      </ReportAutosave>
      {canPublish ? (
        <SubmitButton pendingLabel="Publishing…">Publish report</SubmitButton>
      ) : (
        <p className="rounded-md border border-ink-300 px-4 py-3 text-sm dark:border-ink-700">
          Only owners publish the report. Your draft is saved for them: tell an owner it is ready, and they can read and publish it from this page.
        </p>
      )}
    </StatefulForm>
  );
}
