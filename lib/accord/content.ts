import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { cache } from "react";
import type { z } from "zod";
import { type PublishedSource, getPublishedSources } from "@/db/queries/studio";
import { isBuildPrerender } from "@/lib/build-phase";
import { documentLabel, kindOfKey, principleKey } from "@/lib/studio/keys";
import {
  type PageFrontmatter,
  type PageSlug,
  type PreambleFrontmatter,
  type PrincipleFrontmatter,
  pageFrontmatterSchema,
  pageSlugs,
  preambleFrontmatterSchema,
  principleFrontmatterSchema,
} from "@/lib/validation/content";
import { ContentError } from "./errors";

/**
 * `lineOffset`: lines before the body (frontmatter), so compile errors can name the file's line;
 * `source`: the whole text, frontmatter included, as stored.
 */
export type SourceDocument<F> = { file: string; frontmatter: F; body: string; lineOffset: number; source: string };
export type Principle = SourceDocument<PrincipleFrontmatter>;
export type Preamble = SourceDocument<PreambleFrontmatter>;
export type Page = SourceDocument<PageFrontmatter>;

export function contentDir(): string {
  return process.env.CONTENT_DIR ?? path.join(/*turbopackIgnore: true*/ process.cwd(), "content");
}

/** Parses one file's frontmatter with its zod schema; a bad field names the file and the field. */
export function parseDocument<S extends z.ZodType>(file: string, source: string, schema: S): SourceDocument<z.output<S>> {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // Options, even empty, keep gray-matter from caching every text it parses for the process's life.
    parsed = matter(source, {});
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    throw new ContentError(file, `invalid frontmatter: ${(error as Error).message.split("\n")[0]}`, mark?.line !== undefined ? mark.line + 2 : undefined);
  }
  const result = schema.safeParse(parsed.data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join(".") || "frontmatter";
    const fieldLine = source.split("\n").findIndex((l) => l.startsWith(`${String(issue.path[0])}:`));
    throw new ContentError(file, `frontmatter field "${field}" ${issue.message}`, fieldLine >= 0 ? fieldLine + 1 : 1);
  }
  const lineOffset = source.split("\n").length - parsed.content.split("\n").length;
  return { file, frontmatter: result.data, body: parsed.content, lineOffset, source };
}

async function readDocument<S extends z.ZodType>(relative: string, schema: S) {
  const file = path.join(/*turbopackIgnore: true*/ contentDir(), relative);
  let source: string;
  try {
    source = await fs.readFile(/*turbopackIgnore: true*/ file, "utf8");
  } catch {
    throw new ContentError(path.join("content", relative), "file is missing");
  }
  return parseDocument(path.join("content", relative), source, schema);
}

/*
 * The shipped text: the files in content/ as this release ships them. Only the studio's import
 * reads them (the first start publishes them, a later release's changes become drafts); the
 * public pages render the published documents below.
 */

export const getShippedPreamble = cache(async (): Promise<Preamble> => readDocument("accord/preamble.mdx", preambleFrontmatterSchema));

/** Principles sorted by number; numbers must run 1..n and slugs be unique. */
export function checkPrincipleSequence(principles: Principle[], where: string): Principle[] {
  principles.sort((a, b) => a.frontmatter.number - b.frontmatter.number);
  const seen = new Set<string>();
  principles.forEach((p, i) => {
    if (p.frontmatter.number !== i + 1) throw new ContentError(p.file, `principle number ${p.frontmatter.number} breaks the sequence 1..${principles.length}`);
    if (seen.has(p.frontmatter.slug)) throw new ContentError(p.file, `duplicate principle slug "${p.frontmatter.slug}"`);
    seen.add(p.frontmatter.slug);
  });
  if (principles.length === 0) throw new ContentError(where, "no principles found");
  return principles;
}

export const getShippedPrinciples = cache(async (): Promise<Principle[]> => {
  const dir = path.join(/*turbopackIgnore: true*/ contentDir(), "accord", "principles");
  const files = (await fs.readdir(/*turbopackIgnore: true*/ dir)).filter((f) => f.endsWith(".mdx")).sort();
  const principles = await Promise.all(files.map((f) => readDocument(path.join("accord", "principles", f), principleFrontmatterSchema)));
  return checkPrincipleSequence(principles, "content/accord/principles");
});

export const getShippedPage = cache(async (slug: PageSlug): Promise<Page> => readDocument(path.join("pages", `${slug}.mdx`), pageFrontmatterSchema));

/** Every shipped document with the studio key it is imported under. */
export async function getShippedDocuments(): Promise<{ key: string; document: SourceDocument<unknown> }[]> {
  const [preamble, principles, pages] = await Promise.all([
    getShippedPreamble(),
    getShippedPrinciples(),
    Promise.all(pageSlugs.map((slug) => getShippedPage(slug))),
  ]);
  return [
    { key: "preamble", document: preamble },
    ...principles.map((p) => ({ key: principleKey(p.frontmatter.slug), document: p })),
    ...pages.map((page, i) => ({ key: pageSlugs[i]!, document: page })),
  ];
}

/*
 * The published text, from the database (through the data cache): what every public page renders.
 * Same shapes as the shipped readers, so pages do not care where the text came from.
 */

function published<S extends z.ZodType>(sources: PublishedSource[], key: string, schema: S): SourceDocument<z.output<S>> {
  const found = sources.find((s) => s.key === key);
  if (!found) throw new ContentError(documentLabel(key), "has not been published");
  return parseDocument(documentLabel(key), found.source, schema);
}

/** While `next build` prerenders there is no database: the shipped text stands in (see isBuildPrerender). */
async function getShippedAsPublished(): Promise<PublishedSource[]> {
  return (await getShippedDocuments()).map(({ key, document }) => ({ key, kind: kindOfKey(key), source: document.source, revision: 1 }));
}

const getPublished = cache(() => (isBuildPrerender() ? getShippedAsPublished() : getPublishedSources()));

export const getPreamble = cache(async (): Promise<Preamble> => published(await getPublished(), "preamble", preambleFrontmatterSchema));

/** The accord's principles in order; the studio keeps them numbered 1..n. */
export const getPrinciples = cache(async (): Promise<Principle[]> => {
  const sources = (await getPublished()).filter((s) => s.kind === "principle");
  return checkPrincipleSequence(
    sources.map((s) => parseDocument(documentLabel(s.key), s.source, principleFrontmatterSchema)),
    "studio/principles",
  );
});

export async function getPrinciple(slug: string): Promise<{ principle: Principle; previous?: Principle; next?: Principle } | null> {
  const principles = await getPrinciples();
  const index = principles.findIndex((p) => p.frontmatter.slug === slug);
  if (index < 0) return null;
  return { principle: principles[index]!, previous: principles[index - 1], next: principles[index + 1] };
}

export const getPage = cache(async (slug: PageSlug): Promise<Page> => published(await getPublished(), slug, pageFrontmatterSchema));
