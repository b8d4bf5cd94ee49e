import Link from "next/link";
import { versionDiffPath, versionsPath } from "@/lib/paths";
import { linkClass } from "@/components/styles";

/** How many intermediate diffs are linked one by one before the list of all versions takes over. */
const MAX_LINKED = 5;

/**
 * For a signatory of an older version: the word-level changes from the version it signed up to the
 * latest, one public diff page per version (each compares a version with the one before it).
 */
export function VersionChanges({ signed, latest }: { signed: number; latest: number }) {
  if (latest <= signed) return null;
  if (latest === signed + 1) {
    return (
      <Link href={versionDiffPath(latest)} className={linkClass}>
        See what changed from version {signed} to version {latest}, word by word
      </Link>
    );
  }
  const steps = Array.from({ length: latest - signed }, (_, i) => signed + 1 + i);
  const shown = steps.slice(-MAX_LINKED);
  return (
    <>
      The text changed in {steps.length} versions since version {signed}; see word by word what changed in{" "}
      {shown.map((n, i) => (
        <span key={n}>
          {i > 0 ? (i === shown.length - 1 ? " and " : ", ") : null}
          <Link href={versionDiffPath(n)} className={linkClass}>
            version {n}
          </Link>
        </span>
      ))}
      {steps.length > shown.length ? (
        <>
          {" "}
          (earlier ones in{" "}
          <Link href={versionsPath} className={linkClass}>
            the list of versions
          </Link>
          )
        </>
      ) : null}
    </>
  );
}
