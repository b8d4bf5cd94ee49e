import Link from "next/link";
import { accordPath, directoryPath } from "@/lib/paths";

export const metadata = { title: "Page not found", robots: { index: false } };

export default function NotFound() {
  return (
    <div className="mx-auto max-w-2xl px-4 py-24 text-center sm:px-6">
      <p className="text-sm font-semibold uppercase tracking-widest text-accord-700 dark:text-accord-300">404</p>
      <h1 className="mt-3 font-serif text-4xl font-semibold">We could not find that page</h1>
      <p className="mt-4 text-lg text-muted">
        The address may be mistyped, or the page may have moved. Nothing in the public record is ever deleted: withdrawn signatures stay visible.
      </p>
      <ul className="mt-8 flex flex-wrap justify-center gap-4">
        <li>
          <Link href="/" className="link-accent">
            Home
          </Link>
        </li>
        <li>
          <Link href={accordPath} className="link-accent">
            The accord
          </Link>
        </li>
        <li>
          <Link href={directoryPath} className="link-accent">
            Signatories
          </Link>
        </li>
      </ul>
    </div>
  );
}
