import { describe, expect, it } from "vitest";
import { publishReportSchema } from "@/lib/validation/report";

const organisationId = "0b5c3c1e-8d4f-4a6b-9c1d-2e3f4a5b6c7d";
const a = "7e0f3a55-1d2b-4c3d-8e4f-5a6b7c8d9e0f";
const b = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const narrative = "We patched every critical vulnerability within fourteen days this year.";

function errors(value: Record<string, unknown>) {
  const result = publishReportSchema.safeParse(value);
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
}

describe("progress report form", () => {
  it("collects status-<id> and note-<id> pairs into items; a missing note is empty", () => {
    const parsed = publishReportSchema.parse({
      organisationId,
      year: "2026",
      narrative: `  ${narrative}\r\n`,
      [`status-${a}`]: "achieved",
      [`note-${a}`]: "  done  ",
      [`status-${b}`]: "in_progress",
    });
    expect(parsed).toMatchObject({ organisationId, year: 2026, narrative });
    expect(parsed.items).toEqual(
      expect.arrayContaining([
        { commitmentId: a, status: "achieved", note: "done" },
        { commitmentId: b, status: "in_progress", note: "" },
      ]),
    );
    expect(parsed.items).toHaveLength(2);
  });

  it("ignores unrelated fields and keeps none of them", () => {
    const parsed = publishReportSchema.parse({ organisationId, year: "2026", narrative, other: "x", $ACTION_ID_abc: "", statusx: "achieved" });
    expect(parsed).toEqual({ organisationId, year: 2026, narrative, items: [] });
  });

  it("refuses forged keys: a status or note for something that is not a commitment id", () => {
    expect(errors({ organisationId, year: "2026", narrative, "status-1 OR 1=1": "achieved" })).toHaveProperty(["status-1 OR 1=1"], "is not a commitment");
    expect(errors({ organisationId, year: "2026", narrative, [`note-${a.toUpperCase()}`]: "x" })).toHaveProperty(
      [`note-${a.toUpperCase()}`],
      "is not a commitment",
    );
    // An empty id is a forged key too, whatever its value: never an item, never a thrown parse.
    expect(errors({ organisationId, year: "2026", narrative, "status-": "achieved" })).toHaveProperty(["status-"], "is not a commitment");
    expect(errors({ organisationId, year: "2026", narrative, "status-": "bogus" })).toHaveProperty(["status-"], "is not a commitment");
  });

  it("refuses an unknown status and an overlong note, beside their fields", () => {
    const found = errors({ organisationId, year: "2026", narrative, [`status-${a}`]: "finished", [`status-${b}`]: "planned", [`note-${b}`]: "x".repeat(1001) });
    expect(found[`status-${a}`]).toMatch(/must be planned/);
    expect(found[`note-${b}`]).toBe("is too long: 1,001 characters, the limit is 1,000 (remove 1)");
    expect(
      publishReportSchema.safeParse({ organisationId, year: "2026", narrative, [`status-${b}`]: "planned", [`note-${b}`]: "x".repeat(1000) }).success,
    ).toBe(true);
  });

  it("bounds the narrative (50 to 10000 after trimming) and the year", () => {
    expect(errors({ organisationId, year: "2026", narrative: `${"x".repeat(49)}     ` })).toHaveProperty("narrative");
    expect(errors({ organisationId, year: "2026", narrative: "x".repeat(50) })).toEqual({});
    expect(errors({ organisationId, year: "2026", narrative: "x".repeat(10001) })).toHaveProperty("narrative");
    for (const year of ["1999", "2201", "20.5", "twenty", ""]) expect(errors({ organisationId, year, narrative }), year).toHaveProperty("year");
  });
});
