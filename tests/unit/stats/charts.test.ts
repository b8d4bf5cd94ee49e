import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HorizontalBarChart } from "@/app/signatories/stats/_components/horizontal-bar-chart";
import { TimelineChart } from "@/app/signatories/stats/_components/timeline-chart";

const timeline = (points: { label: string; total: number; added: number }[]) =>
  renderToStaticMarkup(
    createElement(TimelineChart, {
      id: "t",
      title: "Signatories over time",
      description: "Grew.",
      totalLabel: "Standing signatories",
      addedLabel: "Signed that month",
      points,
    }),
  );

/** Every number in every path, coordinate and size attribute, to catch NaN and Infinity. */
const numbersIn = (svg: string) => [...svg.matchAll(/\b(?:d|x|y|x1|x2|y1|y2|width|height|viewBox)="([^"]*)"/g)].flatMap((m) => m[1]!.match(/-?[\w.]+/g) ?? []);

describe("TimelineChart", () => {
  it("is one labelled image: role, title and description wired up", () => {
    const svg = timeline([
      { label: "May 2025", total: 3, added: 3 },
      { label: "Jun 2025", total: 5, added: 2 },
    ]);
    expect(svg).toMatch(/^<svg role="img" aria-labelledby="t-title" aria-describedby="t-desc"/);
    expect(svg).toContain('<title id="t-title">Signatories over time</title>');
    expect(svg).toContain('<desc id="t-desc">Grew.</desc>');
  });

  it("stretches the plots to any width but keeps its text at a fixed size (no root viewBox)", () => {
    const svg = timeline([{ label: "May 2025", total: 3, added: 3 }]);
    expect(svg).toMatch(/^<svg[^>]* width="100%" height="\d+"/);
    expect(svg.slice(0, svg.indexOf(">"))).not.toContain("viewBox");
    expect(svg).toContain('preserveAspectRatio="none"');
    expect(svg).toContain('vector-effect="non-scaling-stroke"');
  });

  it("draws one step per month, with a bar only for months with signings", () => {
    const svg = timeline([
      { label: "Jan 2025", total: 2, added: 2 },
      { label: "Feb 2025", total: 2, added: 0 },
      { label: "Mar 2025", total: 1, added: 0 },
    ]);
    expect(svg).toContain('viewBox="0 0 3 150"');
    expect(svg).toMatch(/d="M0 \S+ H1 V \S+ H2 V \S+ H3"/);
    expect(svg.match(/<rect /g)).toHaveLength(1);
  });

  it("draws a single month and an all-zero history without NaN or Infinity, and nothing for no history", () => {
    for (const points of [[{ label: "May 2025", total: 1, added: 1 }], [{ label: "May 2025", total: 0, added: 0 }]]) {
      const svg = timeline(points);
      expect(svg).toContain("<path");
      for (const n of numbersIn(svg)) expect(n, svg).not.toMatch(/NaN|Infinity/);
    }
    expect(timeline([])).toBe("");
  });

  it("labels at most four months, always the first and the last", () => {
    const months = Array.from({ length: 19 }, (_, i) => ({ label: `M${i}`, total: i, added: 1 }));
    const labels = [...timeline(months).matchAll(/text-anchor="(\w+)"[^>]*>(M\d+)</g)].map((m) => [m[1], m[2]]);
    expect(labels).toEqual([
      ["start", "M0"],
      ["middle", "M6"],
      ["middle", "M12"],
      ["end", "M18"],
    ]);
  });
});

describe("HorizontalBarChart", () => {
  const bars = (items: { key: string; label: string; count: number; muted?: boolean }[]) =>
    renderToStaticMarkup(createElement(HorizontalBarChart, { id: "c", title: "Signatories by country", description: "Mostly Germany.", bars: items }));

  it("gives the largest bar 80% of the width, the others in proportion, and prints each value", () => {
    const svg = bars([
      { key: "DE", label: "Germany", count: 4 },
      { key: "KE", label: "Kenya", count: 1 },
      { key: "other", label: "Other (3 countries)", count: 2, muted: true },
    ]);
    expect(svg).toMatch(/^<svg role="img" aria-labelledby="c-title" aria-describedby="c-desc"/);
    expect([...svg.matchAll(/<rect [^>]*width="([\d.]+)%"/g)].map((m) => Number(m[1]))).toEqual([80, 20, 40]);
    expect(svg).toContain(">Germany</text>");
    expect(svg).toContain(">Other (3 countries)</text>");
    expect([...svg.matchAll(/class="chart-value"[^>]*>([\d,]+)</g)].map((m) => m[1])).toEqual(["4", "1", "2"]);
    expect(svg).toMatch(/class="fill-ink-400[^"]*"/);
  });

  it("keeps a sliver for a tiny count next to a huge one, and prints large counts with separators", () => {
    const svg = bars([
      { key: "US", label: "United States", count: 12_000 },
      { key: "NZ", label: "New Zealand", count: 1 },
    ]);
    const widths = [...svg.matchAll(/<rect [^>]*width="([\d.]+)%"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBe(80);
    expect(widths[1]).toBeGreaterThan(0);
    expect(svg).toContain(">12,000</text>");
  });

  it("grows in height with the number of bars, so labels never overlap", () => {
    const one = bars([{ key: "a", label: "A", count: 1 }]);
    const thirteen = bars(Array.from({ length: 13 }, (_, i) => ({ key: `k${i}`, label: `L${i}`, count: i + 1 })));
    const height = (svg: string) => Number(/^<svg[^>]* height="(\d+)"/.exec(svg)![1]);
    expect(height(thirteen)).toBe(height(one) + 12 * 40);
  });
});
