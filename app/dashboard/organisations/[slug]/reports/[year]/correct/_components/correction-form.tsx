"use client";

import { useActionState } from "react";
import { correctReportAction } from "@/app/dashboard/report-actions";
import { CountedTextarea } from "@/components/commitments/counted-textarea";
import { Field, SubmitButton } from "@/components/forms/fields";
import { StatefulForm } from "@/components/forms/stateful-form";
import { initialActionState } from "@/lib/actions/action-state";
import { textLimits } from "@/lib/validation/text-limit";

export type CorrectionLine = { commitmentId: string; title: string; principle: string; status: string; note: string };

/**
 * A correction of a published report: the report as it now reads, to edit, and the public reason.
 * Publishing it adds a revision; the earlier text stays public beside it.
 */
export function CorrectionForm({
  organisationId,
  year,
  narrative,
  lines,
  statuses,
}: {
  organisationId: string;
  year: number;
  narrative: string;
  lines: CorrectionLine[];
  statuses: { value: string; label: string }[];
}) {
  const [state, action] = useActionState(correctReportAction, initialActionState);
  return (
    <StatefulForm action={action} state={state} className="space-y-6">
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="year" value={String(year)} />
      <CountedTextarea
        name="reason"
        label="Reason for the correction"
        required
        min={10}
        max={1000}
        rows={3}
        state={state}
        hint="Public: shown with the report and recorded in the ledger. Say what was wrong (10 to 1000 characters)."
      />
      <CountedTextarea
        name="narrative"
        label="Narrative"
        required
        min={textLimits.reportNarrative.min}
        max={textLimits.reportNarrative.max}
        defaultValue={narrative}
        state={state}
        hint="The report's text as it should read (50 to 10,000 characters). Plain text."
      />
      {lines.length > 0 ? (
        <div className="space-y-4">
          <h2 className="font-serif text-xl font-semibold">Commitments in this report</h2>
          <p className="text-sm text-muted">
            Correct a status or a note as the report should have said it. The commitments themselves keep their own history: update them from the dashboard.
          </p>
          {lines.map((line) => (
            <fieldset key={line.commitmentId} className="space-y-3 rounded-md border border-ink-200 p-4 dark:border-ink-800">
              <legend className="px-1 font-semibold break-words">{line.title}</legend>
              <p className="text-sm text-muted">{line.principle}</p>
              <Field
                name={`status-${line.commitmentId}`}
                label="Status"
                summaryLabel={`Status of “${line.title}”`}
                as="select"
                required
                options={statuses}
                defaultValue={line.status}
                state={state}
              />
              <Field
                name={`note-${line.commitmentId}`}
                label="Note"
                summaryLabel={`Note on “${line.title}”`}
                as="textarea"
                limit={textLimits.reportNote}
                defaultValue={line.note}
                state={state}
              />
            </fieldset>
          ))}
        </div>
      ) : null}
      <SubmitButton pendingLabel="Publishing the correction…">Publish the correction</SubmitButton>
    </StatefulForm>
  );
}
