import { z } from "zod";

export const MAX_ACCORD_VERSION = 1_000_000;

/**
 * An accord version number in a URL: 1..1,000,000 written plainly, so each version has one
 * address (no "01", "+1" or "1e0") and nothing else reaches the database or a cache key.
 */
export const accordVersionParamSchema = z
  .string()
  .regex(/^[1-9]\d{0,6}$/, "must be a version number")
  .transform(Number)
  .pipe(z.number().int().positive().max(MAX_ACCORD_VERSION, "is too large"));
