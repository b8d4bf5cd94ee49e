import { describe, expect, it } from "vitest";
import { endedPeriods, formatCount, parseCount, parsePeriod, periodEnd, periodLabel, sumCounts } from "@/lib/transparency/figures";
import { parseTransparencyCsv, describeCsvProblem, CSV_UPLOAD_MAX_BYTES } from "@/lib/transparency/csv-upload";
import { validateLines, MAX_LINES, type RawLine } from "@/lib/transparency/validate";
import { transparencyContentHash } from "@/lib/transparency/records";
import { transparencyCsvSchema, transparencyFormSchema } from "@/lib/validation/transparency";

const line = (fields: Partial<RawLine> = {}): RawLine => ({
  country: "DE",
  instrument: "court_order",
  requests: "10",
  accounts: "14",
  content_disclosed: "3",
  non_content_disclosed: "4",
  no_data_found: "1",
  rejected: "2",
  pending: "0",
  challenged_in_court: "1",
  ...fields,
});

const problemsOf = (raws: RawLine[]) => {
  const result = validateLines(raws);
  return result.ok ? [] : result.problems;
};

describe("counts", () => {
  // Before the length check, the band pattern took 14 s on the first cell: the test's timeout catches a return.
  it("refuses a cell far longer than any count at once, however it is padded (no pattern backtracks over it)", () => {
    for (const cell of [`1${" ".repeat(60_000)}2`, `1${"-".repeat(60_000)}2`, `${"9".repeat(41)}`]) {
      expect(parseCount(cell)).toMatchObject({ ok: false });
    }
    expect(parseCount("1,000,000,000 to 2,000,000,000")).toMatchObject({ ok: false, message: expect.stringContaining("at most") });
  });

  it("reads exact figures, thousands separators and bands", () => {
    expect(parseCount("12")).toEqual({ ok: true, count: { min: 12, max: 12 } });
    expect(parseCount(" 1,234 ")).toEqual({ ok: true, count: { min: 1234, max: 1234 } });
    expect(parseCount("0-249")).toEqual({ ok: true, count: { min: 0, max: 249 } });
    expect(parseCount("0–249")).toEqual({ ok: true, count: { min: 0, max: 249 } });
    expect(parseCount("250 to 499")).toEqual({ ok: true, count: { min: 250, max: 499 } });
  });

  it("refuses negative, fractional, empty, reversed, equal-bound and huge counts with a reason", () => {
    expect(parseCount("-3")).toEqual({ ok: false, message: "cannot be negative" });
    expect(parseCount("2.5")).toEqual({ ok: false, message: "must be a whole number" });
    expect(parseCount("")).toEqual({ ok: false, message: "is required: write 0 if there were none" });
    expect(parseCount("many")).toMatchObject({ ok: false, message: expect.stringContaining("a band such as 0-249") });
    expect(parseCount("249-0")).toMatchObject({ ok: false, message: expect.stringContaining("lower bound must be below") });
    expect(parseCount("5-5")).toMatchObject({ ok: false, message: expect.stringContaining("lower bound must be below") });
    expect(parseCount("2000000000")).toMatchObject({ ok: false, message: "must be at most 1,000,000,000" });
  });

  it("shows bands as bands and never sums them as exact", () => {
    expect(formatCount({ min: 1234, max: 1234 })).toBe("1,234");
    expect(formatCount({ min: 0, max: 249 })).toBe("0–249");
    expect(
      sumCounts([
        { min: 10, max: 10 },
        { min: 0, max: 249 },
      ]),
    ).toEqual({ min: 10, max: 259 });
    expect(
      formatCount(
        sumCounts([
          { min: 10, max: 10 },
          { min: 0, max: 249 },
        ]),
      ),
    ).toBe("10–259");
    expect(
      formatCount(
        sumCounts([
          { min: 10, max: 10 },
          { min: 5, max: 5 },
        ]),
      ),
    ).toBe("15");
  });
});

