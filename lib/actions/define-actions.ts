import type { z } from "zod";
import type { Db } from "@/db/client";
import type { CurrentUser } from "@/lib/auth/session";
import { type ActionState, CORRECT_FIELDS } from "./action-state";
import { errorState } from "./error-state";

/** The actor as lib/ takes it: who is asking, checked against the row in lib/. */
export type Actor = { userId: string };
/** What every action runs with: the signed-in user, the same person as lib/'s actor, and the database. */
export type ActionContext = { user: CurrentUser; actor: Actor; db: Db };
/** For the few actions that also serve visitors (sign-in): no user, no actor. */
export type VisitorContext = { user: CurrentUser | null; actor: Actor | null; db: Db };
type Context<A extends boolean> = A extends true ? ActionContext : VisitorContext;

/** Where the context comes from: the session and the database (create-action.ts), or a test's own. */
export type ActionSources = { currentUser: () => Promise<CurrentUser | null>; database: () => Promise<Db> };

/** Messages of a JSON action (called by client code directly, not as a form post). */
type JsonMessages = { signedOut: string; invalid: (error: z.ZodError) => string; failed: string };
export type JsonFailure = { status: "error"; message: string };

const SIGNED_OUT = "Your session has ended. Please sign in again.";

/** The form's string fields (files and Next's internal $ACTION fields left out), to refill the form. */
function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
  return values;
}

function contextFor(user: CurrentUser | null, db: Db): VisitorContext {
  return { user, actor: user ? { userId: user.id } : null, db };
}

/**
 * Builds the two action wrappers on the given sources. The database is obtained only once the
 * session and the input have passed, so a refused call costs nothing.
 */
export function defineActions(sources: ActionSources) {
  /**
   * The one shape of a form action: check the session, parse the form with the zod schema the form
   * shares, run with `{ user, actor, db }`, and answer `{ status, message, fieldErrors, values }`.
   */
  function createAction<S extends z.ZodType, A extends boolean = true>(options: {
    schema: S;
    requireUser?: A;
    run: (input: z.output<S>, context: Context<A>) => Promise<ActionState | void>;
  }) {
    return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
      const values = formValues(formData);
      try {
        const user = await sources.currentUser();
        if ((options.requireUser ?? true) && !user) return { status: "error", message: SIGNED_OUT, values };
        const parsed = options.schema.safeParse(values);
        if (!parsed.success) {
          const fieldErrors: Record<string, string> = {};
          for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
          return { status: "error", message: CORRECT_FIELDS, fieldErrors, values };
        }
        const context = contextFor(user, await sources.database()) as Context<A>;
        return (await options.run(parsed.data, context)) ?? { status: "success", values };
      } catch (error) {
        return { ...errorState(error), values };
      }
    };
  }

  /**
   * The same for an action client code calls with a JSON value (the studio's autosave and preview):
   * it answers the run's own result, or `{ status: "error", message }`.
   */
  function createJsonAction<S extends z.ZodType, R>(options: {
    schema: S;
    messages: JsonMessages;
    run: (input: z.output<S>, context: ActionContext) => Promise<R>;
  }) {
    return async (input: unknown): Promise<R | JsonFailure> => {
      try {
        const user = await sources.currentUser();
        if (!user) return { status: "error", message: options.messages.signedOut };
        const parsed = options.schema.safeParse(input);
        if (!parsed.success) return { status: "error", message: options.messages.invalid(parsed.error) };
        return await options.run(parsed.data, contextFor(user, await sources.database()) as ActionContext);
      } catch (error) {
        return { status: "error", message: errorState(error, options.messages.failed).message };
      }
    };
  }

  return { createAction, createJsonAction };
}
