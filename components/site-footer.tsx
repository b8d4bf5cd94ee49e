import Link from "next/link";
import {
  aboutPath,
  accordPath,
  commitmentSearchPath,
  concernsPath,
  developersPath,
  directoryPath,
  faqPath,
  joinPath,
  ledgerPath,
  transparencyPath,
} from "@/lib/paths";

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-ink-200 bg-ink-50 text-sm text-ink-600 dark:border-ink-800 dark:bg-ink-900 dark:text-ink-300">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-10 sm:grid-cols-3 sm:px-6">
        <div>
          <p className="font-serif text-base font-semibold text-ink-900 dark:text-ink-50">100% defence, 0% offence.</p>
          <p className="mt-2">An open-source, verifiable public registry. Every signature is recorded in a tamper-evident ledger.</p>
        </div>
        <nav aria-label="Accord">
          <ul className="space-y-1">
            <li>
              <Link className="hover:underline" href={accordPath}>
                The accord
              </Link>
            </li>
            <li>
              <Link className="hover:underline" href={directoryPath}>
                Signatories
              </Link>
            </li>
            <li>
              <Link className="hover:underline" href={transparencyPath}>
                Government requests
              </Link>
            </li>
            <li>
              <Link className="hover:underline" href={concernsPath}>
                Public concerns
              </Link>
            </li>
            <li>
              <Link className="hover:underline" href={commitmentSearchPath}>
                Search commitments
              </Link>
            </li>
            <li>
              <Link className="hover:underline" href={ledgerPath}>
                Public ledger
              </Link>
            </li>
            <li>
              <Link className="hover:underline" href={developersPath}>
                Open data and API
              </Link>
            </li>
          </ul>
        </nav>
        <nav aria-label="About">
          <ul className="space-y-1">
            <li>
              <Link className="hover:underline" href={aboutPath}>
                About the registry
              </Link>
            </li>
            <li>
              <Link className="hover:underline" href={faqPath}>
                Questions and answers
              </Link>
            </li>
            <li>
              <Link className="hover:underline" href={joinPath}>
                How to join
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
