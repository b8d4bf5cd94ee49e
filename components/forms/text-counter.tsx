"use client";

import { type TextLimit, textLimitProblem } from "@/lib/validation/text-limit";

type Band = "ok" | "near" | "over";

/** Where a length stands against its limit: the live region speaks only when this changes, not on every keystroke. */
export function limitBand(length: number, limit: TextLimit): Band {
  if (length > limit.max) return "over";
  return limit.max - length <= Math.max(10, Math.floor(limit.max / 10)) ? "near" : "ok";
}

/** The problem the browser shows while the text is over its limit: the very message the server answers. */
export const overLimitMessage = (value: string, limit: TextLimit) => textLimitProblem(value, limit);

const number = (n: number) => n.toLocaleString("en-GB");

/**
 * The visible count under a limited field ("812 / 1,000 characters"), tied to the field by
 * aria-describedby, and a polite live region, present from the start, that speaks when the text
 * comes near the limit or goes over it.
 */
export function TextCounter({ id, length, limit }: { id: string; length: number; limit: TextLimit }) {
  const band = limitBand(length, limit);
  const left = limit.max - length;
  const short = limit.min !== undefined && length > 0 && length < limit.min;
  const spoken = band === "over" ? `${number(-left)} characters over the limit of ${number(limit.max)}` : band === "near" ? "Near the character limit" : "";
  return (
    <>
      <p
        id={`${id}-count`}
        className={`mt-1 text-sm ${band === "over" ? "font-semibold text-red-700 dark:text-red-400" : band === "near" || short ? "font-medium text-amber-900 dark:text-amber-200" : "text-muted"}`}
      >
        {number(length)} / {number(limit.max)} characters
        {band === "over" ? ` (${number(-left)} too many)` : short ? ` (at least ${number(limit.min ?? 0)})` : ""}
      </p>
      <p className="sr-only" aria-live="polite">
        {spoken}
      </p>
    </>
  );
}