describe("periods", () => {
  const now = new Date("2026-08-15T00:00:00Z");

  it("accepts a half-year that has ended and refuses one still running, in the future or malformed", () => {
    expect(parsePeriod("2026-h1", now)).toEqual({ ok: true, period: "2026-H1" });
    expect(parsePeriod("2026-H2", now)).toMatchObject({ ok: false, message: expect.stringContaining("has not ended yet") });
    expect(parsePeriod("2027-H1", now)).toMatchObject({ ok: false, message: expect.stringContaining("has not ended yet") });
    expect(parsePeriod("2026-Q1", now)).toMatchObject({ ok: false, message: expect.stringContaining("half-year such as 2026-H1") });
    expect(parsePeriod("1999-H2", now)).toMatchObject({ ok: false, message: "must be 2000 or later" });
  });

  it("a period ends at the first instant of the next half-year", () => {
    expect(periodEnd("2026-H1").toISOString()).toBe("2026-07-01T00:00:00.000Z");
    expect(periodEnd("2026-H2").toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(parsePeriod("2026-H1", new Date("2026-06-30T23:59:59Z")).ok).toBe(false);
    expect(parsePeriod("2026-H1", new Date("2026-07-01T00:00:00Z")).ok).toBe(true);
    expect(periodLabel("2026-H2")).toBe("July–December 2026");
    expect(endedPeriods(now, 3)).toEqual(["2026-H1", "2025-H2", "2025-H1"]);
  });
});

describe("lines", () => {
  it("accepts a consistent line and sorts lines by country then instrument", () => {
    const result = validateLines([line({ country: "us", instrument: "Emergency request" }), line(), line({ instrument: "subpoena" })]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => `${r.country} ${r.instrument}`)).toEqual(["DE court_order", "DE subpoena", "US emergency"]);
    expect(result.rows[0]!.requests).toEqual({ min: 10, max: 10 });
  });

  it("refuses an unknown country or instrument, and missing fields", () => {
    expect(problemsOf([line({ country: "XX" })])).toEqual([{ line: 1, column: "country", message: "must be an ISO 3166-1 country code, such as DE or KE" }]);
    expect(problemsOf([line({ instrument: "letter" })])).toEqual([
      { line: 1, column: "instrument", message: expect.stringContaining("must be one of court_order") },
    ]);
    expect(problemsOf([line({ rejected: "" })])).toEqual([{ line: 1, column: "rejected", message: "is required: write 0 if there were none" }]);
  });

  it("exact outcomes must add up to the requests", () => {
    expect(problemsOf([line({ pending: "1" })])).toEqual([
      { line: 1, column: "requests", message: expect.stringContaining("the outcomes add up to 11, not 10") },
    ]);
  });

  it("with bands, the outcomes must be able to add up to the requests", () => {
    expect(
      problemsOf([
        line({
          requests: "0-249",
          content_disclosed: "0-249",
          non_content_disclosed: "0",
          no_data_found: "0",
          rejected: "0",
          pending: "0",
          challenged_in_court: "0",
        }),
      ]),
    ).toEqual([]);
    expect(
      problemsOf([line({ requests: "0-249", content_disclosed: "300", non_content_disclosed: "0", no_data_found: "0", rejected: "0", pending: "0" })]),
    ).toEqual([{ line: 1, column: "requests", message: "the outcomes (300 in all) cannot add up to 0–249 requests" }]);
  });

  it("no more challenged in court than requests", () => {
    expect(problemsOf([line({ challenged_in_court: "11" })])).toEqual([
      { line: 1, column: "challenged_in_court", message: "cannot be more than the requests (10)" },
    ]);
  });

  it("each country and instrument once", () => {
    expect(problemsOf([line(), line({ instrument: "Court order or warrant" })])).toEqual([
      { line: 2, column: "country", message: expect.stringContaining("repeats line 1 (Germany, court order or warrant)") },
    ]);
  });

  it("at most every country times every instrument", () => {
    expect(MAX_LINES).toBe(1245);
    const many = Array.from({ length: MAX_LINES + 1 }, () => line());
    expect(problemsOf(many).some((p) => p.message.includes("at most 1245 lines"))).toBe(true);
  });
});

