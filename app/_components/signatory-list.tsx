import Link from "next/link";
import { OrganisationAvatar } from "@/components/organisation-avatar";
import type { SignatorySummary } from "@/db/queries/organisations";
import { countryLabel, sectorLabel } from "@/lib/validation/organisation";
import { profilePath } from "@/lib/paths";
import { formatDate } from "@/lib/format/date";

export function SignatoryList({ signatories }: { signatories: SignatorySummary[] }) {
  return (
    <ul className="divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
      {signatories.map((s) => (
        // No `truncate` (overflow: hidden): it clipped the links' focus ring and cut names to a few
        // letters on a small phone. Names wrap instead, and the date moves under them below sm.
        <li key={s.slug} className="grid grid-cols-[auto_minmax(0,1fr)] items-center gap-x-4 gap-y-1 px-4 py-3 sm:grid-cols-[auto_minmax(0,1fr)_auto]">
          <OrganisationAvatar name={s.name} />
          <div className="min-w-0">
            <p className="font-semibold break-words">
              <Link href={profilePath(s.slug)} className="hover:underline">
                {s.name}
              </Link>
            </p>
            <p className="text-sm break-words text-muted">
              {s.domain} · {countryLabel(s.country)} · {sectorLabel(s.sector)}
            </p>
          </div>
          <p className="col-start-2 text-sm text-ink-600 sm:col-start-3 sm:text-right dark:text-ink-300">
            Signed v{s.accordVersion}
            <br className="hidden sm:inline" /> <time dateTime={s.signedAt}>{formatDate(s.signedAt)}</time>
          </p>
        </li>
      ))}
    </ul>
  );
}
