"use client";

import { useActionState, useState } from "react";
import { saveTransparencyAction, uploadTransparencyCsvAction } from "@/app/dashboard/transparency-actions";
import { useRegisterField } from "@/components/forms/error-summary";
import { Field, FieldIdScope, SubmitButton, useFieldIds } from "@/components/forms/fields";
import { StatefulForm } from "@/components/forms/stateful-form";
import { type ActionState, initialActionState } from "@/lib/actions/action-state";
import { type LineColumn, lineColumns, lineFieldName, type RawLine } from "@/lib/transparency/columns";

type Option = { value: string; label: string };

export type TransparencyFormProps = {
  organisationId: string;
  mode: "publish" | "correct";
  /** The periods an owner may publish (publish), or the one being corrected (correct). */
  periods: Option[];
  countries: Option[];
  instruments: Option[];
  /** A correction starts from the published figures. */
  lines?: RawLine[];
  notified?: string;
};

const countColumns: { column: LineColumn; label: string }[] = [
  { column: "requests", label: "Requests" },
  { column: "accounts", label: "Accounts or identifiers concerned" },
  { column: "content_disclosed", label: "Content disclosed" },
  { column: "non_content_disclosed", label: "Only non-content data disclosed" },
  { column: "no_data_found", label: "No data found" },
  { column: "rejected", label: "Rejected" },
  { column: "pending", label: "Still pending" },
  { column: "challenged_in_court", label: "Challenged in court" },
];

const BLANK_LINES = 3;
const lineIndexPattern = /^row-(\d+)-/;

function PeriodAndReason({ state, mode, periods }: { state: ActionState; mode: "publish" | "correct"; periods: Option[] }) {
  return (
    <>
      {mode === "publish" ? (
        <div className="max-w-xs">
          <Field
            name="period"
            label="Half-year"
            as="select"
            required
            options={periods}
            defaultValue={periods[0]?.value}
            state={state}
            hint="Only a half-year that has ended; one report per half-year."
          />
        </div>
      ) : (
        <input type="hidden" name="period" value={periods[0]!.value} />
      )}
      <input type="hidden" name="mode" value={mode} />
      {mode === "correct" ? (
        <Field
          name="reason"
          label="Reason for the correction"
          as="textarea"
          required
          limit={{ min: 10, max: 1000 }}
          state={state}
          hint="Public, beside the corrected figures and in the ledger: what was wrong (10 to 1,000 characters)."
        />
      ) : null}
    </>
  );
}

function NotifiedField({ state, notified }: { state: ActionState; notified?: string }) {
  return (
    <div className="max-w-md">
      <Field
        name="notified"
        label="Customers notified of suspected nation-state attacks"
        required
        defaultValue={notified ?? ""}
        state={state}
        hint="How many customers you told, in this half-year, that a government-backed attacker may have targeted them. A number, or a band such as 0-249."
      />
    </div>
  );
}

const bandNote =
  "Each count is a whole number of 0 or more. Where the law forbids an exact figure (often for national-security requests), give a band such as 0-249: it is stored as its bounds and always shown as a band. The five outcomes must add up to the requests (with bands, they must be able to); challenged in court is counted apart, as it overlaps them.";

/**
 * The figures typed in: a line per requesting country and instrument. Blank lines are ignored;
 * "Add a line" adds one (without script, the form still offers three blank lines).
 */
