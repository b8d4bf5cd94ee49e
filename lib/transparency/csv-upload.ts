import { type LineColumn, type LineProblem, lineColumns, MAX_LINES, type RawLine, validateLines } from "./validate";
import type { TransparencyLine } from "./figures";

/**
 * A report's lines from a CSV file, for organisations that keep the figures in a spreadsheet: the
 * same columns as the form, a header row, any column order. Rows are numbered as a spreadsheet
 * shows them (the header is row 1), so "row 4, column requests" points at the cell to fix. The
 * whole file is checked before anything is saved.
 */

/** Largest upload: 1,245 full lines take about 60 KB, so this leaves room for quoting and spaces. */
export const CSV_UPLOAD_MAX_BYTES = 256 * 1024;

export type CsvProblem = { row: number | null; column: LineColumn | null; message: string };
export type CsvResult = { ok: true; rows: TransparencyLine[] } | { ok: false; problems: CsvProblem[] };

/** RFC 4180 records (quoted fields, doubled quotes, CRLF or LF), or a message where the quoting breaks. */
export function parseCsvRecords(text: string): { ok: true; records: string[][] } | { ok: false; row: number; message: string } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let row = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") row++;
        field += ch;
      }
    } else if (ch === '"') {
      if (field !== "") return { ok: false, row, message: "a quote may only open a field: put the whole field in quotes and double any quote inside it" };
      quoted = true;
    } else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      row++;
    } else field += ch;
  }
  if (quoted) return { ok: false, row, message: "a quoted field is never closed" };
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { ok: true, records };
}

const isBlank = (record: string[]) => record.every((f) => f.trim() === "");

/** Checks a whole upload: size, header, row count, then every line by the form's rules. */
export function parseTransparencyCsv(text: string): CsvResult {
  if (new TextEncoder().encode(text).length > CSV_UPLOAD_MAX_BYTES) {
    return { ok: false, problems: [{ row: null, column: null, message: `The file is larger than ${CSV_UPLOAD_MAX_BYTES / 1024} KB.` }] };
  }
  if (text.includes("\0")) return { ok: false, problems: [{ row: null, column: null, message: "This is not a text file: save the sheet as CSV (UTF-8)." }] };
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) return { ok: false, problems: [{ row: parsed.row, column: null, message: parsed.message }] };
  const [header, ...body] = parsed.records;
  if (!header || isBlank(header)) {
    return { ok: false, problems: [{ row: 1, column: null, message: `The file is empty: its first row must name the columns ${lineColumns.join(", ")}.` }] };
  }
  const names = header.map((h) => h.trim().toLowerCase());
  const problems: CsvProblem[] = [];
  const unknown = names.filter((n) => !(lineColumns as readonly string[]).includes(n));
  const missing = lineColumns.filter((c) => !names.includes(c));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (unknown.length > 0)
    problems.push({ row: 1, column: null, message: `Unknown column ${unknown.map((u) => `"${u}"`).join(", ")}: the columns are ${lineColumns.join(", ")}.` });
  if (missing.length > 0) problems.push({ row: 1, column: null, message: `Missing column ${missing.join(", ")}.` });
  if (repeated.length > 0) problems.push({ row: 1, column: null, message: `Column ${[...new Set(repeated)].join(", ")} appears more than once.` });
  if (problems.length > 0) return { ok: false, problems };

  const raws: RawLine[] = [];
  const rowNumbers: number[] = [];
  body.forEach((record, index) => {
    const row = index + 2;
    if (isBlank(record)) return;
    if (record.length !== names.length) {
      problems.push({ row, column: null, message: `has ${record.length} fields, but the header names ${names.length} columns.` });
      return;
    }
    raws.push(Object.fromEntries(names.map((name, i) => [name, record[i]!])) as RawLine);
    rowNumbers.push(row);
  });
  if (raws.length > MAX_LINES) {
    return {
      ok: false,
      problems: [
        { row: null, column: null, message: `The file has ${raws.length} rows; a report has at most ${MAX_LINES} (every country times every instrument).` },
      ],
    };
  }
  const checked = validateLines(raws, rowNumbers);
  if (!checked.ok) problems.push(...checked.problems.map((p: LineProblem) => ({ row: p.line, column: p.column, message: p.message })));
  if (problems.length > 0 || !checked.ok) return { ok: false, problems: problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };
  return { ok: true, rows: checked.rows };
}

/** "Row 4, column requests: must be …" — how a problem reads above the upload field. */
export function describeCsvProblem(problem: CsvProblem): string {
  const where = [problem.row !== null ? `Row ${problem.row}` : null, problem.column ? `column ${problem.column}` : null].filter(Boolean).join(", ");
  return where ? `${where}: ${problem.message}` : problem.message;
}
