import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import { cache } from "react";
import type { z } from "zod";
import {
  type PageFrontmatter,
  type PageSlug,
  type PreambleFrontmatter,
  type PrincipleFrontmatter,
  pageFrontmatterSchema,
  preambleFrontmatterSchema,
  principleFrontmatterSchema,
} from "@/lib/validation/content";
import { ContentError } from "./errors";

/** `lineOffset`: lines before the body (frontmatter), so compile errors can name the file's line. */
export type SourceDocument<F> = { file: string; frontmatter: F; body: string; lineOffset: number };
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
    parsed = matter(source);
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
  return { file, frontmatter: result.data, body: parsed.content, lineOffset };
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

export const getPreamble = cache(async (): Promise<Preamble> => readDocument("accord/preamble.mdx", preambleFrontmatterSchema));

/** Principles sorted by number; numbers must run 1..n and slugs be unique, or the build fails. */
export const getPrinciples = cache(async (): Promise<Principle[]> => {
  const dir = path.join(/*turbopackIgnore: true*/ contentDir(), "accord", "principles");
  const files = (await fs.readdir(/*turbopackIgnore: true*/ dir)).filter((f) => f.endsWith(".mdx")).sort();
  const principles = await Promise.all(files.map((f) => readDocument(path.join("accord", "principles", f), principleFrontmatterSchema)));
  principles.sort((a, b) => a.frontmatter.number - b.frontmatter.number);
  const seen = new Set<string>();
  principles.forEach((p, i) => {
    if (p.frontmatter.number !== i + 1) throw new ContentError(p.file, `principle number ${p.frontmatter.number} breaks the sequence 1..${principles.length}`);
    if (seen.has(p.frontmatter.slug)) throw new ContentError(p.file, `duplicate principle slug "${p.frontmatter.slug}"`);
    seen.add(p.frontmatter.slug);
  });
  if (principles.length === 0) throw new ContentError("content/accord/principles", "no principles found");
  return principles;
});

export async function getPrinciple(slug: string): Promise<{ principle: Principle; previous?: Principle; next?: Principle } | null> {
  const principles = await getPrinciples();
  const index = principles.findIndex((p) => p.frontmatter.slug === slug);
  if (index < 0) return null;
  return { principle: principles[index]!, previous: principles[index - 1], next: principles[index + 1] };
}

export const getPage = cache(async (slug: PageSlug): Promise<Page> => readDocument(path.join("pages", `${slug}.mdx`), pageFrontmatterSchema));