export function TransparencyForm({ organisationId, mode, periods, countries, instruments, lines = [], notified }: TransparencyFormProps) {
  const [state, action] = useActionState(saveTransparencyAction, initialActionState);
  const [extra, setExtra] = useState(0);
  const echoed = Object.keys(state.values ?? {})
    .map((k) => k.match(lineIndexPattern)?.[1])
    .filter(Boolean)
    .map(Number);
  const count = Math.max(lines.length + BLANK_LINES, echoed.length > 0 ? Math.max(...echoed) + 1 : 0) + extra;
  return (
    <StatefulForm action={action} state={state} className="space-y-6">
      <input type="hidden" name="organisationId" value={organisationId} />
      <PeriodAndReason state={state} mode={mode} periods={periods} />
      <NotifiedField state={state} notified={notified} />
      <div className="space-y-4">
        <h2 className="font-serif text-xl font-semibold">Requests by country and instrument</h2>
        <p className="text-sm text-muted">{bandNote}</p>
        {Array.from({ length: count }, (_, i) => (
          <fieldset key={i} className="rounded-md border border-ink-200 p-4 dark:border-ink-800">
            <legend className="px-1 font-semibold">Line {i + 1}</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field
                name={lineFieldName(i, "country")}
                label="Requesting country"
                summaryLabel={`Line ${i + 1}, requesting country`}
                as="select"
                required
                options={countries}
                defaultValue={lines[i]?.country ?? ""}
                state={state}
              />
              <Field
                name={lineFieldName(i, "instrument")}
                label="Instrument"
                summaryLabel={`Line ${i + 1}, instrument`}
                as="select"
                required
                options={instruments}
                defaultValue={lines[i]?.instrument ?? ""}
                state={state}
              />
            </div>
            <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
              {countColumns.map(({ column, label }) => (
                <Field
                  key={column}
                  name={lineFieldName(i, column)}
                  label={label}
                  summaryLabel={`Line ${i + 1}, ${label.toLowerCase()}`}
                  required
                  defaultValue={lines[i]?.[column] ?? ""}
                  state={state}
                />
              ))}
            </div>
          </fieldset>
        ))}
        <button
          type="button"
          onClick={() => setExtra((n) => n + 1)}
          className="rounded-md border border-ink-300 bg-white px-4 py-2 font-semibold text-ink-900 hover:border-accord-600 dark:border-ink-600 dark:bg-ink-950 dark:text-ink-50"
        >
          Add a line
        </button>
      </div>
      <SubmitButton pendingLabel="Publishing…">{mode === "publish" ? "Publish figures" : "Publish the correction"}</SubmitButton>
    </StatefulForm>
  );
}

/** The CSV field: choose a file (read in the browser into the text box) or paste its text; every bad row listed. */
function CsvField({ state }: { state: ActionState }) {
  const error = state.fieldErrors?.csv;
  const hint = `A header row naming the columns ${lineColumns.join(", ")} (any order), then one row per country and instrument. Countries as ISO codes (DE), instruments as codes (court_order) or names; counts as in the form. At most 256 KB.`;
  const { id, describedBy } = useFieldIds("csv", { hint, error: error ? "x" : undefined });
  useRegisterField("csv", id, "The CSV file");
  const [text, setText] = useState(state.values?.csv ?? "");
  return (
    <div className="space-y-2">
      <label htmlFor={`${id}-file`} className="block font-medium">
        CSV file
      </label>
      <p id={`${id}-hint`} className="text-sm text-muted">
        {hint}
      </p>
      <input
        id={`${id}-file`}
        type="file"
        accept=".csv,text/csv"
        aria-describedby={`${id}-hint`}
        onChange={async (event) => {
          const file = event.currentTarget.files?.[0];
          if (file) setText(await file.text());
        }}
        className="block text-sm"
      />
      <label htmlFor={id} className="block font-medium">
        Or paste the CSV
      </label>
      <textarea
        id={id}
        name="csv"
        rows={8}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        spellCheck={false}
        className="mt-1 block w-full rounded-md border border-ink-300 bg-white px-3 py-2 font-mono text-sm text-ink-900 shadow-sm aria-[invalid=true]:border-red-700 dark:border-ink-600 dark:bg-ink-900 dark:text-ink-50"
      />
      {error ? (
        <div id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700 dark:text-red-400">
          <p>Nothing was saved. Fix these and upload again:</p>
          <ul className="mt-1 list-disc pl-5">
            {error.split("\n").map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

export function TransparencyCsvForm({
  organisationId,
  mode,
  periods,
  notified,
}: Pick<TransparencyFormProps, "organisationId" | "mode" | "periods" | "notified">) {
  const [state, action] = useActionState(uploadTransparencyCsvAction, initialActionState);
  return (
    <StatefulForm action={action} state={state} className="space-y-6">
      <input type="hidden" name="organisationId" value={organisationId} />
      {/* The typed-in form is on the same page with the same field names: its own ids keep labels and errors apart. */}
      <FieldIdScope value="csv-upload">
        <PeriodAndReason state={state} mode={mode} periods={periods} />
        <NotifiedField state={state} notified={notified} />
        <CsvField state={state} />
      </FieldIdScope>
      <SubmitButton pendingLabel="Checking and publishing…">
        {mode === "publish" ? "Check and publish the file" : "Check and publish the correction"}
      </SubmitButton>
    </StatefulForm>
  );
}
