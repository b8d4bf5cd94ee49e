import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_BACKOFF } from "@/lib/jobs/runner";

const MINUTE = 60_000;

describe("retry back-off", () => {
  it("doubles from one minute and stops at one hour (no jitter at the top of the range)", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 12, 100].map((n) => backoffDelay(n, () => 1) / MINUTE)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
  });

  it("jitters within the upper half of each step, so instances back from one outage spread out", () => {
    for (const attempts of [1, 4, 9]) {
      const full = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** (attempts - 1));
      expect(backoffDelay(attempts, () => 0)).toBe(full / 2);
      expect(backoffDelay(attempts, () => 0.5)).toBe(full * 0.75);
      const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(attempts)));
      for (const delay of seen) {
        expect(delay).toBeGreaterThanOrEqual(full / 2);
        expect(delay).toBeLessThanOrEqual(full);
      }
      expect(seen.size).toBeGreaterThan(1);
    }
  });

  it("a custom policy is honoured, and a huge attempt count does not overflow", () => {
    expect(backoffDelay(3, () => 1, { baseMs: 1_000, capMs: 5_000 })).toBe(4_000);
    expect(backoffDelay(4, () => 1, { baseMs: 1_000, capMs: 5_000 })).toBe(5_000);
    expect(backoffDelay(10_000, () => 1)).toBe(DEFAULT_BACKOFF.capMs);
  });
});
