import { redirect } from "next/navigation";
import { afterEach, describe, expect, it, vi } from "vitest";
import { errorState, GENERIC_FAILURE } from "@/lib/actions/error-state";
import { AppError } from "@/lib/errors";

describe("errorState: what an action answers when its work throws", () => {
  afterEach(() => vi.restoreAllMocks());

  it("answers an AppError with its own message and fields", () => {
    const error = new AppError("invalid", "That domain is taken.", { domain: "Already registered." });
    expect(errorState(error)).toEqual({ status: "error", message: "That domain is taken.", fieldErrors: { domain: "Already registered." } });
  });

  it("answers an AppError without fields with its message alone", () => {
    expect(errorState(new AppError("forbidden", "Only owners can do that."))).toEqual({ status: "error", message: "Only owners can do that." });
  });

  it("logs anything else and answers without its cause", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const cause = new Error('duplicate key value violates unique constraint "users_email_key"');
    const state = errorState(cause);
    expect(state).toEqual({ status: "error", message: GENERIC_FAILURE });
    expect(state.message).not.toContain("users_email_key");
    expect(log).toHaveBeenCalledWith("[registry] action failed:", cause);
  });

  it("uses the caller's generic message when it has one (the studio keeps the text)", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(errorState("boom", "Your text is still here.")).toEqual({ status: "error", message: "Your text is still here." });
  });

  it("lets Next's own control flow (a redirect) pass on untouched", () => {
    let thrown: unknown;
    try {
      redirect("/dashboard");
    } catch (error) {
      thrown = error;
    }
    expect(() => errorState(thrown)).toThrow(thrown as Error);
  });
});
