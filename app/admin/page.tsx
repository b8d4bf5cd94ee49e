import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ApproveForm, ModerateForm, RejectForm, ReleaseForm, RoleForm } from "./_components/moderation-forms";
import { Pagination } from "@/components/pagination";
import { StatusBadge } from "@/components/status-badge";
import { getOrganisationBySlug, getOrganisationStatusCounts, getOrganisationsByStatus, getRecentAuditEntries } from "@/db/queries/organisations";
import { getUsersPage } from "@/db/queries/users";
import { getClaimsForModeration } from "@/db/queries/claims";
import { getDb } from "@/db/client";
import { claimStatusAt } from "@/lib/orgs/claims-rules";
import { organisationStatuses } from "@/db/schema";
import { isConfiguredAdmin } from "@/lib/auth/roles";
import { isModerator, requireUser } from "@/lib/auth/session";
import { pageParamSchema } from "@/lib/validation/pagination";
import { adminPath, organisationDashboardPath, profilePath } from "@/lib/paths";
import { formatTime } from "@/lib/format/date";
import { organisationSlugSchema } from "@/lib/validation/organisation";

export const metadata = { title: "Moderation", robots: { index: false } };

const querySchema = z.object({
  status: z.enum(organisationStatuses).catch("pending"),
  page: pageParamSchema.catch(1),
  q: z.string().trim().max(100).optional().catch(undefined),
  users: pageParamSchema.catch(1),
  notice: z.enum(["approved", "rejected", "released", "suspended", "delisted", "reinstated"]).optional().catch(undefined),
  org: organisationSlugSchema.optional().catch(undefined),
});

const noticeText = {
  approved: "is verified by moderator review.",
  rejected: "was rejected; the registrants see your reason.",
  released: "no longer holds a claim: the domain is free for others, and the claimant sees your reason.",
  suspended: "is suspended; the reason is on its public profile and in the ledger.",
  delisted: "is delisted; the reason is on its public profile and in the ledger.",
  reinstated: "is reinstated; the reason is in the ledger.",
} as const;

/** The moderation decisions that make sense from each public status, in the order they are offered. */
const moderationChoices = {
  verified: ["suspend", "delist"],
  suspended: ["reinstate", "delist"],
  delisted: ["reinstate"],
} as const;

const isPublic = (status: string): status is keyof typeof moderationChoices => status in moderationChoices;

const PAGE_SIZE = 20;

