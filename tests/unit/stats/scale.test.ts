import { describe, expect, it } from "vitest";
import { labelIndices, linearScale, niceTicks } from "@/lib/stats/scale";

describe("niceTicks", () => {
  it.each([
    [37, 4, [0, 10, 20, 30, 40]],
    [40, 4, [0, 10, 20, 30, 40]],
    [3, 4, [0, 1, 2, 3]],
    [1, 4, [0, 1]],
    [7, 2, [0, 5, 10]],
    [10_000, 4, [0, 5_000, 10_000]],
    [12_345, 4, [0, 5_000, 10_000, 15_000]],
    [180, 4, [0, 50, 100, 150, 200]],
  ])("max %d in at most %d intervals", (max, maxTicks, expected) => {
    expect(niceTicks(max, maxTicks)).toEqual(expected);
  });

  it("has an axis even with nothing to show", () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });

  it("always starts at 0, covers the maximum, uses whole round steps and stays within the interval budget", () => {
    for (let max = 1; max < 5_000; max += 37) {
      for (const maxTicks of [2, 4, 6]) {
        const ticks = niceTicks(max, maxTicks);
        const step = ticks[1]! - ticks[0]!;
        expect(ticks[0]).toBe(0);
        expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
        expect(ticks.length - 1).toBeLessThanOrEqual(maxTicks);
        expect(Number.isInteger(step)).toBe(true);
        expect(String(step)).toMatch(/^[125]0*$/);
        ticks.forEach((t, i) => expect(t).toBe(i * step));
      }
    }
  });
});

describe("linearScale", () => {
  it("maps a domain onto a range, reversed ranges included", () => {
    const y = linearScale([0, 40], [150, 0]);
    expect(y(0)).toBe(150);
    expect(y(40)).toBe(0);
    expect(y(10)).toBe(112.5);
    expect(linearScale([0, 10], [0, 80])(5)).toBe(40);
  });

  it("maps a zero-width domain to the start of the range instead of dividing by zero", () => {
    expect(linearScale([3, 3], [0, 80])(3)).toBe(0);
  });
});

describe("labelIndices", () => {
  it("labels every category when they all fit", () => {
    expect(labelIndices(3, 4)).toEqual([0, 1, 2]);
    expect(labelIndices(1, 4)).toEqual([0]);
    expect(labelIndices(0, 4)).toEqual([]);
  });

  it("otherwise labels the first, the last and evenly spaced ones between", () => {
    expect(labelIndices(19, 4)).toEqual([0, 6, 12, 18]);
    expect(labelIndices(10, 4)).toEqual([0, 3, 6, 9]);
    expect(labelIndices(100, 2)).toEqual([0, 99]);
    expect(labelIndices(100, 1)).toEqual([99]);
  });

  it("never returns more labels than asked, nor duplicates", () => {
    for (let count = 1; count < 60; count++) {
      const picked = labelIndices(count, 4);
      expect(picked.length).toBeLessThanOrEqual(4);
      expect(new Set(picked).size).toBe(picked.length);
      expect(picked[0]).toBe(0);
      expect(picked.at(-1)).toBe(count - 1);
    }
  });
});
