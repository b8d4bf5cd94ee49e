/**
 * The directory form's fields in the order the canonical query string uses (see
 * directorySearchString), so a URL built in the browser is the one the server would link to.
 * Kept free of imports: the client component uses it, and the zod schemas would pull the database
 * schema into the browser bundle.
 */
export const directoryFormFields = ["q", "country", "sector", "status", "version", "method", "sort"] as const;

export type DirectoryFormField = (typeof directoryFormFields)[number];

/** The query string ("" or "?…") for the form's current values: blanks and the default sort dropped, no page. */
export function formSearchString(values: Partial<Record<DirectoryFormField, string>>, defaultSort: string): string {
  const params = new URLSearchParams();
  for (const field of directoryFormFields) {
    const value = values[field]?.trim() ?? "";
    if (value === "" || (field === "sort" && value === defaultSort)) continue;
    params.set(field, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
