import Link from "next/link";
import { describeEvent, type LedgerEvent } from "@/lib/ledger/events";
import { ledgerEntryPath } from "@/lib/paths";
import { formatTime } from "@/lib/format/date";

export function LedgerEntryList({ entries }: { entries: { index: number; event: LedgerEvent }[] }) {
  return (
    <ol className="divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
      {entries.map(({ index, event }) => (
        <li key={index} className="entry-row">
          <Link href={ledgerEntryPath(index)} className="entry-link">
            #{index}
          </Link>
          <time dateTime={event.at} className="text-sm text-muted">
            {formatTime(new Date(event.at))}
          </time>
          <p className="min-w-0 break-words">{describeEvent(event)}</p>
        </li>
      ))}
    </ol>
  );
}
