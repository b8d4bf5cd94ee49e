import { describe, expect, it } from "vitest";
import { describeBreakdown, describeGrowth, formatCount } from "@/lib/stats/describe";
import { buildMonthSeries } from "@/lib/stats/months";

describe("describeGrowth", () => {
  it("says how the standing total grew from the first month to the last", () => {
    const series = buildMonthSeries(
      [
        { month: "2025-05", joined: 3, left: 0 },
        { month: "2026-11", joined: 36, left: 2 },
      ],
      "2026-11",
    );
    expect(describeGrowth(series)).toBe("Standing signatories grew from 3 in May 2025 to 37 in November 2026.");
  });

  it("says when it fell or stayed level", () => {
    const fell = buildMonthSeries(
      [
        { month: "2025-01", joined: 5, left: 0 },
        { month: "2025-03", joined: 0, left: 2 },
      ],
      "2025-03",
    );
    expect(describeGrowth(fell)).toBe("Standing signatories fell from 5 in January 2025 to 3 in March 2025.");
    const level = buildMonthSeries(
      [
        { month: "2025-01", joined: 2, left: 0 },
        { month: "2025-02", joined: 1, left: 1 },
      ],
      "2025-02",
    );
    expect(describeGrowth(level)).toBe("Standing signatories numbered 2 in January 2025 and 2 in February 2025.");
  });

  it("describes a single month and an empty history", () => {
    expect(describeGrowth(buildMonthSeries([{ month: "2025-05", joined: 1, left: 0 }], "2025-05"))).toBe("There was one standing signatory in May 2025.");
    expect(describeGrowth(buildMonthSeries([{ month: "2025-05", joined: 4, left: 1 }], "2025-05"))).toBe("There were 3 standing signatories in May 2025.");
    expect(describeGrowth([])).toBe("No organisation has signed the accord yet.");
  });

  it("prints large counts with separators", () => {
    expect(formatCount(10000)).toBe("10,000");
    expect(
      describeGrowth(
        buildMonthSeries(
          [
            { month: "2025-01", joined: 1200, left: 0 },
            { month: "2025-02", joined: 8800, left: 0 },
          ],
          "2025-02",
        ),
      ),
    ).toBe("Standing signatories grew from 1,200 in January 2025 to 10,000 in February 2025.");
  });
});

describe("describeBreakdown", () => {
  const bar = (label: string, count: number) => ({ key: label, label, count });

  it("names how many groups and the three largest", () => {
    const bars = [
      bar("United States", 4),
      bar("United Kingdom", 3),
      bar("Canada", 2),
      bar("Kenya", 1),
      { key: "other", label: "Other (20 countries)", count: 27, merged: 20 },
    ];
    expect(describeBreakdown(bars, 37, 24, { one: "country", many: "countries" })).toBe(
      "The 37 standing signatories come from 24 countries; the largest groups are United States (4), United Kingdom (3) and Canada (2).",
    );
  });

  it("never names the merged 'Other' bar as a group", () => {
    const bars = [bar("Software", 2), { key: "other", label: "Other (30 countries)", count: 40, merged: 30 }];
    expect(describeBreakdown(bars, 42, 31, { one: "country", many: "countries" })).toBe(
      "The 42 standing signatories come from 31 countries; the largest groups are Software (2).",
    );
  });

  it("handles one signatory, one group and none", () => {
    expect(describeBreakdown([bar("Germany", 1)], 1, 1, { one: "country", many: "countries" })).toBe(
      "The one standing signatory comes from one country: Germany.",
    );
    expect(describeBreakdown([bar("Software", 5)], 5, 1, { one: "sector", many: "sectors" })).toBe(
      "All 5 standing signatories come from one sector: Software.",
    );
    expect(describeBreakdown([], 0, 0, { one: "sector", many: "sectors" })).toBe("There are no standing signatories at the moment.");
  });
});
