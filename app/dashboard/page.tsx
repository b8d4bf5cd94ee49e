import Link from "next/link";
import { ActionForm } from "@/components/forms/action-form";
import { StatusBadge } from "@/components/status-badge";
import { getClaimsForOrganisations, getRegisteredOrganisationByDomain } from "@/db/queries/claims";
import { getMembershipsForUser } from "@/db/queries/organisations";
import { getLatestAccordVersionNumber, getStandingVersions } from "@/db/queries/reaffirm";
import { reaffirmationFor } from "@/lib/orgs/reaffirmation";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { claimStatusAt } from "@/lib/orgs/claims-rules";
import { emailDomain } from "@/lib/orgs/domain";
import { getLatestJoinRequest } from "@/db/queries/membership";
import { isEmailAtExactDomain } from "@/lib/orgs/membership";
import { joinOrganisationAction } from "./actions";
import { requestToJoinAction } from "./membership-actions";
import { dashboardPath, newOrganisationPath, organisationDashboardPath, signForPath, versionDiffPath } from "@/lib/paths";
import { formatDate } from "@/lib/format/date";
import { OutcomeNotice } from "@/components/forms/outcome-notice";

export const metadata = { title: "Dashboard", robots: { index: false } };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { notice } = await searchParams;
  const user = await requireUser(dashboardPath);
  const memberships = await getMembershipsForUser(await getDb(), user.id);
  const domain = emailDomain(user.email);
  // Only an organisation that proved the domain is offered: a pending one is just someone's claim.
  const atMyDomain = domain && user.emailVerified ? await getRegisteredOrganisationByDomain(await getDb(), domain) : null;
  const canJoin = atMyDomain && !memberships.some((m) => m.organisation.id === atMyDomain.id);
  // At exactly the domain one joins; at a subdomain one asks, and an owner decides.
  const joinsDirectly = canJoin && isEmailAtExactDomain(user.email, atMyDomain.primaryDomain);
  const myRequest = canJoin && !joinsDirectly ? await getLatestJoinRequest(await getDb(), atMyDomain.id, user.id) : null;
  const claims = await getClaimsForOrganisations(
    await getDb(),
    memberships.filter((m) => m.organisation.status === "pending").map((m) => m.organisation.id),
  );
  const verifiedIds = memberships.filter((m) => m.organisation.status === "verified").map((m) => m.organisation.id);
  const [standing, latestVersion] = await Promise.all([getStandingVersions(await getDb(), verifiedIds), getLatestAccordVersionNumber(await getDb())]);
  const now = new Date();
  const claimNote = (organisationId: string) => {
    const claim = claims.find((c) => c.organisationId === organisationId);
    if (!claim) return "";
    const status = claimStatusAt(claim, now);
    return status === "open"
      ? ` · claim open until ${formatDate(claim.expiresAt)}`
      : status === "expired"
        ? " · claim expired: register again to claim the domain"
        : "";
  };
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Dashboard</h1>
      {notice === "left" ? (
        <OutcomeNotice className="mt-6 rounded-md bg-accord-50 px-4 py-3 font-medium text-accord-800 dark:bg-accord-800/40 dark:text-accord-100">
          You left the organisation. An owner can invite you again.
        </OutcomeNotice>
      ) : null}
      <p className="mt-2 text-muted">
        Signed in as {user.email}
        {user.siteRole !== "member" ? ` (${user.siteRole})` : ""}.
      </p>

      <section aria-labelledby="orgs-heading" className="mt-10">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <h2 id="orgs-heading" className="section-heading">
            Your organisations
          </h2>
          <Link href={newOrganisationPath} className="rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800">
            Register an organisation
          </Link>
        </div>
        {memberships.length > 0 ? (
          <ul className="mt-4 divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
            {memberships.map(({ organisation, role }) => (
              <li key={organisation.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                <div>
                  <Link href={organisationDashboardPath(organisation.slug)} className="font-semibold hover:underline">
                    {organisation.displayName}
                  </Link>
                  <p className="text-sm text-muted">
                    {organisation.primaryDomain} · you are {role === "owner" ? "an owner" : "a member"}
                    {organisation.status === "pending" ? claimNote(organisation.id) : ""}
                  </p>
                  <ReaffirmMark
                    reaffirmation={reaffirmationFor(organisation, standing.get(organisation.id), latestVersion)}
                    name={organisation.displayName}
                    signHref={role === "owner" ? signForPath(organisation.slug) : null}
                  />
                </div>
                <StatusBadge status={organisation.status} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-4 rounded-md border border-dashed border-ink-300 p-6 text-ink-600 dark:border-ink-700 dark:text-ink-300">
            You do not belong to an organisation yet. Register yours{canJoin ? ", or join the one at your domain below" : ""}.
          </p>
        )}
      </section>

      {canJoin ? (
        <section aria-labelledby="join-heading" className="mt-10 rounded-md border border-ink-200 p-6 dark:border-ink-800">
          <h2 id="join-heading" className="font-serif text-xl font-semibold">
            {atMyDomain.displayName} is registered at {atMyDomain.primaryDomain}
          </h2>
          {joinsDirectly ? (
            <>
              <p className="mt-2 text-muted">Your confirmed address is at that domain, so you can join it as a member.</p>
              <div className="mt-4">
                <ActionForm
                  action={joinOrganisationAction}
                  hidden={{ organisationId: atMyDomain.id }}
                  submitLabel={`Join ${atMyDomain.displayName}`}
                  pendingLabel="Joining…"
                />
              </div>
            </>
          ) : myRequest?.status === "pending" ? (
            <p role="status" className="mt-2 text-muted">
              You asked to join on {formatDate(myRequest.createdAt)}. The owners of {atMyDomain.displayName} were told; you become a member when one of them
              approves.
            </p>
          ) : (
            <>
              <p className="mt-2 text-muted">
                Your confirmed address is at a subdomain of {atMyDomain.primaryDomain}, so you can ask to join: an owner approves or declines.
              </p>
              <div className="mt-4">
                <ActionForm
                  action={requestToJoinAction}
                  hidden={{ organisationId: atMyDomain.id }}
                  submitLabel={`Ask to join ${atMyDomain.displayName}`}
                  pendingLabel="Asking…"
                />
              </div>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}

/** The mark on an organisation whose signature is for an older version: what changed, and (for owners) where to re-affirm. */
function ReaffirmMark({ reaffirmation, name, signHref }: { reaffirmation: ReturnType<typeof reaffirmationFor>; name: string; signHref: string | null }) {
  if (!reaffirmation) return null;
  const { signedVersion, latestVersion, changedIn } = reaffirmation;
  return (
    <div className="mt-2 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-50">
      <p>
        <strong>Re-affirm version {latestVersion}:</strong> {name} signed version {signedVersion}. What changed:{" "}
        {changedIn.map((v, i) => (
          <span key={v}>
            {i > 0 ? ", " : ""}
            <Link href={versionDiffPath(v)} className="font-medium underline">
              version {v}
              <span className="sr-only"> compared with version {v - 1}</span>
            </Link>
          </span>
        ))}
        .
      </p>
      {signHref ? (
        <p className="mt-1">
          <Link href={signHref} className="font-semibold underline">
            Read and re-affirm version {latestVersion}
            <span className="sr-only"> for {name}</span>
          </Link>
        </p>
      ) : (
        <p className="mt-1">An owner re-affirms it for the organisation.</p>
      )}
    </div>
  );
}
