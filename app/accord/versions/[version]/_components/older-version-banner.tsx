import Link from "next/link";
import { versionDiffPath, versionPath, versionsPath } from "@/lib/paths";

const bannerLink = "font-semibold underline hover:no-underline";

/** Shown on the text of a superseded version, so nobody mistakes it for the current accord. */
export function OlderVersionBanner({ number, next, latest }: { number: number; next: number; latest: number }) {
  return (
    <div role="note" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50">
      <p className="font-semibold">This is version {number}, an earlier text of the accord.</p>
      <p className="mt-1">
        The latest is{" "}
        <Link href={versionPath(latest)} className={bannerLink}>
          version {latest}
        </Link>
        . See{" "}
        <Link href={versionDiffPath(next)} className={bannerLink}>
          what changed in version {next}
        </Link>
        {latest > next ? (
          <>
            , or{" "}
            <Link href={versionsPath} className={bannerLink}>
              every version since
            </Link>
          </>
        ) : null}
        .
      </p>
    </div>
  );
}
