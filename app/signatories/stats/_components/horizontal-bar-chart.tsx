import { formatCount } from "@/lib/stats/describe";
import { linearScale } from "@/lib/stats/scale";
import { SvgLabel, svgLabelClass } from "./chart-figure";

const ROW = 40;
/** The longest bar's share of the width: the rest keeps room for its value beside it. */
const LONGEST = 80;
/** A non-zero count always shows a sliver of bar. */
const SHORTEST = 0.6;

export type Bar = { key: string; label: string; count: number; muted?: boolean };

/**
 * Horizontal bars, each with its label above and its value beside it. Widths are percentages and
 * heights fixed, so the chart fills any width while its text keeps its size: a phone gets the
 * same 14px labels as a desktop, never a scaled-down drawing.
 */
export function HorizontalBarChart({ id, title, description, bars }: { id: string; title: string; description: string; bars: readonly Bar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const width = linearScale([0, max], [0, LONGEST]);
  const height = bars.length * ROW + 4;
  return (
    <svg role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} width="100%" height={height} className="block">
      <SvgLabel id={id} title={title} description={description} />
      {bars.map((bar, i) => {
        const y = i * ROW;
        const pct = bar.count > 0 ? Math.max(SHORTEST, width(bar.count)) : 0;
        return (
          <g key={bar.key}>
            <text x="0" y={y + 15} className={`${svgLabelClass} text-sm`}>
              {bar.label}
            </text>
            <rect x="0" y={y + 21} width={`${pct}%`} height="12" rx="2" className={bar.muted ? "fill-ink-400 dark:fill-ink-500" : "chart-bar"} />
            <text x={`${pct}%`} dx="6" y={y + 31.5} className="chart-value">
              {formatCount(bar.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
