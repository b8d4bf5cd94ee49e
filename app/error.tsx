"use client";

import Link from "next/link";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-2xl px-4 py-24 text-center sm:px-6">
      <h1 className="font-serif text-4xl font-semibold">Something went wrong</h1>
      <p className="mt-4 text-lg text-muted">The page could not be shown. Please try again; if it keeps happening, the registry may be restarting.</p>
      {error.digest ? (
        <p className="mt-2 text-sm text-ink-500">
          Reference: <code>{error.digest}</code>
        </p>
      ) : null}
      <div className="mt-8 flex justify-center gap-4">
        <button type="button" onClick={reset} className="rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800">
          Try again
        </button>
        <Link href="/" className="rounded-md border border-ink-300 px-4 py-2 font-semibold">
          Home
        </Link>
      </div>
    </div>
  );
}
