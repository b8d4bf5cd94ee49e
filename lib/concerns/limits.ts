import type { TextLimit } from "@/lib/validation/text-limit";

/** How many concerns one person may submit: a burst a day and a ceiling a month. */
export const CONCERN_LIMITS = [
  { windowMs: 24 * 3600_000, max: 3, words: "in 24 hours" },
  { windowMs: 30 * 24 * 3600_000, max: 10, words: "in 30 days" },
] as const;

/** Limits of the texts a concern carries (the shared rule of ./text-limit.ts counts them). */
export const concernLimits = {
  statement: { min: 50, max: 4000 },
  declineReason: { min: 10, max: 1000 },
  response: { min: 20, max: 4000 },
  outcomeReason: { min: 10, max: 1000 },
} as const satisfies Record<string, TextLimit>;
