import Link from "next/link";
import { describeEvent, type LedgerEvent } from "@/lib/ledger/events";
import { ledgerEntryPath } from "@/lib/paths";
import { formatTime } from "@/lib/format/date";

export function LedgerEntryList({ entries }: { entries: { index: number; event: LedgerEvent }[] }) {
  return (
    <ol className="divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
      {entries.map(({ index, event }) => (
        <li key={index} className="grid gap-1 px-4 py-3 sm:grid-cols-[6rem_11rem_minmax(0,1fr)] sm:gap-4">
          <Link href={ledgerEntryPath(index)} className="font-mono text-sm font-semibold text-accord-700 hover:underline dark:text-accord-300">
            #{index}
          </Link>
          <time dateTime={event.at} className="text-sm text-ink-600 dark:text-ink-300">
            {formatTime(new Date(event.at))}
          </time>
          <p className="min-w-0 break-words">{describeEvent(event)}</p>
        </li>
      ))}
    </ol>
  );
}
