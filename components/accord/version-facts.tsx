import Link from "next/link";
import { linkClass } from "@/components/styles";
import { formatTime } from "@/lib/format/date";
import { ledgerEntryPath } from "@/lib/paths";
import type { AccordVersionMeta } from "@/db/queries/accord-versions";

/** Publication time, content hash (in full: it is what signatures bind to) and ledger entry of a version. */
export function VersionFacts({ version, standingSignatories }: { version: AccordVersionMeta; standingSignatories?: number }) {
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-y-2">
      <dt className="text-muted">Published</dt>
      <dd className="mb-2 sm:mb-0">
        <time dateTime={version.publishedAt}>{formatTime(new Date(version.publishedAt))}</time>
      </dd>
      <dt className="text-muted">Content hash (SHA-256)</dt>
      <dd className="mb-2 sm:mb-0">
        <code className="break-all font-mono" data-testid={`content-hash-${version.number}`}>
          {version.contentHash}
        </code>
      </dd>
      {standingSignatories === undefined ? null : (
        <>
          <dt className="text-muted">Standing signatories</dt>
          <dd className="mb-2 sm:mb-0" data-testid={`standing-signatories-${version.number}`}>
            {standingSignatories}
          </dd>
        </>
      )}
      <dt className="text-muted">Ledger entry</dt>
      <dd>
        {version.ledgerIndex === null ? (
          "not found in the public ledger"
        ) : (
          <Link href={ledgerEntryPath(version.ledgerIndex)} className={linkClass}>
            #{version.ledgerIndex}
            <span className="sr-only"> (version {version.number} published)</span>
          </Link>
        )}
      </dd>
    </dl>
  );
}
