import { z } from "zod";
import { type TextLimit, countCharacters, normaliseLineBreaks, tooLongMessage } from "./text-limit";

/**
 * A free-text field under the shared limit rule (./text-limit.ts): line breaks normalised to LF,
 * the maximum checked on the text as the browser counts it (so the counter and the server always
 * agree), then trimmed and the minimum checked. Missing or empty text is `required` when there is
 * a minimum; otherwise it is the empty string.
 */
export function limitedText(limit: TextLimit, messages: { required?: string; tooShort?: string } = {}) {
  const min = limit.min ?? 0;
  const required = messages.required ?? "is required";
  const tooShort = messages.tooShort ?? `must be at least ${min} characters`;
  return z
    .string({ message: required })
    .default("")
    .superRefine((raw, ctx) => {
      const length = countCharacters(raw);
      if (length > limit.max) ctx.addIssue({ code: "custom", message: tooLongMessage(length, limit.max), abort: true });
    })
    .transform((raw) => normaliseLineBreaks(raw).trim())
    .superRefine((text, ctx) => {
      if (min === 0) return;
      if (text.length === 0) ctx.addIssue({ code: "custom", message: required });
      else if (text.length < min) ctx.addIssue({ code: "custom", message: tooShort });
    });
}

/** The same for a field that must not be empty but has no other minimum (a name). */
export const requiredText = (limit: TextLimit, required = "is required") => limitedText({ min: 1, ...limit }, { required });
