import Link from "next/link";
import { getDb } from "@/db/client";
import { listOrganisationOutbox, type OutboxStatus } from "@/db/queries/outbox";
import type { Organisation } from "@/db/schema";
import { organisationDashboardPath } from "@/lib/paths";
import { formatTime } from "@/lib/format/date";

export const NOTIFICATIONS_PAGE_SIZE = 10;

const statusText: Record<OutboxStatus, string> = {
  queued: "Queued",
  sending: "Sending",
  retrying: "Retrying",
  sent: "Sent",
  failed: "Failed",
};

const statusClass: Record<OutboxStatus, string> = {
  queued: "bg-ink-100 text-ink-800 dark:bg-ink-800 dark:text-ink-100",
  sending: "bg-ink-100 text-ink-800 dark:bg-ink-800 dark:text-ink-100",
  retrying: "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-50",
  sent: "bg-accord-50 text-accord-800 dark:bg-accord-800/40 dark:text-accord-100",
  failed: "bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100",
};

/** `?mail=N` → page N (1-based); anything else is the first page. */
export function notificationsPage(value: string | string[] | undefined): number {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw && /^[1-9]\d{0,4}$/.test(raw) ? Number(raw) : 1;
}

function Time({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatTime(date)}</time>;
}

/**
 * What the registry told the organisation's people, newest first: every queued, sent or failed
 * email about it, with delivery attempts. Recipients' addresses are shown to owners only (members
 * see that a mail went out, not to whom).
 */
export async function NotificationsPanel({
  organisation: org,
  showRecipients,
  searchParams,
}: {
  organisation: Organisation;
  showRecipients: boolean;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const page = notificationsPage((await searchParams).mail);
  const db = await getDb();
  const { items, total } = await listOrganisationOutbox(db, org.id, { limit: NOTIFICATIONS_PAGE_SIZE, offset: (page - 1) * NOTIFICATIONS_PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE));
  const href = (n: number) => `${organisationDashboardPath(org.slug)}?mail=${n}#notifications-heading`;

  return (
    <section aria-labelledby="notifications-heading" className="mt-10">
      <h2 id="notifications-heading" className="section-heading">
        Notifications
      </h2>
      <p className="mt-2 text-muted">
        Every owner and member is emailed when {org.displayName} is verified, signs, re-affirms or withdraws, is suspended, delisted or reinstated, when
        ownership changes and when someone asks to join. Mail that cannot be delivered is retried for several hours.
      </p>
      {items.length === 0 ? (
        <p className="mt-4 rounded-md border border-dashed border-ink-300 p-4 text-ink-600 dark:border-ink-700 dark:text-ink-300">
          {total === 0 ? "No email has been sent about this organisation yet." : "No notifications on this page."}
        </p>
      ) : (
        <div className="mt-4 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              Emails about {org.displayName}, newest first{pages > 1 ? `, page ${page} of ${pages}` : ""}
            </caption>
            <thead className="border-b border-ink-200 text-ink-600 dark:border-ink-800 dark:text-ink-300">
              <tr>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  Queued
                </th>
                {showRecipients ? (
                  <th scope="col" className="py-2 pr-4 font-semibold">
                    To
                  </th>
                ) : null}
                <th scope="col" className="py-2 pr-4 font-semibold">
                  Subject
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  Status
                </th>
                <th scope="col" className="py-2 font-semibold">
                  Attempts
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-ink-200 dark:divide-ink-800">
              {items.map((item) => (
                <tr key={item.id} className="align-top">
                  <td className="py-2 pr-4 whitespace-nowrap">
                    <Time date={item.createdAt} />
                  </td>
                  {showRecipients ? <td className="py-2 pr-4 break-all">{item.toAddress}</td> : null}
                  <td className="py-2 pr-4">{item.subject}</td>
                  <td className="py-2 pr-4">
                    <span className={`rounded px-2 py-0.5 font-medium ${statusClass[item.status]}`}>{statusText[item.status]}</span>
                    {item.sentAt ? (
                      <span className="mt-1 block text-muted">
                        <Time date={item.sentAt} />
                      </span>
                    ) : item.nextAttemptAt ? (
                      <span className="mt-1 block text-muted">
                        next try <Time date={item.nextAttemptAt} />
                      </span>
                    ) : null}
                  </td>
                  <td className="py-2">{item.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label="Notification pages" className="mt-4 flex items-center justify-between text-sm">
          {page > 1 ? (
            <Link href={href(page - 1)} className="link-accent">
              Newer
            </Link>
          ) : (
            <span />
          )}
          <span className="text-muted">
            Page {Math.min(page, pages)} of {pages}
          </span>
          {page < pages ? (
            <Link href={href(page + 1)} className="link-accent">
              Older
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}
