import { formatCount } from "@/lib/stats/describe";
import { labelIndices, linearScale, niceTicks } from "@/lib/stats/scale";
import { SvgLabel, svgLabelClass } from "./chart-figure";

export type TimelinePoint = { label: string; total: number; added: number };

// Vertical layout in pixels; horizontal positions are percentages of the width.
const TOTAL_TITLE_Y = 14;
const TOTAL_TOP = 40;
const TOTAL_HEIGHT = 150;
const ADDED_TITLE_Y = TOTAL_TOP + TOTAL_HEIGHT + 30;
const ADDED_TOP = ADDED_TITLE_Y + 26;
const ADDED_HEIGHT = 56;
const AXIS_Y = ADDED_TOP + ADDED_HEIGHT + 20;
const HEIGHT = AXIS_Y + 6;
/** Month labels that fit a 320px-wide chart without touching. */
const MAX_MONTH_LABELS = 4;

const gridClass = "stroke-ink-200 dark:stroke-ink-800";
const baselineClass = "stroke-ink-500 dark:stroke-ink-400";

/**
 * Two panels over one month axis: the running total as a stepped line over a shaded area, and
 * the monthly additions as bars with their own scale (on the total's scale they would be slivers).
 * Each plot is a nested SVG whose viewBox is stretched to the width (one unit per month), with
 * strokes that do not stretch; labels stay outside it, so they keep their size at any width.
 */
export function TimelineChart({
  id,
  title,
  description,
  totalLabel,
  addedLabel,
  points,
}: {
  id: string;
  title: string;
  description: string;
  totalLabel: string;
  addedLabel: string;
  points: readonly TimelinePoint[];
}) {
  if (points.length === 0) return null;
  const n = points.length;
  const totalTicks = niceTicks(Math.max(0, ...points.map((p) => p.total)), 4);
  const addedTicks = niceTicks(Math.max(0, ...points.map((p) => p.added)), 2);
  const totalY = linearScale([0, totalTicks.at(-1)!], [TOTAL_HEIGHT, 0]);
  const addedY = linearScale([0, addedTicks.at(-1)!], [ADDED_HEIGHT, 0]);

  // Each month is a flat step at its end-of-month total: honest about monthly granularity, and a
  // single month still draws a line.
  const steps = points.map((p, i) => `${i === 0 ? "M0" : "V"} ${totalY(p.total)} H${i + 1}`).join(" ");
  const area = `${steps} V${TOTAL_HEIGHT} H0 Z`;

  const pct = (x: number) => `${(x / n) * 100}%`;
  const monthLabels = labelIndices(points.length, MAX_MONTH_LABELS).map((i) => {
    if (points.length > 1 && i === 0) return { i, x: pct(0), anchor: "start" as const };
    if (points.length > 1 && i === points.length - 1) return { i, x: pct(n), anchor: "end" as const };
    return { i, x: pct(i + 0.5), anchor: "middle" as const };
  });

  const gridlines = (ticks: number[], top: number, y: (v: number) => number) =>
    ticks.map((t) => <line key={t} x1="0" x2="100%" y1={top + y(t)} y2={top + y(t)} className={t === 0 ? baselineClass : gridClass} strokeWidth="1" />);
  // Drawn last, over the data, with a halo in the background colour.
  const tickLabels = (ticks: number[], top: number, y: (v: number) => number) =>
    ticks
      .filter((t) => t > 0)
      .map((t) => (
        <text key={t} x="0" y={top + y(t) - 5} className={`${svgLabelClass} text-xs tabular-nums`}>
          {formatCount(t)}
        </text>
      ));
  const plot = (top: number, height: number) => ({
    x: "0",
    y: top,
    width: "100%",
    height,
    viewBox: `0 0 ${n} ${height}`,
    preserveAspectRatio: "none",
    overflow: "visible",
  });

  return (
    <svg role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} width="100%" height={HEIGHT} className="block">
      <SvgLabel id={id} title={title} description={description} />
      <text x="0" y={TOTAL_TITLE_Y} className="fill-ink-900 text-sm font-semibold dark:fill-ink-50">
        {totalLabel}
      </text>
      <svg {...plot(TOTAL_TOP, TOTAL_HEIGHT)}>
        <path d={area} className="fill-accord-100 dark:fill-accord-800" />
      </svg>
      {gridlines(totalTicks, TOTAL_TOP, totalY)}
      <svg {...plot(TOTAL_TOP, TOTAL_HEIGHT)}>
        <path
          d={steps}
          fill="none"
          strokeWidth="2.5"
          vectorEffect="non-scaling-stroke"
          strokeLinejoin="round"
          className="stroke-accord-700 dark:stroke-accord-300"
        />
      </svg>
      {tickLabels(totalTicks, TOTAL_TOP, totalY)}

      <text x="0" y={ADDED_TITLE_Y} className="fill-ink-900 text-sm font-semibold dark:fill-ink-50">
        {addedLabel}
      </text>
      {gridlines(addedTicks, ADDED_TOP, addedY)}
      <svg {...plot(ADDED_TOP, ADDED_HEIGHT)}>
        {points.map((p, i) =>
          p.added > 0 ? <rect key={i} x={i + 0.15} width={0.7} y={addedY(p.added)} height={ADDED_HEIGHT - addedY(p.added)} className="chart-bar" /> : null,
        )}
      </svg>
      {tickLabels(addedTicks, ADDED_TOP, addedY)}

      {monthLabels.map(({ i, x, anchor }) => (
        <text key={i} x={x} y={AXIS_Y} textAnchor={anchor} className="fill-ink-700 text-xs dark:fill-ink-200">
          {points[i]!.label}
        </text>
      ))}
    </svg>
  );
}
