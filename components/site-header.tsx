import Link from "next/link";
import { AccountMenu } from "@/components/account-menu";
import { aboutPath, accordPath, directoryPath, joinPath, ledgerPath } from "@/lib/paths";

const nav = [
  { href: accordPath, label: "The accord" },
  { href: directoryPath, label: "Signatories" },
  { href: ledgerPath, label: "Ledger" },
  { href: aboutPath, label: "About" },
  { href: joinPath, label: "Join" },
];

export function SiteHeader() {
  return (
    <header className="border-b border-ink-200 bg-white/95 dark:border-ink-800 dark:bg-ink-950/95">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-serif text-lg font-semibold tracking-tight text-ink-900 no-underline dark:text-ink-50">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-md bg-accord-700 font-sans text-sm font-bold text-white">
            TA
          </span>
          Tech Accord Registry
        </Link>
        <nav aria-label="Main">
          <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm font-medium">
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="nav-link">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="text-sm">
          <AccountMenu />
        </div>
      </div>
    </header>
  );
}
