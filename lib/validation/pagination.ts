import { z } from "zod";

/** `?page=` from a URL: absent means 1; a repeated parameter or anything but 1..10,000 is refused. */
export const pageParamSchema = z
  .string()
  .regex(/^[1-9]\d{0,4}$/, "must be a page number")
  .transform(Number)
  .pipe(z.number().max(10_000))
  .optional()
  .transform((v) => v ?? 1);
