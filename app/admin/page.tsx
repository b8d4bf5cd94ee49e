import Link from "next/link";
import { notFound } from "next/navigation";
import { ApproveForm, ModerateForm, RejectForm, ReleaseForm, RoleForm } from "./_components/moderation-forms";
import { FocusOnArrival } from "./_components/focus-on-arrival";
import { ConcernQueueLink } from "./_components/concern-queue-link";
import { Pagination } from "@/components/pagination";
import { StatusBadge } from "@/components/status-badge";
import { getMembershipsForUser, getOrganisationBySlug, getOrganisationStatusCounts, getRecentAuditEntries } from "@/db/queries/organisations";
import { countBeforeCursor, getModerationPage, getPreviousModerationCursor } from "@/db/queries/moderation";
import { getUserById, getUsersPage } from "@/db/queries/users";
import { getClaimsForModeration } from "@/db/queries/claims";
import { getDb } from "@/db/client";
import { claimStatusAt } from "@/lib/orgs/claims-rules";
import { organisationStatuses, type Organisation } from "@/db/schema";
import { isConfiguredAdmin } from "@/lib/auth/roles";
import { isModerator, requireUser } from "@/lib/auth/session";
import { refusalMessage } from "@/lib/permissions";
import { adminPath, organisationDashboardPath, profilePath } from "@/lib/paths";
import { formatTime } from "@/lib/format/date";
import { queryRecord, unknownParams } from "@/lib/validation/directory";
import { countryOptions } from "@/lib/validation/options";
import { countryLabel } from "@/lib/validation/organisation";
import {
  type ModerationFilters,
  type ModerationQuery,
  defaultSort,
  encodeModerationCursor,
  moderationAges,
  moderationParams,
  moderationQuerySchema,
  moderationViewParams,
} from "@/lib/validation/moderation-query";

export const metadata = { title: "Moderation", robots: { index: false } };

const noticeText = {
  approved: "is verified by moderator review.",
  rejected: "was rejected; the registrants see your reason.",
  released: "no longer holds a claim: the domain is free for others, and the claimant sees your reason.",
  suspended: "is suspended; the reason is on its public profile and in the ledger.",
  delisted: "is delisted; the reason is on its public profile and in the ledger.",
  reinstated: "is reinstated; the reason is in the ledger.",
} as const;

