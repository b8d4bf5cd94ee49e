/**
 * Round axis ticks for counts: 0 up to the first "nice" value (1, 2 or 5 times a power of ten)
 * at or above `max`, in at most `maxTicks` intervals. Steps are whole numbers, since the charts
 * count organisations.
 */
export function niceTicks(max: number, maxTicks = 4): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const intervals = Math.max(1, Math.floor(maxTicks));
  const rough = max / intervals;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top; t += step) ticks.push(t);
  return ticks;
}

/** A linear map from `domain` to `range`; a zero-width domain maps everything to the range's start. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (value: number) => number {
  const width = d1 - d0;
  return (value) => (width === 0 ? r0 : r0 + ((value - d0) / width) * (r1 - r0));
}

/**
 * Which of `count` evenly spaced categories get a label when only `maxLabels` fit: always the
 * first and the last, the rest spread evenly between them.
 */
export function labelIndices(count: number, maxLabels: number): number[] {
  if (count <= 0) return [];
  const labels = Math.max(1, Math.floor(maxLabels));
  if (count <= labels) return Array.from({ length: count }, (_, i) => i);
  if (labels === 1) return [count - 1];
  const picked = new Set<number>();
  for (let i = 0; i < labels; i++) picked.add(Math.round((i * (count - 1)) / (labels - 1)));
  return [...picked].sort((a, b) => a - b);
}
