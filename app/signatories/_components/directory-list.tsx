"use client";

// A client component on purpose: see directory-row.ts.

import Link from "next/link";
import { OrganisationAvatar } from "@/components/organisation-avatar";
import { formatDate } from "@/lib/format/date";
import { StatusBadge } from "@/components/status-badge";
import type { DirectoryRow } from "./directory-row";
import { profilePath } from "@/lib/paths";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** An active signatory that stopped reporting shows that instead of "active": it is what a visitor needs to know. */
const badgeFor = (row: DirectoryRow) => (row.status === "active" && row.reportOverdue ? "overdue" : row.status);

export function DirectoryList({ rows }: { rows: DirectoryRow[] }) {
  return (
    <ul aria-label="Signatories" className="divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
      {rows.map((row) => (
        <li key={row.slug} className="directory-row">
          <OrganisationAvatar name={row.name} />
          <div className="min-w-0">
            <div className="directory-title">
              <h3>
                <Link href={profilePath(row.slug)} className="hover:underline">
                  {row.name}
                </Link>
              </h3>
              <StatusBadge status={badgeFor(row)} />
            </div>
            <p className="directory-domain">{row.domain}</p>
            {/* One string per line: React marks the seams between adjacent texts in the HTML, twenty rows over. */}
            <p className="text-sm text-muted">{`${row.countryName} · ${row.sectorLabel}`}</p>
          </div>
          <div className="directory-meta">
            <p>
              {row.status === "withdrawn" && row.withdrawnAt ? (
                <>
                  Withdrew · <time dateTime={row.withdrawnAt}>{formatDate(row.withdrawnAt)}</time>
                </>
              ) : (
                <>
                  {`Signed v${row.accordVersion} · `}
                  <time dateTime={row.signedAt}>{formatDate(row.signedAt)}</time>
                </>
              )}
            </p>
            <p>{`${plural(row.commitmentCount, "commitment", "commitments")} · ${plural(row.reportCount, "report", "reports")}`}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
