/**
 * The columns of a report's line, as the form and the CSV name them. No imports, so the
 * dashboard's client form can use them without pulling the schema, zod or drizzle into the page.
 */
export const lineColumns = [
  "country",
  "instrument",
  "requests",
  "accounts",
  "content_disclosed",
  "non_content_disclosed",
  "no_data_found",
  "rejected",
  "pending",
  "challenged_in_court",
] as const;
export type LineColumn = (typeof lineColumns)[number];

export type RawLine = Partial<Record<LineColumn, string>>;

/** The form's field for a line's column: `row-3-requests`. Errors come back under the same name. */
export const lineFieldName = (index: number, column: LineColumn) => `row-${index}-${column}`;
