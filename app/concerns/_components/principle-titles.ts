import "server-only";
import { getPrinciples } from "@/lib/accord/content";

/** The accord's principles by slug, for naming the principle a concern is about (the slug if it was since removed). */
export async function principleTitles(): Promise<(slug: string) => string> {
  const principles = await getPrinciples();
  const titles = new Map(principles.map((p) => [p.frontmatter.slug, p.frontmatter.title]));
  return (slug) => titles.get(slug) ?? slug;
}