const methodText: Record<string, string> = { email_domain: "work email", dns_txt: "DNS TXT record", moderator: "moderator review", none: "not proven yet" };
const sortText = { oldest: "Oldest first", newest: "Newest first", name: "Name (A–Z)", updated: "Last changed" } as const;
// Full width of its cell: a select as wide as its longest country name would push a phone sideways.
// Borders of 3:1 or more against the page, as the forms elsewhere (components/forms/fields.tsx).
const fieldClass = "w-full min-w-0 rounded-md border border-ink-500 bg-white px-3 py-2 dark:border-ink-400 dark:bg-ink-900";

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
  const record = queryRecord(await searchParams);
  const parsed = moderationQuerySchema.safeParse(record);
  const unknown = unknownParams(record, moderationParams);
  // A bad address is explained, never guessed at: no list is shown for filters that were not understood.
  const problems = [
    ...unknown.map((key) => `“${key}” is not one of this page's filters`),
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.message}${issue.path.length ? ` (${issue.path.join(".")})` : ""}`)),
  ];
  const query: ModerationQuery = parsed.success ? parsed.data : {};
  const status = query.status ?? "pending";
  const filters: ModerationFilters = { status, search: query.search, method: query.method, country: query.country, age: query.age, sort: query.sort };
  const sort = filters.sort ?? defaultSort(status);
  // What every form posts back (actions return to exactly this view).
  const viewParams = moderationViewParams(filters);
  if (query.after) viewParams.set("after", encodeModerationCursor(query.after));
  if (query.q) viewParams.set("q", query.q);
  if (query.users && query.users > 1) viewParams.set("users", String(query.users));
  const view = viewParams.toString();

  const db = await getDb();
  const now = new Date();
  const [counts, list, before, audit, people, decided, roleChanged, mine] = await Promise.all([
    getOrganisationStatusCounts(db),
    problems.length === 0 ? getModerationPage(db, filters, { cursor: query.after, limit: PAGE_SIZE, now }) : null,
    problems.length === 0 && query.after ? countBeforeCursor(db, filters, query.after, now) : 0,
    getRecentAuditEntries(db, 20),
    user.siteRole === "admin" && problems.length === 0 ? getUsersPage(db, { q: query.q, page: query.users ?? 1, pageSize: PAGE_SIZE }) : null,
    query.notice && query.notice !== "role" && query.org ? getOrganisationBySlug(db, query.org) : null,
    query.notice === "role" && query.user ? getUserById(db, query.user) : null,
    getMembershipsForUser(db, user.id),
  ]);
  // The data layer refuses moderation of one's own organisation; the page says so instead of offering it.
  const ownOrganisations = new Set(mine.map((m) => m.organisation.id));
  const items = list?.items ?? [];
  // Pending organisations are claims: moderators see whom they would approve, and rival claims.
  const claims =
    status === "pending"
      ? await getClaimsForModeration(
          db,
          items.map((o) => o.id),
        )
      : [];
  const claimLine = (organisationId: string) => {
    const found = claims.find((c) => c.claim.organisationId === organisationId);
    if (!found) return null;
    const expired = claimStatusAt(found.claim, now) === "expired";
    const rivals = found.openAtDomain - 1;
    return `Claimed by ${found.claimantEmail ?? "a deleted account"} · ${expired ? "expired" : "open until"} ${formatTime(found.claim.expiresAt)}${rivals > 0 ? ` · ${rivals} other open claim${rivals === 1 ? "" : "s"} to this domain: approving this one closes them` : ""}`;
  };
  const countOf = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
  const tabHref = (s: Organisation["status"]) => `${adminPath}?${moderationViewParams({ ...filters, status: s, sort: undefined })}`;
  const firstHref = `${adminPath}?${moderationViewParams(filters)}`;
  const pageHref = (cursor: string) => `${adminPath}?${new URLSearchParams([...moderationViewParams(filters), ["after", cursor]])}`;
  const nextHref = list?.nextCursor ? pageHref(list.nextCursor) : null;
  // The page before this one: the first page when it lies within one page of the start.
  const previousCursor =
    list && query.after && before > PAGE_SIZE ? await getPreviousModerationCursor(db, filters, { cursor: query.after, limit: PAGE_SIZE, now }) : null;
  const previousHref = query.after ? (previousCursor ? pageHref(previousCursor) : firstHref) : null;
  const filtered = Boolean(filters.search || filters.method || filters.country || filters.age);
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Moderation</h1>
      <p className="mt-2 text-muted">
        Every decision here is recorded with your name and reason; approvals, suspensions, delistings and reinstatements are also published in the ledger with
        their public reason.
      </p>
      <ConcernQueueLink />
      {query.notice && decided && query.notice !== "role" ? (
        <p role="status" className="mt-6 rounded-md bg-accord-50 px-4 py-3 font-medium text-accord-800 dark:bg-accord-800/40 dark:text-accord-100">
          {decided.displayName} {noticeText[query.notice]}
        </p>
      ) : null}
      {problems.length > 0 ? (
        <div
          role="alert"
          className="mt-6 rounded-md border-2 border-red-700 bg-red-50 px-4 py-3 text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100"
        >
          <p className="font-semibold">This address has filters the page cannot use:</p>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p className="mt-2 text-sm">
            <Link href={`${adminPath}?status=${status}`} className="font-semibold underline">
              Start again with no filters
            </Link>
          </p>
        </div>
      ) : null}

      <nav aria-label="Organisations by status" className="mt-8">
        <ul className="flex flex-wrap gap-2">
          {organisationStatuses.map((s) => (
            <li key={s}>
              <Link
                href={tabHref(s)}
                aria-current={s === status ? "page" : undefined}
                className={`inline-block rounded-md border px-3 py-1.5 text-sm font-medium ${s === status ? "border-accord-700 bg-accord-50 dark:bg-accord-800/40" : "border-ink-300 dark:border-ink-600"}`}
              >
                {s} ({countOf(s)})
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <form method="get" action={adminPath} role="search" aria-label="Find organisations" className="mt-6 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <input type="hidden" name="status" value={status} />
        <div className="flex min-w-0 flex-col gap-1 sm:col-span-2 lg:col-span-3">
          <label htmlFor="moderation-search" className="text-sm font-medium">
            Search by name, slug or domain
          </label>
          <input id="moderation-search" name="search" type="search" defaultValue={query.search ?? ""} maxLength={100} className={fieldClass} />
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="moderation-method" className="text-sm font-medium">
            Proof method
          </label>
          <select id="moderation-method" name="method" defaultValue={query.method ?? ""} className={fieldClass}>
            <option value="">Any</option>
            {Object.entries(methodText).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="moderation-country" className="text-sm font-medium">
            Country
          </label>
          <select id="moderation-country" name="country" defaultValue={query.country ?? ""} className={fieldClass}>
            <option value="">Any</option>
            {countryOptions().map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="moderation-age" className="text-sm font-medium">
            Registered more than
          </label>
          <select id="moderation-age" name="age" defaultValue={query.age ?? ""} className={fieldClass}>
            <option value="">Any time ago</option>
            {moderationAges.map((days) => (
              <option key={days} value={days}>
                {days === "1" ? "1 day ago" : `${days} days ago`}
              </option>
            ))}
          </select>
        </div>
        <div className="flex min-w-0 flex-col gap-1">
          <label htmlFor="moderation-sort" className="text-sm font-medium">
            Order
          </label>
          <select id="moderation-sort" name="sort" defaultValue={sort} className={fieldClass}>
            {Object.entries(sortText).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex min-w-0 flex-wrap items-end gap-3">
          <button type="submit" className="rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800">
            Show
          </button>
          {filtered ? (
            <Link href={`${adminPath}?status=${status}`} className="text-sm font-medium text-accord-700 underline dark:text-accord-300">
              Clear filters
            </Link>
          ) : null}
        </div>
      </form>

      <section aria-labelledby="queue-heading" className="mt-6" key={query.done ?? "list"}>
        <FocusOnArrival targetId="queue-heading" active={!query.notice && Boolean(query.after || filtered || query.sort)} />
        <h2 id="queue-heading" tabIndex={-1} aria-describedby={list ? "queue-range" : undefined} className="section-heading">
          {status === "pending" ? "Waiting for review" : `Organisations: ${status}`}
        </h2>
        {list ? (
          <p id="queue-range" aria-live="polite" className="mt-1 text-sm text-muted">
            {list.total === 0
              ? filtered
                ? "No organisation matches these filters."
                : "None."
              : `Showing ${before + 1}–${before + items.length} of ${list.total}${filtered ? " matching" : ""} · ${sortText[list.sort].toLowerCase()}`}
          </p>
        ) : null}
        {items.length === 0 ? (
          <p className="mt-4 rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300">
            {problems.length > 0 ? "Correct the address or start again with no filters." : "Nothing here."}
          </p>
        ) : (
          <ul className="mt-4 space-y-4">
            {items.map((org) => (
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
                    <p className="text-sm text-muted">
                      {org.legalName} · {org.primaryDomain} · {countryLabel(org.country)} · registered {formatTime(org.createdAt)}
                      {org.verificationMethod ? ` · proven by ${methodText[org.verificationMethod]}` : ""}
                    </p>
                    {org.status === "pending" && claimLine(org.id) ? <p className="text-sm text-muted">{claimLine(org.id)}</p> : null}
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
                {org.status !== "pending" && org.statusReason ? <p className="mt-2 text-sm break-words">Reason: {org.statusReason}</p> : null}
                {ownOrganisations.has(org.id) && (org.status === "pending" || isPublic(org.status)) ? (
                  <p className="mt-4 rounded-md border border-ink-300 px-4 py-3 text-sm dark:border-ink-700">
                    {refusalMessage("approve", "own-organisation", org.displayName)}
                  </p>
                ) : org.status === "pending" ? (
                  <div className="mt-4 grid gap-6 md:grid-cols-3">
                    <ApproveForm organisationId={org.id} view={view} />
                    <RejectForm organisationId={org.id} view={view} />
                    <ReleaseForm organisationId={org.id} view={view} />
                  </div>
                ) : isPublic(org.status) ? (
                  <div className="mt-4 grid gap-6 md:grid-cols-2">
                    {moderationChoices[org.status].map((change) => (
                      <ModerateForm key={change} organisationId={org.id} change={change} view={view} />
                    ))}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {query.after || nextHref ? (
          <nav aria-label="Pages of organisations" className="mt-6 flex flex-wrap items-center justify-between gap-4">
            {previousHref ? (
              <span className="flex flex-wrap gap-3">
                <Link
                  rel="prev"
                  href={previousHref}
                  className="rounded-md border border-ink-300 px-3 py-2 font-medium hover:border-accord-600 dark:border-ink-600"
                >
                  ← Previous {PAGE_SIZE}
                </Link>
                {previousCursor ? (
                  <Link href={firstHref} className="rounded-md border border-ink-300 px-3 py-2 font-medium hover:border-accord-600 dark:border-ink-600">
                    First page
                  </Link>
                ) : null}
              </span>
            ) : (
              <span />
            )}
            {nextHref ? (
              <Link rel="next" href={nextHref} className="rounded-md border border-ink-300 px-3 py-2 font-medium hover:border-accord-600 dark:border-ink-600">
                Next {PAGE_SIZE} →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </section>

      {people ? (
        <section aria-labelledby="users-heading" className="mt-12" key={`people-${query.done ?? ""}`}>
          <h2 id="users-heading" className="section-heading">
            People and roles
          </h2>
          <form method="get" action={adminPath} className="mt-4 flex flex-wrap items-end gap-2" role="search">
            {[...moderationViewParams(filters)].map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <label htmlFor="q" className="sr-only">
              Search by email
            </label>
            <input
              id="q"
              name="q"
              defaultValue={query.q}
              maxLength={100}
              placeholder="Search by email"
              className="rounded-md border border-ink-500 bg-white px-3 py-2 dark:border-ink-400 dark:bg-ink-900"
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
                  <p className="text-sm text-muted">{isConfiguredAdmin(p.email) ? "admin (set by configuration)" : p.siteRole}</p>
                </div>
                {/* Every sign-in makes an ADMIN_EMAILS address admin again, so a change here would not last. */}
                {isConfiguredAdmin(p.email) ? (
                  <p className="max-w-xs text-sm text-muted">To change this role, remove the address from ADMIN_EMAILS and restart the server.</p>
                ) : (
                  <div>
                    <RoleForm userId={p.id} role={p.siteRole} view={view} />
                    {roleChanged?.id === p.id ? (
                      <p role="status" className="mt-2 text-sm font-medium text-accord-800 dark:text-accord-100">
                        {roleChanged.email} is now {roleChanged.siteRole}.
                      </p>
                    ) : null}
                  </div>
                )}
              </li>
            ))}
          </ul>
          <Pagination
            page={query.users ?? 1}
            pageCount={Math.max(1, Math.ceil(people.total / PAGE_SIZE))}
            hrefFor={(p) => `${adminPath}?${moderationViewParams(filters)}&users=${p}${query.q ? `&q=${encodeURIComponent(query.q)}` : ""}`}
          />
        </section>
      ) : null}

      <section aria-labelledby="audit-heading" className="mt-12">
        <h2 id="audit-heading" className="section-heading">
          Recent moderation
        </h2>
        {audit.length === 0 ? (
          <p className="mt-4 text-muted">No moderation yet.</p>
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
