import { redirect } from "next/navigation";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Db } from "@/db/client";
import { defineActions } from "@/lib/actions/define-actions";
import { initialActionState } from "@/lib/actions/action-state";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

const ada: CurrentUser = { id: "0190c0de-0000-7000-8000-000000000001", email: "ada@example.org", name: "Ada", emailVerified: true, siteRole: "member" };
// The wrapper only hands the handle on; a marked object shows it is the one the source gave.
const db = { marker: "the request's database" } as unknown as Db;

/** Sources as create-action.ts wires them, with a settable session and a count of database openings. */
function sources(user: CurrentUser | null) {
  const opened = { count: 0 };
  const actions = defineActions({
    currentUser: async () => user,
    database: async () => {
      opened.count++;
      return db;
    },
  });
  return { ...actions, opened };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  data.set("$ACTION_ID_abc", "");
  return data;
}

const schema = z.object({ name: z.string().trim().min(2, "Give a name of at least 2 characters.") });

describe("createAction: one context for every form action", () => {
  afterEach(() => vi.restoreAllMocks());

  it("runs with the user, lib/'s actor for that user, and the database", async () => {
    const { createAction } = sources(ada);
    const run = vi.fn(async () => {});
    const action = createAction({ schema, run });
    const state = await action(initialActionState, form({ name: " Ada " }));
    expect(run).toHaveBeenCalledWith({ name: "Ada" }, { user: ada, actor: { userId: ada.id }, db });
    expect(state).toEqual({ status: "success", values: { name: " Ada " } });
  });

  it("answers the run's own state", async () => {
    const { createAction } = sources(ada);
    const action = createAction({ schema, run: async (input) => ({ status: "success", message: `Hello ${input.name}.` }) });
    expect(await action(initialActionState, form({ name: "Ada" }))).toEqual({ status: "success", message: "Hello Ada." });
  });

  it("refuses a signed-out visitor before parsing, without opening the database", async () => {
    const { createAction, opened } = sources(null);
    const run = vi.fn(async () => {});
    const state = await createAction({ schema, run })(initialActionState, form({ name: "x" }));
    expect(state).toEqual({ status: "error", message: "Your session has ended. Please sign in again.", values: { name: "x" } });
    expect(run).not.toHaveBeenCalled();
    expect(opened.count).toBe(0);
  });

  it("refuses bad input by field, refilling the form, without running", async () => {
    const { createAction, opened } = sources(ada);
    const run = vi.fn(async () => {});
    const state = await createAction({ schema, run })(initialActionState, form({ name: "x" }));
    expect(state).toEqual({
      status: "error",
      message: "Please correct the highlighted fields.",
      fieldErrors: { name: "Give a name of at least 2 characters." },
      values: { name: "x" },
    });
    expect(run).not.toHaveBeenCalled();
    expect(opened.count).toBe(0);
  });

  it("serves visitors when the action asks for no user (sign-in): no user, no actor", async () => {
    const { createAction } = sources(null);
    const run = vi.fn(async () => {});
    await createAction({ schema, requireUser: false, run })(initialActionState, form({ name: "Ada" }));
    expect(run).toHaveBeenCalledWith({ name: "Ada" }, { user: null, actor: null, db });
  });

  it("answers a domain refusal with its message and fields, keeping the values", async () => {
    const { createAction } = sources(ada);
    const action = createAction({
      schema,
      run: async () => {
        throw new AppError("conflict", "Someone changed it first.", { revision: "stale" });
      },
    });
    expect(await action(initialActionState, form({ name: "Ada" }))).toEqual({
      status: "error",
      message: "Someone changed it first.",
      fieldErrors: { revision: "stale" },
      values: { name: "Ada" },
    });
  });

  it("answers an unexpected failure generically and logs it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { createAction } = sources(ada);
    const action = createAction({
      schema,
      run: async () => {
        throw new Error("connection refused");
      },
    });
    expect(await action(initialActionState, form({ name: "Ada" }))).toEqual({
      status: "error",
      message: "Something went wrong on our side; nothing was changed. Please try again.",
      values: { name: "Ada" },
    });
    expect(log).toHaveBeenCalledOnce();
  });

  it("answers generically when the session cannot be read", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { createAction } = defineActions({
      currentUser: async () => {
        throw new Error("auth down");
      },
      database: async () => db,
    });
    const state = await createAction({ schema, run: async () => {} })(initialActionState, form({ name: "Ada" }));
    expect(state.message).toBe("Something went wrong on our side; nothing was changed. Please try again.");
  });

  it("lets a redirect from the run through", async () => {
    const { createAction } = sources(ada);
    const action = createAction({
      schema,
      run: async () => {
        redirect("/dashboard");
      },
    });
    await expect(action(initialActionState, form({ name: "Ada" }))).rejects.toThrow("NEXT_REDIRECT");
  });
});

describe("createJsonAction: the same context for client code calling with a value", () => {
  const messages = {
    signedOut: "Signed out: your text is kept.",
    invalid: (error: z.ZodError) => `Cannot save: ${error.issues[0]?.message}`,
    failed: "Something broke; your text is still here.",
  };
  afterEach(() => vi.restoreAllMocks());

  it("runs with the user, actor and database and answers the run's result", async () => {
    const { createJsonAction } = sources(ada);
    const run = vi.fn(async (input: { name: string }) => ({ status: "saved" as const, name: input.name }));
    const action = createJsonAction({ schema, messages, run });
    expect(await action({ name: "Ada" })).toEqual({ status: "saved", name: "Ada" });
    expect(run).toHaveBeenCalledWith({ name: "Ada" }, { user: ada, actor: { userId: ada.id }, db });
  });

  it("refuses a signed-out caller and bad input with the action's own messages", async () => {
    const run = vi.fn(async () => ({ status: "saved" as const }));
    expect(await sources(null).createJsonAction({ schema, messages, run })({ name: "Ada" })).toEqual({
      status: "error",
      message: "Signed out: your text is kept.",
    });
    expect(await sources(ada).createJsonAction({ schema, messages, run })({ name: 7 })).toEqual({
      status: "error",
      message: expect.stringMatching(/^Cannot save: /),
    });
    expect(run).not.toHaveBeenCalled();
  });

  it("answers a domain refusal with its message only, and anything else with the action's generic message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { createJsonAction } = sources(ada);
    const refusing = createJsonAction({
      schema,
      messages,
      run: async (): Promise<{ status: "saved" }> => {
        throw new AppError("forbidden", "Only editors can change the accord.", { key: "x" });
      },
    });
    expect(await refusing({ name: "Ada" })).toEqual({ status: "error", message: "Only editors can change the accord." });
    const failing = createJsonAction({
      schema,
      messages,
      run: async (): Promise<{ status: "saved" }> => {
        throw new Error("disk full");
      },
    });
    expect(await failing({ name: "Ada" })).toEqual({ status: "error", message: "Something broke; your text is still here." });
    expect(log).toHaveBeenCalledOnce();
  });
});
