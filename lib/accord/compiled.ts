import "server-only";
import { unstable_cache } from "next/cache";
import { cache } from "react";
import { checkMdxSafety } from "@/lib/studio/safe-mdx";
import type { PageSlug } from "@/lib/validation/content";
import { getPage, getPreamble, getPrinciple, getPrinciples, type SourceDocument } from "./content";
import { ContentError } from "./errors";
import { compileMdx } from "./mdx";

/**
 * Compiled MDX, content-addressed: the text itself is part of the key (Next hashes it), so an
 * entry can never be stale and needs no tag; a published change is a new text and compiles once.
 */
const compileCached = unstable_cache(
  async (body: string, file: string, idPrefix: string, lineOffset: number) => compileMdx(body, file, idPrefix, lineOffset),
  ["compiled-mdx"],
  { revalidate: false },
);

/**
 * Published text came through the studio, where it is untrusted input: it is checked again here,
 * right before compiling, so nothing that slipped past (an older row, a hand-edited database) is
 * ever run.
 */
const compile = cache(async (doc: SourceDocument<unknown>, idPrefix: string) => {
  const safety = checkMdxSafety(doc.source);
  if (!safety.ok) {
    const first = safety.problems[0]!;
    throw new ContentError(doc.file, `refused unsafe MDX: ${first.reason}`, first.line);
  }
  return compileCached(doc.body, doc.file, idPrefix, doc.lineOffset);
});

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