describe("the content hash", () => {
  it("does not depend on line order, and changes with any figure", () => {
    const a = validateLines([line(), line({ country: "FR" })]);
    const b = validateLines([line({ country: "FR" }), line()]);
    if (!a.ok || !b.ok) throw new Error("valid lines");
    const notified = { min: 0, max: 249 };
    expect(transparencyContentHash({ period: "2026-H1", customersNotified: notified, rows: a.rows })).toBe(
      transparencyContentHash({ period: "2026-H1", customersNotified: notified, rows: b.rows }),
    );
    expect(transparencyContentHash({ period: "2026-H1", customersNotified: notified, rows: a.rows })).not.toBe(
      transparencyContentHash({ period: "2026-H1", customersNotified: { min: 0, max: 250 }, rows: a.rows }),
    );
  });
});

const header = "country,instrument,requests,accounts,content_disclosed,non_content_disclosed,no_data_found,rejected,pending,challenged_in_court";

describe("CSV uploads", () => {
  it("reads a valid file in any column order, with quotes, CRLF, a BOM and blank lines", () => {
    const csv = `\uFEFFinstrument,country,requests,accounts,content_disclosed,non_content_disclosed,no_data_found,rejected,pending,challenged_in_court\r\n"Court order or warrant",DE,"1,200",1300,200,400,100,500,0,12\r\n\r\nsubpoena,FR,0-249,0-499,0-249,0,0,0,0,0\r\n`;
    const result = parseTransparencyCsv(csv);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.rows).toHaveLength(2);
    expect(result.rows[0]).toMatchObject({ country: "DE", instrument: "court_order", requests: { min: 1200, max: 1200 } });
    expect(result.rows[1]).toMatchObject({ country: "FR", instrument: "subpoena", requests: { min: 0, max: 249 } });
  });

  it("names every bad row and column, and returns no lines at all", () => {
    const csv = [
      header,
      "DE,court_order,10,10,3,4,1,2,0,0",
      "XX,subpoena,5,5,5,0,0,0,0,0",
      "FR,other,-1,0,0,0,0,0,0,0",
      "DE,court_order,1,1,1,0,0,0,0,0",
      "FR,emergency,3,3,1,1,1,1,0,0",
    ].join("\n");
    const result = parseTransparencyCsv(csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(describeCsvProblem)).toEqual([
      "Row 3, column country: must be an ISO 3166-1 country code, such as DE or KE",
      "Row 4, column requests: cannot be negative",
      expect.stringMatching(/^Row 5, column country: repeats line 2/),
      expect.stringMatching(/^Row 6, column requests: the outcomes add up to 4, not 3/),
    ]);
  });

  it("refuses a wrong header, a short row, broken quoting, an empty file, a huge file and too many rows", () => {
    const problems = (csv: string) => {
      const r = parseTransparencyCsv(csv);
      return r.ok ? [] : r.problems.map(describeCsvProblem);
    };
    expect(problems("country,instrument,requests\nDE,other,1")).toEqual([expect.stringMatching(/^Row 1: Missing column accounts, content_disclosed/)]);
    expect(problems(`${header},notes\n`)).toEqual([expect.stringMatching(/^Row 1: Unknown column "notes"/)]);
    expect(problems(`${header}\nDE,other,1`)).toEqual(["Row 2: has 3 fields, but the header names 10 columns."]);
    expect(problems(`${header}\n"DE,other,1,1,1,0,0,0,0,0`)).toEqual(["Row 2: a quoted field is never closed"]);
    expect(problems("")).toEqual([expect.stringMatching(/^Row 1: The file is empty/)]);
    expect(problems("x".repeat(CSV_UPLOAD_MAX_BYTES + 1))).toEqual(["The file is larger than 256 KB."]);
    const rows = Array.from({ length: MAX_LINES + 1 }, () => "DE,other,0,0,0,0,0,0,0,0");
    expect(problems([header, ...rows].join("\n"))).toEqual([expect.stringMatching(/^The file has 1246 rows; a report has at most 1245/)]);
  });
});

