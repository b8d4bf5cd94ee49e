import { describe, expect, it } from "vitest";
import { countryBars, sectorBars, TOP_COUNTRIES } from "@/lib/stats/breakdowns";
import { sortCategories, topWithOther } from "@/lib/stats/categories";

const other = (n: number) => `Other (${n})`;
const item = (key: string, count: number) => ({ key, label: key.toUpperCase(), count });

describe("sortCategories", () => {
  it("puts the largest first and breaks ties by label, whatever the input order", () => {
    const items = [item("b", 2), item("c", 5), item("a", 2), item("d", 1)];
    expect(sortCategories(items).map((i) => i.key)).toEqual(["c", "a", "b", "d"]);
    expect(sortCategories([...items].reverse())).toEqual(sortCategories(items));
  });
});

describe("topWithOther", () => {
  it("shows every group when they fit", () => {
    expect(topWithOther([item("a", 1), item("b", 3)], 12, other).map((i) => i.key)).toEqual(["b", "a"]);
  });

  it("does not merge a single leftover group into an 'Other' of one", () => {
    const items = Array.from({ length: 13 }, (_, i) => item(`g${String(i).padStart(2, "0")}`, 20 - i));
    const bars = topWithOther(items, 12, other);
    expect(bars).toHaveLength(13);
    expect(bars.some((b) => b.merged !== undefined)).toBe(false);
  });

  it("merges everything below the top groups into one bar that keeps the total", () => {
    const items = Array.from({ length: 20 }, (_, i) => item(`g${String(i).padStart(2, "0")}`, 40 - i));
    const bars = topWithOther(items, 12, other);
    expect(bars).toHaveLength(13);
    expect(bars.slice(0, 12).map((b) => b.key)).toEqual(items.slice(0, 12).map((i) => i.key));
    expect(bars[12]).toEqual({ key: "other", label: "Other (8)", count: items.slice(12).reduce((s, i) => s + i.count, 0), merged: 8 });
    expect(bars.reduce((s, b) => s + b.count, 0)).toBe(items.reduce((s, i) => s + i.count, 0));
  });

  it("leaves out empty groups", () => {
    expect(topWithOther([item("a", 0), item("b", 1)], 12, other).map((i) => i.key)).toEqual(["b"]);
  });
});

describe("countryBars and sectorBars", () => {
  it("names countries in English and merges the rest after the twelfth", () => {
    const codes = ["US", "GB", "DE", "FR", "JP", "KE", "BR", "IN", "CA", "AU", "NZ", "ZA", "NO", "SE"];
    const bars = countryBars(codes.map((country, i) => ({ country, count: 30 - i })));
    expect(bars).toHaveLength(TOP_COUNTRIES + 1);
    expect(bars[0]).toMatchObject({ key: "US", label: "United States", count: 30 });
    expect(bars[1]!.label).toBe("United Kingdom");
    expect(bars.at(-1)).toMatchObject({ label: "Other (2 countries)", count: 18 + 17, merged: 2 });
  });

  it("falls back to the code for a country it cannot name", () => {
    expect(countryBars([{ country: "XX", count: 1 }])[0]!.label).toBe("XX");
  });

  it("labels sectors as the registration form does", () => {
    const bars = sectorBars([
      { sector: "software", count: 2 },
      { sector: "social-media-and-messaging", count: 5 },
      { sector: "retired-sector", count: 1 },
    ]);
    expect(bars.map((b) => b.label)).toEqual(["Social media and messaging", "Software", "retired-sector"]);
  });
});
