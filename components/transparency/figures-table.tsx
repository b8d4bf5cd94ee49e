import { type Count, type CountKey, countKeys, formatCount, type Instrument, instrumentLabels, type TransparencyLine } from "@/lib/transparency/figures";
import { countryLabel } from "@/lib/validation/organisation";

/** Short column headings; the caption and the page explain each in full. */
const headings: Record<CountKey, string> = {
  requests: "Requests",
  accounts: "Accounts",
  contentDisclosed: "Content disclosed",
  nonContentDisclosed: "Non-content only",
  noDataFound: "No data found",
  rejected: "Rejected",
  pending: "Pending",
  challenged: "Challenged in court",
};

const cellClass = "px-2 py-1.5 text-right tabular-nums whitespace-nowrap";

/** A figure as the page shows it: bands keep their en dash and are marked for screen readers too. */
export function CountText({ count }: { count: Count }) {
  if (count.min === count.max) return <>{formatCount(count)}</>;
  return (
    <span title="A band: the law allows only a range here">
      {formatCount(count)}
      <span className="sr-only"> (band)</span>
    </span>
  );
}

/**
 * A revision's lines: one row per requesting country and instrument, a totals row (ranges where
 * a band is involved), scrollable sideways on narrow screens and reachable by keyboard.
 */
export function FiguresTable({ caption, lines, totals }: { caption: string; lines: readonly TransparencyLine[]; totals: Record<CountKey, Count> }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto rounded-md border border-ink-200 dark:border-ink-800">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-ink-300 dark:border-ink-600">
            <th scope="col" className="px-2 py-1.5 text-left font-semibold">
              Requesting country
            </th>
            <th scope="col" className="px-2 py-1.5 text-left font-semibold">
              Instrument
            </th>
            {countKeys.map((k) => (
              <th key={k} scope="col" className="px-2 py-1.5 text-right font-semibold">
                {headings[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={`${line.country}-${line.instrument}`} className="border-b border-ink-200 dark:border-ink-800">
              <th scope="row" className="px-2 py-1.5 text-left font-normal">
                {countryLabel(line.country)}
              </th>
              <td className="px-2 py-1.5">{instrumentLabels[line.instrument as Instrument]}</td>
              {countKeys.map((k) => (
                <td key={k} className={cellClass}>
                  <CountText count={line[k]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="font-semibold">
            <th scope="row" colSpan={2} className="px-2 py-1.5 text-left">
              Total
            </th>
            {countKeys.map((k) => (
              <td key={k} className={cellClass}>
                <CountText count={totals[k]} />
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
