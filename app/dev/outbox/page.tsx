import { notFound } from "next/navigation";
import { connection } from "next/server";
import { readOutbox } from "@/lib/email/outbox";
import { getEnv } from "@/lib/env";
import { formatTime } from "@/lib/format/date";

export const metadata = { title: "Dev outbox", robots: { index: false } };

/** Demo mode without SMTP keeps mail here instead of sending it. Production has no such page. */
export default async function OutboxPage() {
  await connection();
  const env = getEnv();
  if (env.mode !== "demo" || env.SMTP_URL) notFound();
  const messages = await readOutbox(50);
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Dev outbox</h1>
      <p className="mt-3 text-muted">
        This demo registry has no mail server (SMTP_URL is not set), so the email it would send lands here, newest first. Anyone can read this page: that is why
        it exists in demo mode only, for trying the site on your own machine, never on a public server. A sign-in link for an administrator (or anyone with a
        site role) never appears here; it is printed in the server&apos;s log only.
      </p>
      {messages.length === 0 ? (
        <p className="mt-8 rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300">
          No email yet. Ask for a sign-in link and it appears here.
        </p>
      ) : (
        <ol className="mt-8 space-y-6">
          {messages.map((m) => (
            <li key={m.id} className="rounded-md border border-ink-200 p-5 dark:border-ink-800">
              <p className="text-sm text-muted">
                To <strong className="text-ink-900 dark:text-ink-50">{m.to}</strong> ·{" "}
                <time dateTime={m.sentAt}>{formatTime(m.sentAt, { seconds: true })}</time>
              </p>
              <h2 className="mt-1 font-semibold">{m.subject}</h2>
              <ul className="mt-3 space-y-1">
                {[...new Set(m.text.match(/https?:\/\/\S+/g) ?? [])].map((url) => (
                  <li key={url}>
                    <a href={url} className="break-all font-medium text-accord-700 underline dark:text-accord-300">
                      {url}
                    </a>
                  </li>
                ))}
              </ul>
              <details className="mt-3">
                <summary className="cursor-pointer text-sm">Full text</summary>
                <pre className="mt-2 whitespace-pre-wrap break-words text-sm">{m.text}</pre>
              </details>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