describe("the forms' schemas", () => {
  const organisationId = "7b1a4a2e-1d2f-4c3b-9a8e-0f1e2d3c4b5a";
  const base = { organisationId, mode: "publish", period: "2026-H1", notified: "0-249" };
  const row = (i: number, fields: Partial<RawLine> = {}) => Object.fromEntries(Object.entries(line(fields)).map(([k, v]) => [`row-${i}-${k}`, v]));

  it("collects lines from row fields, skipping blank ones", () => {
    const blank = Object.fromEntries(Object.keys(line()).map((k) => [`row-2-${k}`, ""]));
    const parsed = transparencyFormSchema.parse({ ...base, ...row(0), ...blank, ...row(5, { country: "FR" }) });
    expect(parsed.rows.map((r) => r.country)).toEqual(["DE", "FR"]);
    expect(parsed.customersNotified).toEqual({ min: 0, max: 249 });
    expect(parsed.reason).toBeNull();
  });

  it("reports each problem beside its field, the period and the notified count included", () => {
    const result = transparencyFormSchema.safeParse({ ...base, period: "2026-Q3", notified: "-1", ...row(0, { requests: "x" }), ...row(1, { country: "ZZ" }) });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(Object.keys(fields).sort()).toEqual(["notified", "period", "row-0-requests", "row-1-country"]);
  });

  it("a correction needs a reason of at least 10 characters", () => {
    const result = transparencyFormSchema.safeParse({ ...base, mode: "correct", reason: "typo", ...row(0) });
    expect(result.error?.issues.map((i) => [i.path[0], i.message])).toEqual([["reason", expect.stringContaining("at least 10 characters")]]);
    expect(transparencyFormSchema.parse({ ...base, mode: "correct", reason: "We counted one request twice.", ...row(0) }).reason).toBe(
      "We counted one request twice.",
    );
  });

  it("the upload puts every CSV problem under its own field, one per line", () => {
    const result = transparencyCsvSchema.safeParse({ ...base, csv: `${header}\nXX,other,1,1,1,0,0,0,0,0\nDE,other,1,1,1,1,0,0,0,0` });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ["csv"],
        message:
          "Row 2, column country: must be an ISO 3166-1 country code, such as DE or KE\nRow 3, column requests: the outcomes add up to 2, not 1: content disclosed, non-content only, no data found, rejected and pending must add up to the requests",
      }),
    ]);
    expect(transparencyCsvSchema.safeParse({ ...base, csv: " " }).error?.issues[0]?.message).toBe("choose a CSV file or paste its text");
  });
});

describe("the OpenAPI description of the transparency endpoints", () => {
  it("offers exactly the instruments and limits the validator accepts, and the CSV's columns", async () => {
    const { buildOpenApiDocument } = await import("@/lib/open-data/openapi");
    const { transparencyQuerySchema, TRANSPARENCY_API_LIMIT_MAX } = await import("@/lib/validation/transparency");
    const { transparencyCsvColumns } = await import("@/lib/transparency/open-data");
    const doc = buildOpenApiDocument("https://registry.example.org") as unknown as {
      paths: Record<string, { get: { description: string } }>;
      components: { parameters: Record<string, { schema: { enum?: string[]; maximum?: number } }> };
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/transparency", "/transparency.csv"]));
    const instruments = doc.components.parameters.transparencyInstrument!.schema.enum!;
    for (const value of instruments) expect(transparencyQuerySchema.safeParse({ instrument: value }).success).toBe(true);
    expect(transparencyQuerySchema.safeParse({ instrument: "letter" }).success).toBe(false);
    expect(doc.components.parameters.transparencyLimit!.schema.maximum).toBe(TRANSPARENCY_API_LIMIT_MAX);
    for (const column of transparencyCsvColumns) expect(doc.paths["/transparency.csv"]!.get.description).toContain(column.name);
  });
});
