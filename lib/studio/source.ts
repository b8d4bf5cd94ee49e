import type { DraftFields } from "@/lib/validation/studio";

/**
 * How a studio document's form fields and body become one MDX source and back. Pure (no server
 * code), so the editor and the data layer agree on line numbers.
 */

export type DocumentKind = "preamble" | "principle" | "page";
export type FieldName = keyof DraftFields;

/** The frontmatter fields of each kind, in the order they are written (the order of the shipped files). */
export const frontmatterFields: Record<DocumentKind, readonly FieldName[]> = {
  preamble: ["title", "summary"],
  principle: ["number", "slug", "title", "summary"],
  page: ["title", "description"],
};

export const fieldLabels: Record<FieldName, string> = {
  number: "Number",
  slug: "Slug",
  title: "Title",
  summary: "Summary",
  description: "Description",
};

/** Strings are written as JSON strings, which YAML reads back as the same double-quoted scalars: a typed newline or quote cannot break out of its field. */
function yamlValue(field: FieldName, value: string): string {
  const trimmed = value.trim();
  if (field === "number" && /^\d{1,9}$/.test(trimmed)) return String(Number(trimmed));
  return JSON.stringify(value);
}

/** Lines before the body: the opening fence, one per field, the closing fence and a blank line. */
export function bodyLineOffset(kind: DocumentKind): number {
  return frontmatterFields[kind].length + 3;
}

export function normaliseBody(body: string): string {
  const text = body.replace(/\r\n?/g, "\n");
  return text === "" || text.endsWith("\n") ? text : `${text}\n`;
}

export function composeSource(kind: DocumentKind, fields: DraftFields, body: string): string {
  const lines = frontmatterFields[kind].map((field) => `${field}: ${yamlValue(field, fields[field] ?? "")}`);
  return `---\n${lines.join("\n")}\n---\n\n${normaliseBody(body)}`;
}

/** Where a line of the full source is in the editor: a frontmatter field, or a line of the body. */
export type SourcePosition = { field: FieldName; bodyLine?: undefined } | { field?: undefined; bodyLine: number };

export function locateLine(kind: DocumentKind, line: number): SourcePosition {
  const fields = frontmatterFields[kind];
  const offset = bodyLineOffset(kind);
  if (line > offset) return { bodyLine: line - offset };
  // Fences and the blank line belong to the nearest field: there is nothing else to point at.
  const index = Math.min(Math.max(line - 2, 0), fields.length - 1);
  return { field: fields[index]! };
}
