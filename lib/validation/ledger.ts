import { z } from "zod";

/** A log index or size in a URL: a plain decimal, no sign, no leading zeros, a safe integer. */
export const logNumberSchema = z
  .string()
  .regex(/^(0|[1-9]\d{0,15})$/, "must be a whole number without leading zeros")
  .transform(Number)
  .pipe(z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER, "is too large"));

export const consistencyQuerySchema = z.strictObject({
  from: logNumberSchema,
  to: logNumberSchema.optional(),
});
