import Link from "next/link";
import { OrganisationAvatar } from "@/components/organisation-avatar";
import { formatDate } from "@/lib/format/date";
import { StatusBadge } from "@/components/status-badge";
import type { DirectoryEntry } from "@/db/queries/directory";
import { profilePath } from "@/lib/paths";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** An active signatory that stopped reporting shows that instead of "active": it is what a visitor needs to know. */
const badgeFor = (entry: DirectoryEntry) => (entry.status === "active" && entry.reportOverdue ? "overdue" : entry.status);

export function DirectoryList({ entries }: { entries: DirectoryEntry[] }) {
  return (
    <ul aria-label="Signatories" className="divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
      {entries.map((entry) => (
        <li key={entry.slug} className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 px-4 py-4 sm:grid-cols-[auto_minmax(0,1fr)_auto]">
          <OrganisationAvatar name={entry.name} />
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <h3 className="font-semibold break-words">
                <Link href={profilePath(entry.slug)} className="hover:underline">
                  {entry.name}
                </Link>
              </h3>
              <StatusBadge status={badgeFor(entry)} />
            </div>
            <p className="text-sm break-all text-ink-600 dark:text-ink-300">{entry.domain}</p>
            <p className="text-sm text-ink-600 dark:text-ink-300">
              {entry.countryName} · {entry.sectorLabel}
            </p>
          </div>
          <div className="col-start-2 text-sm text-ink-600 sm:col-start-3 sm:text-right dark:text-ink-300">
            <p>
              {entry.status === "withdrawn" && entry.withdrawnAt ? (
                <>
                  Withdrew · <time dateTime={entry.withdrawnAt}>{formatDate(entry.withdrawnAt)}</time>
                </>
              ) : (
                <>
                  Signed v{entry.accordVersion} · <time dateTime={entry.signedAt}>{formatDate(entry.signedAt)}</time>
                </>
              )}
            </p>
            <p>
              {plural(entry.commitmentCount, "commitment", "commitments")} · {plural(entry.reportCount, "report", "reports")}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
