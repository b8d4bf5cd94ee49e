import { describe, expect, it } from "vitest";
import { groupByPrinciple } from "@/lib/commitments/group";
import { reportBasis, reportDueFor } from "@/lib/reports/due";

const principles = [
  { slug: "open", number: 1, title: "Open" },
  { slug: "fair", number: 2, title: "Fair" },
  { slug: "empty", number: 3, title: "Empty" },
];

describe("groupByPrinciple", () => {
  it("follows the accord's order, leaves empty principles out and keeps dropped principles after them", () => {
    const items = [
      { id: "a", principleSlug: "fair" },
      { id: "b", principleSlug: "gone" },
      { id: "c", principleSlug: "open" },
      { id: "d", principleSlug: "fair" },
    ];
    expect(groupByPrinciple(items, principles)).toEqual([
      { principle: { slug: "open", number: 1, title: "Open" }, commitments: [items[2]] },
      { principle: { slug: "fair", number: 2, title: "Fair" }, commitments: [items[0], items[3]] },
      { principle: { slug: "gone", number: null, title: "gone" }, commitments: [items[1]] },
    ]);
  });

  it("returns nothing for no commitments", () => {
    expect(groupByPrinciple([], principles)).toEqual([]);
  });
});

describe("reportDueFor", () => {
  const signed = [new Date("2025-03-01T00:00:00Z"), new Date("2025-01-10T00:00:00Z")];
  const reports = [new Date("2025-06-01T00:00:00Z"), new Date("2026-02-01T00:00:00Z")];

  it("starts from the earliest standing signature and the latest report", () => {
    expect(reportBasis(signed, reports)).toEqual({ firstSignedAt: signed[1], lastReportAt: reports[1] });
    expect(reportBasis([], [])).toEqual({ firstSignedAt: null, lastReportAt: null });
  });

  it("is due a year after the latest report, overdue 90 days later", () => {
    expect(reportDueFor(signed, reports, new Date("2027-02-01T00:00:00Z"))).toEqual({ dueAt: new Date("2027-02-01T00:00:00Z"), overdue: false, daysLate: 0 });
    expect(reportDueFor(signed, reports, new Date("2027-06-01T00:00:00Z"))?.overdue).toBe(true);
    expect(reportDueFor(signed, [], new Date("2025-06-01T00:00:00Z"))?.dueAt).toEqual(new Date("2026-01-10T00:00:00Z"));
  });

  it("is nothing without a standing signature", () => {
    expect(reportDueFor([], reports, new Date("2027-01-01T00:00:00Z"))).toBeNull();
  });
});
