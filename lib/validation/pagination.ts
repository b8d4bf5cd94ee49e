import { z } from "zod";

/** `?page=` from a URL: absent means 1; anything but a whole number from 1 to 10,000 is refused. */
export const pageParamSchema = z
  .union([z.string(), z.array(z.string()), z.undefined()])
  .transform((v) => (Array.isArray(v) ? v[0] : v))
  .pipe(z.string().regex(/^[1-9]\d{0,4}$/, "must be a page number").transform(Number).pipe(z.number().max(10_000)).optional())
  .transform((v) => v ?? 1);
