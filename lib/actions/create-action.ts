import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { type CurrentUser, getCurrentUser } from "@/lib/auth/session";
import type { ActionState } from "./action-state";

type Context<A extends boolean> = { user: A extends true ? CurrentUser : CurrentUser | null };

/** The form's string fields (files and Next's internal $ACTION fields left out), to refill the form. */
function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
  return values;
}

/**
 * The one shape of a server action: check the session, parse the form with the zod schema the
 * form shares, run, and answer `{ status, message, fieldErrors, values }`. Domain code throws
 * AppError for expected refusals; anything else is logged and answered without its cause.
 */
export function createAction<S extends z.ZodType, A extends boolean = true>(options: {
  schema: S;
  requireUser?: A;
  run: (input: z.output<S>, context: Context<A>) => Promise<ActionState | void>;
}) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const values = formValues(formData);
    try {
      const user = await getCurrentUser();
      if ((options.requireUser ?? true) && !user) return { status: "error", message: "Your session has ended. Please sign in again.", values };
      const parsed = options.schema.safeParse(values);
      if (!parsed.success) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
        return { status: "error", message: "Please correct the highlighted fields.", fieldErrors, values };
      }
      return (await options.run(parsed.data, { user } as Context<A>)) ?? { status: "success", values };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AppError) return { status: "error", message: error.message, fieldErrors: error.fields, values };
      console.error("[registry] action failed:", error);
      return { status: "error", message: "Something went wrong on our side; nothing was changed. Please try again.", values };
    }
  };
}
