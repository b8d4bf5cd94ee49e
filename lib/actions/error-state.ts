import { unstable_rethrow } from "next/navigation";
import { AppError } from "@/lib/errors";

export const GENERIC_FAILURE = "Something went wrong on our side; nothing was changed. Please try again.";

/**
 * What an action answers when its work throws. Next's own control flow (redirect, notFound) passes
 * on; an AppError is an expected refusal, answered with its message and fields; anything else is
 * logged and answered without its cause, because its message may hold database details.
 */
export function errorState(error: unknown, generic: string = GENERIC_FAILURE): { status: "error"; message: string; fieldErrors?: Record<string, string> } {
  unstable_rethrow(error);
  if (error instanceof AppError) return { status: "error", message: error.message, fieldErrors: error.fields };
  console.error("[registry] action failed:", error);
  return { status: "error", message: generic };
}
