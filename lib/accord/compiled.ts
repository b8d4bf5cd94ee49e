import "server-only";
import { cache } from "react";
import type { PageSlug } from "@/lib/validation/content";
import { getPage, getPreamble, getPrinciple, getPrinciples } from "./content";
import { compileMdx } from "./mdx";

const compile = cache((doc: { file: string; body: string; lineOffset: number }, idPrefix: string) => compileMdx(doc.body, doc.file, idPrefix, doc.lineOffset));

export async function getCompiledPreamble() {
  const preamble = await getPreamble();
  return { ...preamble, compiled: await compile(preamble, "") };
}

/** Every principle compiled for the accord page, heading ids prefixed so they stay unique there. */
export async function getCompiledPrinciples() {
  const principles = await getPrinciples();
  return Promise.all(principles.map(async (p) => ({ ...p, compiled: await compile(p, `p${p.frontmatter.number}-`) })));
}

export async function getCompiledPrinciple(slug: string) {
  const found = await getPrinciple(slug);
  if (!found) return null;
  return { ...found, compiled: await compile(found.principle, "") };
}

export async function getCompiledPage(slug: PageSlug) {
  const page = await getPage(slug);
  return { ...page, compiled: await compile(page, "") };
}
