/** A chart's data as a table: one row header per category, numbers right-aligned. */
export function DataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: readonly string[];
  rows: readonly { header: string; cells: readonly string[] }[];
}) {
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="mb-2 text-left text-ink-600 dark:text-ink-300">{caption}</caption>
      <thead>
        <tr className="border-b border-ink-300 dark:border-ink-600">
          {columns.map((label, i) => (
            <th key={label} scope="col" className={`px-2 py-1.5 font-semibold first:pl-0 last:pr-0 ${i === 0 ? "text-left" : "text-right"}`}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.header} className="border-b border-ink-200 dark:border-ink-800">
            <th scope="row" className="px-2 py-1.5 pl-0 text-left font-normal break-words">
              {row.header}
            </th>
            {row.cells.map((cell, i) => (
              <td key={i} className="px-2 py-1.5 text-right tabular-nums last:pr-0">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
