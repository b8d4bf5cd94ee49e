import { z } from "zod";
import { organisationSlugSchema } from "@/lib/validation/organisation";

/** The `[file]` segment of /badge/<slug>.svg (Next cannot name a folder `[slug].svg`): the slug, or a parse error. */
export const badgeFileSchema = z
  .string()
  .max(200)
  .regex(/\.svg$/, "must end in .svg")
  .transform((file) => file.slice(0, -".svg".length))
  .pipe(organisationSlugSchema);