export default async function AdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(adminPath);
  if (!isModerator(user)) notFound();
  const query = querySchema.parse(await searchParams);
  const db = await getDb();
  const [counts, list, audit, people, decided] = await Promise.all([
    getOrganisationStatusCounts(db),
    getOrganisationsByStatus(db, query.status, { page: query.page, pageSize: PAGE_SIZE }),
    getRecentAuditEntries(db, 20),
    user.siteRole === "admin" ? getUsersPage(db, { q: query.q, page: query.users, pageSize: PAGE_SIZE }) : null,
    query.notice && query.org ? getOrganisationBySlug(db, query.org) : null,
  ]);
  // Pending organisations are claims: moderators see whom they would approve, and rival claims.
  const claims =
    query.status === "pending"
      ? await getClaimsForModeration(
          db,
          list.items.map((o) => o.id),
        )
      : [];
  const now = new Date();
  const claimLine = (organisationId: string) => {
    const found = claims.find((c) => c.claim.organisationId === organisationId);
    if (!found) return null;
    const expired = claimStatusAt(found.claim, now) === "expired";
    const rivals = found.openAtDomain - 1;
    return `Claimed by ${found.claimantEmail ?? "a deleted account"} · ${expired ? "expired" : "open until"} ${formatTime(found.claim.expiresAt)}${rivals > 0 ? ` · ${rivals} other open claim${rivals === 1 ? "" : "s"} to this domain: approving this one closes them` : ""}`;
  };
  const countOf = (status: string) => counts.find((c) => c.status === status)?.n ?? 0;
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Moderation</h1>
      <p className="mt-2 text-ink-600 dark:text-ink-300">
        Every decision here is recorded with your name and reason; approvals, suspensions, delistings and reinstatements are also published in the ledger with
        their public reason.
      </p>
      {query.notice && decided ? (
        <p role="status" className="mt-6 rounded-md bg-accord-50 px-4 py-3 font-medium text-accord-800 dark:bg-accord-800/40 dark:text-accord-100">
          {decided.displayName} {noticeText[query.notice]}
        </p>
      ) : null}

      <nav aria-label="Organisations by status" className="mt-8">
        <ul className="flex flex-wrap gap-2">
          {organisationStatuses.map((status) => (
            <li key={status}>
              <Link
                href={`${adminPath}?status=${status}`}
                aria-current={status === query.status ? "page" : undefined}
                className={`inline-block rounded-md border px-3 py-1.5 text-sm font-medium ${status === query.status ? "border-accord-700 bg-accord-50 dark:bg-accord-800/40" : "border-ink-300 dark:border-ink-600"}`}
              >
                {status} ({countOf(status)})
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="queue-heading" className="mt-6">
        <h2 id="queue-heading" className="font-serif text-2xl font-semibold">
          {query.status === "pending" ? "Waiting for review" : `Organisations: ${query.status}`}
        </h2>
        {list.items.length === 0 ? (
          <p className="mt-4 rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300">Nothing here.</p>
        ) : (
          <ul className="mt-4 space-y-4">
            {list.items.map((org) => (
              <li key={org.id} className="rounded-md border border-ink-200 p-5 dark:border-ink-800">
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <div>
                    {/* A public organisation's name leads to what everyone sees; members and proofs stay one link away. */}
                    <Link
                      href={isPublic(org.status) ? profilePath(org.slug) : organisationDashboardPath(org.slug)}
                      className="text-lg font-semibold hover:underline"
                    >
                      {org.displayName}
                    </Link>
                    <p className="text-sm text-ink-600 dark:text-ink-300">
                      {org.legalName} · {org.primaryDomain} · registered {formatTime(org.createdAt)}
                    </p>
                    {org.status === "pending" && claimLine(org.id) ? <p className="text-sm text-ink-600 dark:text-ink-300">{claimLine(org.id)}</p> : null}
                    {isPublic(org.status) ? (
                      <p className="text-sm">
                        <Link href={organisationDashboardPath(org.slug)} className="font-medium text-accord-700 underline dark:text-accord-300">
                          Members and proofs<span className="sr-only"> of {org.displayName}</span>
                        </Link>
                      </p>
                    ) : null}
                  </div>
                  <StatusBadge status={org.status} />
                </div>
                {org.status === "pending" ? (
                  <div className="mt-4 grid gap-6 md:grid-cols-3">
                    <ApproveForm organisationId={org.id} />
                    <RejectForm organisationId={org.id} />
                    <ReleaseForm organisationId={org.id} />
                  </div>
                ) : (
                  <>
                    {org.statusReason ? <p className="mt-2 text-sm break-words">Reason: {org.statusReason}</p> : null}
                    {isPublic(org.status) ? (
                      <div className="mt-4 grid gap-6 md:grid-cols-2">
                        {moderationChoices[org.status].map((change) => (
                          <ModerateForm key={change} organisationId={org.id} change={change} />
                        ))}
                      </div>
                    ) : null}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <Pagination
          page={query.page}
          pageCount={Math.max(1, Math.ceil(list.total / PAGE_SIZE))}
          hrefFor={(p) => `${adminPath}?status=${query.status}&page=${p}`}
        />
      </section>

      {people ? (
        <section aria-labelledby="users-heading" className="mt-12">
          <h2 id="users-heading" className="font-serif text-2xl font-semibold">
            People and roles
          </h2>
          <form method="get" action={adminPath} className="mt-4 flex flex-wrap items-end gap-2" role="search">
            <input type="hidden" name="status" value={query.status} />
            <label htmlFor="q" className="sr-only">
              Search by email
            </label>
            <input
              id="q"
              name="q"
              defaultValue={query.q}
              maxLength={100}
              placeholder="Search by email"
              className="rounded-md border border-ink-300 px-3 py-2 dark:border-ink-600 dark:bg-ink-900"
            />
            <button type="submit" className="rounded-md border border-ink-300 px-3 py-2 font-medium dark:border-ink-600">
              Search
            </button>
          </form>
          <ul className="mt-4 divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
            {people.items.map((p) => (
              <li key={p.id} className="flex flex-wrap items-end justify-between gap-3 px-4 py-3">
                <div>
                  <p className="font-medium">{p.email}</p>
                  <p className="text-sm text-ink-600 dark:text-ink-300">{isConfiguredAdmin(p.email) ? "admin (set by configuration)" : p.siteRole}</p>
                </div>
                {/* Every sign-in makes an ADMIN_EMAILS address admin again, so a change here would not last. */}
                {isConfiguredAdmin(p.email) ? (
                  <p className="max-w-xs text-sm text-ink-600 dark:text-ink-300">
                    To change this role, remove the address from ADMIN_EMAILS and restart the server.
                  </p>
                ) : (
                  <RoleForm userId={p.id} role={p.siteRole} />
                )}
              </li>
            ))}
          </ul>
          <Pagination
            page={query.users}
            pageCount={Math.max(1, Math.ceil(people.total / PAGE_SIZE))}
            hrefFor={(p) => `${adminPath}?status=${query.status}&users=${p}${query.q ? `&q=${encodeURIComponent(query.q)}` : ""}`}
          />
        </section>
      ) : null}

      <section aria-labelledby="audit-heading" className="mt-12">
        <h2 id="audit-heading" className="font-serif text-2xl font-semibold">
          Recent moderation
        </h2>
        {audit.length === 0 ? (
          <p className="mt-4 text-ink-600 dark:text-ink-300">No moderation yet.</p>
        ) : (
          <ul className="mt-4 space-y-2 text-sm">
            {audit.map(({ entry, actorEmail }) => (
              <li key={entry.id}>
                <time dateTime={entry.createdAt.toISOString()}>{formatTime(entry.createdAt)}</time> · {actorEmail ?? "deleted user"} · {entry.action}
                {entry.reason ? `: ${entry.reason}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
