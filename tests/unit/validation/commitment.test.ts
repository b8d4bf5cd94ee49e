import { describe, expect, it } from "vitest";
import { createCommitmentSchema, evidenceLinksSchema, targetDateSchema, updateCommitmentSchema } from "@/lib/validation/commitment";

const organisationId = "0b5c3c1e-8d4f-4a6b-9c1d-2e3f4a5b6c7d";
const valid = {
  organisationId,
  principle: "defence-not-offence",
  title: "Patch within 14 days",
  description: "",
  status: "planned",
  targetDate: "",
  evidenceLinks: "",
};

/** The first message for a field, as the action shows it beside that field. */
function errorFor(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) {
  return result.error?.issues.find((i) => i.path[0] === field)?.message;
}

describe("evidence links", () => {
  it("accepts up to five https links, one per line, ignoring blank lines and spaces", () => {
    const text = "https://a.example/1\r\n\n  https://b.example/2  \nhttps://c.example/3\nhttps://d.example/4\nhttps://e.example/5\n";
    expect(evidenceLinksSchema.parse(text)).toEqual([
      "https://a.example/1",
      "https://b.example/2",
      "https://c.example/3",
      "https://d.example/4",
      "https://e.example/5",
    ]);
    expect(evidenceLinksSchema.parse("")).toEqual([]);
  });

  it("refuses http with the line number", () => {
    const result = evidenceLinksSchema.safeParse("https://ok.example/\nhttp://plain.example/report");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("line 2 must start with https://, not http://");
  });

  it("refuses what is not a web address, naming the line", () => {
    const result = evidenceLinksSchema.safeParse("not a url");
    expect(result.error?.issues[0]?.message).toBe("line 1 must start with https://");
    expect(evidenceLinksSchema.safeParse("javascript:alert(1)").error?.issues[0]?.message).toBe("line 1 must be an https:// address, not javascript:");
  });

  it("says that length is the problem with a link over 500 characters, whatever else is wrong with it", () => {
    for (const link of [`https://a.example/${"x".repeat(500)}`, `http://a.example/${"x".repeat(500)}`]) {
      expect(evidenceLinksSchema.safeParse(`https://ok.example/\n${link}`).error?.issues[0]?.message).toBe(
        `line 2 is too long: ${link.length} characters, the limit is 500 per link`,
      );
    }
    expect(evidenceLinksSchema.safeParse(`https://a.example/${"x".repeat(500 - "https://a.example/".length)}`).success).toBe(true);
  });

  it("refuses a sixth link", () => {
    const six = Array.from({ length: 6 }, (_, i) => `https://e.example/${i}`).join("\n");
    expect(evidenceLinksSchema.safeParse(six).error?.issues[0]?.message).toMatch(/at most 5 links/);
  });

  it("refuses credentials in a link", () => {
    expect(evidenceLinksSchema.safeParse("https://user:secret@e.example/").success).toBe(false);
    expect(evidenceLinksSchema.safeParse("https://user@e.example/").success).toBe(false);
  });

  it("collapses duplicates, compared as normalised addresses", () => {
    expect(evidenceLinksSchema.parse("https://E.example/a\nhttps://e.example/a\nhttps://e.example/b")).toEqual(["https://e.example/a", "https://e.example/b"]);
  });
});

describe("target date", () => {
  it("accepts a real calendar date or empty", () => {
    expect(targetDateSchema.parse("2028-02-29")).toBe("2028-02-29");
    expect(targetDateSchema.parse("")).toBeNull();
    expect(targetDateSchema.parse(undefined)).toBeNull();
  });

  it("refuses impossible dates, other formats and far-off years", () => {
    for (const bad of ["2025-02-30", "2027-02-29", "2025-13-01", "2025-2-3", "03/04/2026", "1999-12-31", "2101-01-01"]) {
      expect(targetDateSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("commitment forms", () => {
  it("accepts a title of 120 characters and refuses 121, beside the title field", () => {
    expect(createCommitmentSchema.safeParse({ ...valid, title: "x".repeat(120) }).success).toBe(true);
    const result = createCommitmentSchema.safeParse({ ...valid, title: "x".repeat(121) });
    expect(errorFor(result, "title")).toBe("is too long: 121 characters, the limit is 120 (remove 1)");
  });

  it("normalises the description's line breaks and caps it at 2000 characters", () => {
    expect(createCommitmentSchema.parse({ ...valid, description: "  one\r\ntwo\r\n\r\nthree  " }).description).toBe("one\ntwo\n\nthree");
    expect(createCommitmentSchema.safeParse({ ...valid, description: "x".repeat(2000) }).success).toBe(true);
    expect(errorFor(createCommitmentSchema.safeParse({ ...valid, description: "x".repeat(2001) }), "description")).toBe(
      "is too long: 2,001 characters, the limit is 2,000 (remove 1)",
    );
    // A line break is one character, as the browser's maxlength counts it: 1000 lines of "x" are 1999 characters sent as CR LF.
    const lines = Array.from({ length: 1000 }, () => "x").join("\r\n");
    expect(createCommitmentSchema.parse({ ...valid, description: lines }).description).toHaveLength(1999);
  });

  it("refuses unknown statuses and malformed principles and organisation ids", () => {
    const result = createCommitmentSchema.safeParse({ ...valid, status: "done", principle: "<script>", organisationId: "1" });
    expect(errorFor(result, "status")).toBeDefined();
    expect(errorFor(result, "principle")).toBeDefined();
    expect(errorFor(result, "organisationId")).toBeDefined();
  });

  it("edits carry a commitment id and a positive revision", () => {
    const base = { ...valid, commitmentId: "7e0f3a55-1d2b-4c3d-8e4f-5a6b7c8d9e0f", revision: "3" };
    expect(updateCommitmentSchema.parse(base).revision).toBe(3);
    expect(errorFor(updateCommitmentSchema.safeParse({ ...base, revision: "0" }), "revision")).toBeDefined();
    expect(errorFor(updateCommitmentSchema.safeParse({ ...base, revision: "abc" }), "revision")).toBeDefined();
    expect(errorFor(updateCommitmentSchema.safeParse({ ...base, commitmentId: "x" }), "commitmentId")).toBeDefined();
  });
});
