import { z } from "zod";
import { emailAddressSchema } from "./email-address";
import { dashboardPath } from "@/lib/paths";

/** Only same-site paths: "/x" but never "//host" or "/\\host", which browsers treat as other sites. */
export const callbackPathSchema = z
  .string()
  .max(500)
  .refine((v) => /^\/(?![/\\])[^\s]*$/.test(v), "must be a path on this site")
  .catch(dashboardPath);

export const signInSchema = z.object({
  // The same normaliser Auth.js applies to every other sign-in path (lib/auth/index.ts).
  email: z.string().max(320, "is too long").pipe(emailAddressSchema),
  callbackUrl: callbackPathSchema.optional().transform((v) => v ?? dashboardPath),
});
