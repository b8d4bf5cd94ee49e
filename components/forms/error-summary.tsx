"use client";

import { createContext, useContext, useEffect, useRef } from "react";
import { type ActionState, CORRECT_FIELDS } from "@/lib/actions/action-state";

export type RegisteredField = { id: string; label: string };

/**
 * The fields of the form being rendered, by name, so the summary at its top can name each field
 * and link to it. Fields write themselves in while rendering; the summary only shows after a
 * submit, when every field of the form has rendered at least once.
 */
export const FormFields = createContext<Map<string, RegisteredField> | null>(null);

export function useRegisterField(name: string, id: string, label: string) {
  const fields = useContext(FormFields);
  fields?.set(name, { id, label });
}

/** "Legal name is required" for a message that continues the label; a whole sentence ("Choose a country") as it is. */
export function summaryText(label: string | undefined, message: string) {
  if (!label || /^[A-Z]/.test(message)) return message;
  return `${label.replace(/[.:]\s*$/, "")} ${message}`;
}

function focusField(id: string) {
  const element = document.getElementById(id);
  if (!element) return;
  element.focus();
  element.scrollIntoView({ block: "center" });
}

/**
 * What happened, at the top of the form: on a refusal, a summary naming every field with a link
 * that moves focus to it; on success, the action's message. After each submit focus moves here, so
 * keyboard and screen-reader users hear the outcome and continue from it instead of from <body>.
 */
export function FormOutcome({ state, fields }: { state: ActionState; fields: Map<string, RegisteredField> }) {
  const target = useRef<HTMLDivElement & HTMLParagraphElement>(null);
  const shown = useRef(state);
  useEffect(() => {
    // Only a new answer moves focus: not the first render, not a re-render with the same answer.
    if (shown.current === state) return;
    shown.current = state;
    if (state.status !== "idle") target.current?.focus();
  }, [state]);

  const message = state.message && !(state.fieldErrors && state.message === CORRECT_FIELDS) ? state.message : undefined;
  // Each refused field, named and linked; a reason tied to no visible field that only repeats the
  // message (a stale revision) is said once.
  const errors = Object.entries(state.fieldErrors ?? {})
    .map(([name, error]) => ({ name, error, field: fields.get(name) }))
    .filter(({ error, field }) => field || error !== message);
  return (
    <>
      {/* A live region present from the first render, so the success message is announced when it arrives. */}
      <div aria-live="polite">
        {state.status === "success" && message ? (
          <p
            ref={target}
            role="status"
            tabIndex={-1}
            className="rounded-md bg-accord-50 px-4 py-3 text-sm font-medium text-accord-800 dark:bg-accord-800/40 dark:text-accord-100"
          >
            {message}
          </p>
        ) : null}
      </div>
      {state.status === "error" && errors.length === 0 ? (
        // A refusal with no field to point at (too many links, a session that ended): the message alone.
        <p
          ref={target}
          tabIndex={-1}
          role="alert"
          data-error-summary=""
          className="rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-sm font-semibold text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100"
        >
          {message}
        </p>
      ) : null}
      {state.status === "error" && errors.length > 0 ? (
        <div
          ref={target}
          tabIndex={-1}
          role="alert"
          data-error-summary=""
          className="rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100"
        >
          <p className="font-semibold">{errors.length === 1 ? "There is a problem with 1 answer:" : `There is a problem with ${errors.length} answers:`}</p>
          {errors.length > 0 ? (
            <>
              {message ? <p className="mt-1">{message}</p> : null}
              <ul className="mt-2 list-disc space-y-1 pl-5">
                {errors.map(({ name, error, field }) => {
                  const text = summaryText(field?.label, error);
                  return (
                    <li key={name}>
                      {field ? (
                        <a
                          href={`#${field.id}`}
                          onClick={(event) => {
                            event.preventDefault();
                            focusField(field.id);
                          }}
                          className="font-medium underline"
                        >
                          {text}
                        </a>
                      ) : (
                        text
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
