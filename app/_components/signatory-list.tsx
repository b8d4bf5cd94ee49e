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
        <li key={s.slug} className="flex items-center gap-4 px-4 py-3">
          <OrganisationAvatar name={s.name} />
          <div className="min-w-0 flex-1">
            <p className="truncate font-semibold">
              <Link href={profilePath(s.slug)} className="hover:underline">
                {s.name}
              </Link>
            </p>
            <p className="truncate text-sm text-ink-600 dark:text-ink-300">
              {s.domain} · {countryLabel(s.country)} · {sectorLabel(s.sector)}
            </p>
          </div>
          <p className="shrink-0 text-right text-sm text-ink-600 dark:text-ink-300">
            Signed v{s.accordVersion}
            <br />
            <time dateTime={s.signedAt}>{formatDate(s.signedAt)}</time>
          </p>
        </li>
      ))}
    </ul>
  );
}
