import "server-only";
import matter from "gray-matter";
import type { z } from "zod";
import { parseDocument, type SourceDocument } from "@/lib/accord/content";
import { ContentError } from "@/lib/accord/errors";
import { compileMdx } from "@/lib/accord/mdx";
import { AppError } from "@/lib/errors";
import { pageFrontmatterSchema, preambleFrontmatterSchema, principleFrontmatterSchema } from "@/lib/validation/content";
import type { DraftFields } from "@/lib/validation/studio";
import { documentLabel, kindOfKey, slugOfKey } from "./keys";
import { checkMdxSafety } from "./safe-mdx";
import { type DocumentKind, type FieldName, frontmatterFields, locateLine } from "./source";

export const frontmatterSchemas = {
  preamble: preambleFrontmatterSchema,
  principle: principleFrontmatterSchema,
  page: pageFrontmatterSchema,
} as const;

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * A stored source as the editor shows it: the frontmatter as strings for the form fields, and the
 * body. A source whose frontmatter does not parse still opens, with empty fields, so an editor can
 * repair it rather than be locked out.
 */
export function splitSource(kind: DocumentKind, source: string): { fields: DraftFields; body: string } {
  const match = FENCE.exec(source);
  if (!match) return { fields: {}, body: source };
  const body = source.slice(match[0].length).replace(/^\r?\n/, "");
  let data: Record<string, unknown> = {};
  try {
    // A fresh object as the options argument keeps gray-matter from caching by content.
    data = matter(source, {}).data as Record<string, unknown>;
  } catch {
    data = {};
  }
  const fields: DraftFields = {};
  for (const name of frontmatterFields[kind]) {
    const value = data[name];
    if (typeof value === "string" || typeof value === "number") fields[name] = String(value);
  }
  return { fields, body };
}

export type StudioProblem = { line: number; column: number | null; reason: string; field?: FieldName; bodyLine?: number };

function located(kind: DocumentKind, problem: { line: number; column: number | null; reason: string }): StudioProblem {
  return { ...problem, ...locateLine(kind, problem.line) };
}

export function describeProblem(problem: StudioProblem): string {
  const where = problem.field ? `field "${problem.field}"` : `line ${problem.bodyLine}${problem.column ? `, column ${problem.column}` : ""} of the text`;
  return `${where}: ${problem.reason}`;
}

export type CheckedDocument = { parsed: SourceDocument<Record<string, unknown>>; compiled: Awaited<ReturnType<typeof compileMdx>> };

/**
 * Everything a source must pass before it is previewed, sent for review or published, in this
 * order: the safety check (before anything compiles it), the frontmatter schema, the principle's
 * fixed slug, and a real compile. Problems come back with their line, never thrown.
 */
export async function checkSource(key: string, source: string): Promise<{ ok: true; document: CheckedDocument } | { ok: false; problems: StudioProblem[] }> {
  const kind = kindOfKey(key);
  const safety = checkMdxSafety(source);
  if (!safety.ok)
    return { ok: false, problems: safety.problems.map((p) => located(kind, { line: p.line, column: p.column, reason: p.reason.replace(/^Line \d+: /, "") })) };
  let parsed: SourceDocument<Record<string, unknown>>;
  try {
    parsed = parseDocument(documentLabel(key), source, frontmatterSchemas[kind] as z.ZodType<Record<string, unknown>>);
  } catch (error) {
    if (error instanceof ContentError) return { ok: false, problems: [located(kind, { line: error.line ?? 1, column: null, reason: error.reason })] };
    throw error;
  }
  if (kind === "principle" && parsed.frontmatter.slug !== slugOfKey(key)) {
    const line = source.split("\n").findIndex((l) => l.startsWith("slug:")) + 1 || 1;
    return {
      ok: false,
      problems: [located(kind, { line, column: null, reason: `must stay "${slugOfKey(key)}": commitments and links refer to a principle by its slug` })],
    };
  }
  try {
    const compiled = await compileMdx(parsed.body, parsed.file, "", parsed.lineOffset);
    return { ok: true, document: { parsed, compiled } };
  } catch (error) {
    if (error instanceof ContentError)
      return { ok: false, problems: [located(kind, { line: error.line ?? parsed.lineOffset + 1, column: null, reason: error.reason })] };
    throw error;
  }
}

/** checkSource for the data layer: the first problems become one clear refusal naming their lines. */
export async function requirePublishable(key: string, source: string): Promise<CheckedDocument> {
  const result = await checkSource(key, source);
  if (result.ok) return result.document;
  const listed = result.problems.slice(0, 5).map(describeProblem).join("; ");
  const more = result.problems.length > 5 ? ` (and ${result.problems.length - 5} more)` : "";
  throw new AppError("invalid", `The draft cannot be published until it is fixed: ${listed}${more}.`);
}

/** The source with its frontmatter `number` set to `n`, everything else byte for byte: how a publish renumbers the other principles. */
export function withNumber(source: string, n: number): string {
  const match = FENCE.exec(source);
  if (!match) return source;
  return match[0].replace(/^number:[^\n]*$/m, `number: ${n}`) + source.slice(match[0].length);
}

/** The number a principle's source asks for, or null when it has none that parses. */
export function numberOf(source: string): number | null {
  const value = splitSource("principle", source).fields.number;
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}
