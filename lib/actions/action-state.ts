/** What every form action returns, so forms refill their values and show messages by their fields. */
export type ActionState = {
  status: "idle" | "success" | "error";
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

export const initialActionState: ActionState = { status: "idle" };

/**
 * The message of a refusal whose reasons are all by field: forms show their error summary (which
 * names each field) in its place.
 */
export const CORRECT_FIELDS = "Please correct the highlighted fields.";
