import Link from "next/link";
import { linkClass } from "@/components/styles";
import type { AccordVersionSummary } from "@/db/queries/accord-versions";
import { snapshotFileName, versionDiffPath, versionPath, versionSnapshotPath } from "@/lib/paths";
import { VersionFacts } from "@/components/accord/version-facts";

/** Every published version, newest first, each with its facts and the ways to read and check it. */
export function VersionList({ versions }: { versions: AccordVersionSummary[] }) {
  return (
    <ol className="space-y-6">
      {versions.map((version, i) => (
        <li key={version.number}>
          <article aria-labelledby={`version-${version.number}-heading`} className="rounded-lg border border-ink-200 p-5 sm:p-6 dark:border-ink-800">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <h2 id={`version-${version.number}-heading`} className="section-heading">
                <Link href={versionPath(version.number)} className="hover:underline">
                  Version {version.number}
                </Link>
              </h2>
              {i === 0 ? (
                <span className="inline-block rounded-full bg-accord-100 px-2.5 py-0.5 text-xs font-semibold uppercase tracking-wide text-accord-800 dark:bg-accord-800 dark:text-accord-50">
                  Latest
                </span>
              ) : null}
            </div>
            <p className="mt-3 whitespace-pre-line [overflow-wrap:anywhere]">{version.changelog}</p>
            <div className="mt-4">
              <VersionFacts version={version} standingSignatories={version.standingSignatories} />
            </div>
            <ul className="mt-4 flex flex-wrap gap-x-5 gap-y-2 text-sm">
              <li>
                <Link href={versionPath(version.number)} className={linkClass}>
                  Read the text<span className="sr-only"> of version {version.number}</span>
                </Link>
              </li>
              <li>
                <Link href={versionDiffPath(version.number)} className={linkClass}>
                  What changed<span className="sr-only"> in version {version.number}</span>
                </Link>
              </li>
              <li>
                <a href={versionSnapshotPath(version.number)} download={snapshotFileName(version.number)} className={linkClass}>
                  Snapshot (JSON)<span className="sr-only"> of version {version.number}</span>
                </a>
              </li>
            </ul>
          </article>
        </li>
      ))}
    </ol>
  );
}
