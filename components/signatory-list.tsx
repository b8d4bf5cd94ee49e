import type { SignatorySummary } from "@/db/queries/organisations";
import { countryName, sectorLabels, type Sector } from "@/lib/validation/organisation";

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
}

export function SignatoryList({ signatories }: { signatories: SignatorySummary[] }) {
  return (
    <ul className="divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
      {signatories.map((s) => (
        <li key={s.slug} className="flex items-center gap-4 px-4 py-3">
          <span aria-hidden="true" className="grid h-10 w-10 shrink-0 place-items-center rounded-full bg-accord-100 text-sm font-semibold text-accord-800 dark:bg-accord-800 dark:text-accord-50">
            {initials(s.name)}
          </span>
          <div className="min-w-0 flex-1">
            <p className="truncate font-semibold">{s.name}</p>
            <p className="truncate text-sm text-ink-600 dark:text-ink-300">
              {s.domain} · {countryName(s.country) ?? s.country} · {sectorLabels[s.sector as Sector] ?? s.sector}
            </p>
          </div>
          <p className="shrink-0 text-right text-sm text-ink-600 dark:text-ink-300">
            Signed v{s.accordVersion}
            <br />
            <time dateTime={s.signedAt}>{dateFormat.format(new Date(s.signedAt))}</time>
          </p>
        </li>
      ))}
    </ul>
  );
}
