import { describe, expect, it } from "vitest";
import { addMonths, buildMonthSeries, formatMonth, monthOf } from "@/lib/stats/months";

describe("months", () => {
  it("reads the UTC month of a moment, as the database groups it", () => {
    expect(monthOf(new Date("2025-05-31T23:59:59Z"))).toBe("2025-05");
    expect(monthOf(new Date("2025-06-01T00:00:00Z"))).toBe("2025-06");
    // Late evening in New York on 31 May is already June in UTC.
    expect(monthOf(new Date("2025-05-31T22:30:00-04:00"))).toBe("2025-06");
  });

  it("adds and subtracts months across years", () => {
    expect(addMonths("2025-11", 1)).toBe("2025-12");
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2025-05", 18)).toBe("2026-11");
    expect(addMonths("2025-05", -17)).toBe("2023-12");
  });

  it("refuses anything that is not a YYYY-MM month", () => {
    for (const bad of ["2025-13", "2025-00", "2025-5", "May 2025", ""]) expect(() => addMonths(bad, 1)).toThrow(/YYYY-MM/);
  });

  it("formats months for sentences and for axes", () => {
    expect(formatMonth("2026-11")).toBe("November 2026");
    expect(formatMonth("2025-05", "short")).toBe("May 2025");
  });
});

describe("buildMonthSeries", () => {
  it("is empty when nothing ever happened", () => {
    expect(buildMonthSeries([], "2026-11")).toEqual([]);
  });

  it("fills quiet months, carries the running total and runs on to the current month", () => {
    const series = buildMonthSeries(
      [
        { month: "2025-05", joined: 3, left: 0 },
        { month: "2025-07", joined: 2, left: 1 },
      ],
      "2025-09",
    );
    expect(series).toEqual([
      { month: "2025-05", joined: 3, left: 0, standing: 3 },
      { month: "2025-06", joined: 0, left: 0, standing: 3 },
      { month: "2025-07", joined: 2, left: 1, standing: 4 },
      { month: "2025-08", joined: 0, left: 0, standing: 4 },
      { month: "2025-09", joined: 0, left: 0, standing: 4 },
    ]);
  });

  it("a withdrawal lowers the running total from its month on", () => {
    const series = buildMonthSeries(
      [
        { month: "2025-01", joined: 2, left: 0 },
        { month: "2025-03", joined: 0, left: 1 },
      ],
      "2025-04",
    );
    expect(series.map((p) => p.standing)).toEqual([2, 2, 1, 1]);
  });

  it("accepts rows in any order, merges repeated months, and never ends before the last change", () => {
    const series = buildMonthSeries(
      [
        { month: "2026-02", joined: 1, left: 0 },
        { month: "2025-12", joined: 1, left: 0 },
        { month: "2026-02", joined: 1, left: 1 },
      ],
      "2026-01",
    );
    expect(series).toEqual([
      { month: "2025-12", joined: 1, left: 0, standing: 1 },
      { month: "2026-01", joined: 0, left: 0, standing: 1 },
      { month: "2026-02", joined: 2, left: 1, standing: 2 },
    ]);
  });

  it("ends with the sum of everyone who joined minus everyone who left", () => {
    const counts = Array.from({ length: 30 }, (_, i) => ({ month: addMonths("2024-01", i * 2), joined: (i * 7) % 5, left: i % 3 === 0 ? 1 : 0 }));
    const series = buildMonthSeries(counts, "2030-01");
    const expected = counts.reduce((sum, c) => sum + c.joined - c.left, 0);
    expect(series.at(-1)).toMatchObject({ month: "2030-01", standing: expected });
    expect(series).toHaveLength(73);
  });

  it("refuses a malformed month rather than drawing nonsense", () => {
    expect(() => buildMonthSeries([{ month: "2025-5", joined: 1, left: 0 }], "2025-06")).toThrow(/YYYY-MM/);
    expect(() => buildMonthSeries([{ month: "2025-05", joined: 1, left: 0 }], "soon")).toThrow(/YYYY-MM/);
    expect(() => buildMonthSeries([{ month: "2025-05", joined: 1, left: 0 }], "1999")).toThrow(/YYYY-MM/);
  });
});
