import { z } from "zod";

/** Only same-site paths: "/x" but never "//host" or "/\\host", which browsers treat as other sites. */
export const callbackPathSchema = z
  .string()
  .max(500)
  .refine((v) => /^\/(?![/\\])[^\s]*$/.test(v), "must be a path on this site")
  .catch("/dashboard");

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().max(254, "is too long").pipe(z.email("must be an email address, such as name@your-organisation.org")),
  callbackUrl: callbackPathSchema.optional().transform((v) => v ?? "/dashboard"),
});
