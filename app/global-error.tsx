"use client";

import "./globals.css";

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en-GB">
      <body className="grid min-h-screen place-items-center p-6 text-center">
        <main>
          <h1 className="font-serif text-3xl font-semibold">The registry is unavailable</h1>
          <p className="mt-3">Please try again in a moment.</p>
          <button type="button" onClick={reset} className="mt-6 rounded-md bg-accord-700 px-4 py-2 font-semibold text-white">
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
