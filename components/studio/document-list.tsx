import Link from "next/link";
import type { StudioListItem } from "@/lib/studio/view";
import { formatStudioTime } from "./format";
import { StateBadge } from "./state-badge";
import { studioDocumentPath } from "@/lib/paths";

const kindLabels = { preamble: "Accord", principle: "Principle", page: "Page" } as const;

function label(item: StudioListItem): string {
  if (item.kind === "principle") return item.number ? `Principle ${item.number}` : "Principle";
  return kindLabels[item.kind];
}

/** The studio's documents as a list of cards: it stacks on a phone where a table would overflow. */
export function DocumentList({ items, label: listLabel }: { items: StudioListItem[]; label: string }) {
  return (
    <ul aria-label={listLabel} className="divide-y divide-ink-200 rounded-lg border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
      {items.map((item) => (
        <li key={item.key} className="flex flex-col gap-2 px-4 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-5">
          <div className="min-w-0">
            <p className="text-sm font-semibold uppercase tracking-wide text-accord-700 dark:text-accord-300">{label(item)}</p>
            <Link href={studioDocumentPath(item.key)} className="font-serif text-lg font-semibold break-words hover:underline">
              {item.title}
            </Link>
            <p className="text-sm text-muted">
              {item.state === "published" ? "Published" : "Last edited"} by {item.lastEditor}
              {item.lastEditedAt ? (
                <>
                  , <time dateTime={item.lastEditedAt}>{formatStudioTime(item.lastEditedAt)}</time>
                </>
              ) : null}
            </p>
          </div>
          <div className="shrink-0">
            <StateBadge state={item.state} removal={item.removal} isNew={item.isNew} />
          </div>
        </li>
      ))}
    </ul>
  );
}
