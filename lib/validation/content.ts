import { z } from "zod";

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, hyphens)")
  .max(80);
const line = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

export const principleFrontmatterSchema = z.strictObject({
  number: z.number().int("must be a whole number").positive("must be 1 or more").max(99),
  slug,
  title: line(100),
  summary: line(240),
});

export const preambleFrontmatterSchema = z.strictObject({
  title: line(100),
  summary: line(240),
});

export const pageFrontmatterSchema = z.strictObject({
  title: line(100),
  description: line(240),
});

export type PrincipleFrontmatter = z.infer<typeof principleFrontmatterSchema>;
export type PreambleFrontmatter = z.infer<typeof preambleFrontmatterSchema>;
export type PageFrontmatter = z.infer<typeof pageFrontmatterSchema>;

export const pageSlugs = ["about", "faq", "join"] as const;
export type PageSlug = (typeof pageSlugs)[number];
