import { SvgLabel, svgLabelClass } from "@/app/signatories/stats/_components/chart-figure";
import { type Count, formatCount } from "@/lib/transparency/figures";
import { linearScale } from "@/lib/stats/scale";

const ROW = 40;
/** The longest bar's share of the width: the rest keeps room for its value beside it. */
const LONGEST = 75;
const SHORTEST = 0.6;

export type RangeBar = { key: string; label: string; count: Count; muted?: boolean };

/**
 * Horizontal bars for figures that may be ranges: the solid part reaches the lower bound, a
 * lighter, outlined part reaches the upper bound, and the value beside it reads "1,200–1,449",
 * so a band is never drawn as if it were exact. Same layout as the statistics page's bar chart.
 */
export function RangeBarChart({ id, title, description, bars }: { id: string; title: string; description: string; bars: readonly RangeBar[] }) {
  const max = Math.max(1, ...bars.map((b) => b.count.max));
  const width = linearScale([0, max], [0, LONGEST]);
  const height = bars.length * ROW + 4;
  return (
    <svg role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} width="100%" height={height} className="block">
      <SvgLabel id={id} title={title} description={description} />
      {bars.map((bar, i) => {
        const y = i * ROW;
        const low = bar.count.min > 0 ? Math.max(SHORTEST, width(bar.count.min)) : 0;
        const high = bar.count.max > 0 ? Math.max(SHORTEST, width(bar.count.max)) : 0;
        return (
          <g key={bar.key}>
            <text x="0" y={y + 15} className={`${svgLabelClass} text-sm`}>
              {bar.label}
            </text>
            {high > low ? (
              <rect
                x={`${low}%`}
                y={y + 21.5}
                width={`${high - low}%`}
                height="11"
                rx="2"
                strokeDasharray="3 2"
                className="fill-accord-100 stroke-accord-600 dark:fill-accord-800 dark:stroke-accord-300"
              />
            ) : null}
            {low > 0 ? (
              <rect x="0" y={y + 21} width={`${low}%`} height="12" rx="2" className={bar.muted ? "fill-ink-400 dark:fill-ink-500" : "chart-bar"} />
            ) : null}
            <text x={`${high}%`} dx="6" y={y + 31.5} className="chart-value">
              {formatCount(bar.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
