import Link from "next/link";
import { notFound } from "next/navigation";
import { CodeBlock } from "@/components/code-block";
import { OutcomeNotice } from "@/components/forms/outcome-notice";
import { CommitmentsPanel } from "./_components/commitments-panel";
import { ReportsPanel } from "./_components/reports-panel";
import { TransparencyPanel } from "./_components/transparency-panel";
import { ConcernsPanel } from "./_components/concerns-panel";
import { NotificationsPanel } from "./_components/notifications-panel";
import { SignaturePanel } from "./_components/signature-panel";
import { ActionForm } from "@/components/forms/action-form";
import { StatusBadge } from "@/components/status-badge";
import { countRivalClaims, getClaimForOrganisation } from "@/db/queries/claims";
import { getDomainProofs, getMembership, getOrganisationBySlug } from "@/db/queries/organisations";
import { getDb } from "@/db/client";
import { isModerator, requireUser } from "@/lib/auth/session";
import { can } from "@/lib/permissions";
import { claimStatusAt, CLAIM_LIFETIME_DAYS, DNS_CHECK_INTERVAL_SECONDS, DNS_CHECKS_PER_DAY, emailHost, emailProofRefusal } from "@/lib/orgs/claims-rules";
import { expectedTxtValue, txtRecordName } from "@/lib/orgs/dns-check";
import { isFreeMailDomain } from "@/lib/orgs/free-mail";
import { countryLabel, organisationSlugSchema, sectorLabel } from "@/lib/validation/organisation";
import { checkDnsAction, verifyByEmailAction } from "../../actions";
import { MembersPanel } from "./_components/members-panel";
import { dashboardPath, ledgerPath, newOrganisationPath, organisationDashboardPath, profilePath } from "@/lib/paths";
import { formatTime } from "@/lib/format/date";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // The name is public once verified; a pending one is shown only to its members, so keep it generic.
  const org = organisationSlugSchema.safeParse(slug).success ? await getOrganisationBySlug(await getDb(), slug) : null;
  return { title: org?.status === "verified" ? `${org.displayName} · Dashboard` : "Organisation · Dashboard", robots: { index: false } };
}

export default async function OrganisationDashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const { notice } = await searchParams;
  const user = await requireUser(organisationDashboardPath(encodeURIComponent(slug)));
  const db = await getDb();
  const org = organisationSlugSchema.safeParse(slug).success ? await getOrganisationBySlug(db, slug) : null;
  if (!org) notFound();
  const membership = await getMembership(db, org.id, user.id);
  // Pending organisations are visible to their members and moderators only.
  if (!membership && !isModerator(user)) notFound();
  const now = new Date();
  const [proofs, claim, rivals] = await Promise.all([
    getDomainProofs(db, org.id),
    getClaimForOrganisation(db, org.id),
    org.status === "pending" ? countRivalClaims(db, org.id, org.primaryDomain, now) : 0,
  ]);
  const isOwner = membership?.role === "owner";
  const actor = { organisationRole: membership?.role ?? null, siteRole: user.siteRole };
  const emailCanProve = emailProofRefusal(user, org.primaryDomain) === null;
  // Expiry is decided by the clock, so an expired claim shows as expired before the sweep closes it.
  const claimStatus = claim ? claimStatusAt(claim, now) : org.status === "pending" ? "open" : null;
  const claimOpen = org.status === "pending" && claimStatus === "open";
  const daysLeft = claim ? Math.max(0, Math.ceil((claim.expiresAt.getTime() - now.getTime()) / 86_400_000)) : CLAIM_LIFETIME_DAYS;
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={dashboardPath} className="hover:underline">
          Dashboard
        </Link>{" "}
        / {org.displayName}
      </nav>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <h1 className="font-serif text-4xl font-semibold tracking-tight">{org.displayName}</h1>
        <StatusBadge status={org.status} />
        {org.status === "verified" || org.status === "suspended" || org.status === "delisted" ? (
          <Link href={profilePath(org.slug)} className="text-sm font-medium text-accord-700 underline dark:text-accord-300">
            Public profile
          </Link>
        ) : null}
      </div>
      {notice === "verified" && org.status === "verified" ? (
        <OutcomeNotice className="mt-6 rounded-md bg-accord-50 px-4 py-3 font-medium text-accord-800 dark:bg-accord-800/40 dark:text-accord-100">
          {org.displayName} is verified: the proof is recorded, and the public ledger now says so.{" "}
          <Link href={ledgerPath} className="underline">
            See the ledger
          </Link>
        </OutcomeNotice>
      ) : null}
      <dl className="mt-6 grid grid-cols-[9rem_minmax(0,1fr)] gap-y-2 text-sm">
        <dt className="text-muted">Legal name</dt>
        <dd>{org.legalName}</dd>
        <dt className="text-muted">Domain</dt>
        <dd>{org.primaryDomain}</dd>
        <dt className="text-muted">Country</dt>
        <dd>{countryLabel(org.country)}</dd>
        <dt className="text-muted">Sector</dt>
        <dd>{sectorLabel(org.sector)}</dd>
        {org.website ? (
          <>
            <dt className="text-muted">Website</dt>
            <dd className="break-all">{org.website}</dd>
          </>
        ) : null}
        {org.verifiedAt ? (
          <>
            <dt className="text-muted">Verified</dt>
            <dd>
              {formatTime(org.verifiedAt)} by {org.verificationMethod?.replace("_", " ")}
            </dd>
          </>
        ) : null}
        {org.statusReason ? (
          <>
            <dt className="text-muted">Reason</dt>
            <dd>{org.statusReason}</dd>
          </>
        ) : null}
      </dl>
      <SignaturePanel organisation={org} role={membership?.role ?? null} notice={notice} />

      {org.status === "pending" && claimStatus === "expired" && claim ? (
        <p role="status" className="mt-6 rounded-md border border-ink-300 px-4 py-3 dark:border-ink-600">
          This claim to {org.primaryDomain} expired on {formatTime(claim.expiresAt)} without proof, so it can no longer be proven and the domain is free for
          others.{" "}
          <Link href={newOrganisationPath} className="underline">
            Register the domain again
          </Link>{" "}
          to file a new claim.
        </p>
      ) : null}
      {org.status === "rejected" && claim && claim.status !== "open" && claim.status !== "won" ? (
        <p role="status" className="mt-6 rounded-md border border-ink-300 px-4 py-3 dark:border-ink-600">
          This claim to {org.primaryDomain} is {claim.status}
          {claim.closedReason ? `: ${claim.closedReason}` : "."} Nobody can act for the organisation through it.
        </p>
      ) : null}

      {claimOpen && membership ? (
        <section aria-labelledby="prove-heading" className="mt-10">
          <h2 id="prove-heading" className="section-heading">
            Prove that you control {org.primaryDomain}
          </h2>
          <p className="mt-2 text-muted">
            This registration is a claim to the domain, open until {claim ? `${formatTime(claim.expiresAt)}` : "30 days after it was filed"} ({daysLeft} day
            {daysLeft === 1 ? "" : "s"} left). Whoever proves the domain owns the organisation: the person whose address is at {org.primaryDomain}, the claimant
            whose DNS token is published, or the claimant a moderator approves. Owners who proved nothing become members if their address is at{" "}
            {org.primaryDomain} and leave otherwise. Every attempt is recorded, and the successful proof is published in the ledger.
          </p>
          {rivals > 0 ? (
            <p role="status" className="mt-3 rounded-md bg-accord-50 px-4 py-3 text-sm text-accord-800 dark:bg-accord-800/40 dark:text-accord-100">
              {rivals === 1 ? "Someone else also claims" : `${rivals} other people also claim`} {org.primaryDomain}, each with their own token. The first claim
              proven wins and the others close.
            </p>
          ) : null}
          <div className="mt-6 grid gap-6 md:grid-cols-2">
            <div className="rounded-md border border-ink-200 p-5 dark:border-ink-800">
              <h3 className="font-semibold">By your work email</h3>
              {emailCanProve ? (
                <>
                  <p className="mt-2 text-sm">
                    Your confirmed address {user.email} is at {org.primaryDomain}.
                  </p>
                  <div className="mt-4">
                    <ActionForm action={verifyByEmailAction} hidden={{ organisationId: org.id }} submitLabel="Verify with my email" pendingLabel="Verifying…" />
                  </div>
                </>
              ) : (
                <p className="mt-2 text-sm text-muted">
                  Your address {user.email} is not at exactly {org.primaryDomain}
                  {isFreeMailDomain(emailHost(user.email)) ? " (and a public email provider never proves an organisation)" : ""}. A colleague signed in at that
                  domain can verify it (and becomes its owner), or use DNS.
                </p>
              )}
            </div>
            <div className="rounded-md border border-ink-200 p-5 dark:border-ink-800">
              <h3 className="font-semibold">By a DNS TXT record</h3>
              <p className="mt-2 text-sm">
                Publish this record (the token is this claim&apos;s own), then check. At most one check every {DNS_CHECK_INTERVAL_SECONDS} seconds and{" "}
                {DNS_CHECKS_PER_DAY} a day.
              </p>
              <div className="mt-2 space-y-2 text-sm">
                <p className="font-medium">Name</p>
                <CodeBlock label="DNS record name">{txtRecordName(org.primaryDomain)}</CodeBlock>
                <p className="font-medium">Value (TXT)</p>
                <CodeBlock label="DNS record value">{expectedTxtValue(org.dnsToken ?? "")}</CodeBlock>
              </div>
              <div className="mt-4">
                <ActionForm action={checkDnsAction} hidden={{ organisationId: org.id }} submitLabel="Check now" pendingLabel="Asking DNS…" />
              </div>
            </div>
          </div>
          <p className="mt-4 text-sm text-muted">Neither works for you? A moderator reviews pending organisations and can approve yours after checking.</p>
        </section>
      ) : null}

      <MembersPanel organisation={org} user={user} membership={membership} notice={notice} />

      <CommitmentsPanel organisation={org} canEdit={can("registerCommitment", actor)} />
      <ReportsPanel organisation={org} canPublish={can("publishReport", actor)} canDraft={can("draftReport", actor)} />
      <TransparencyPanel organisation={org} canPublish={can("publishTransparency", actor)} />
      {membership ? <ConcernsPanel organisation={org} canRespond={can("respondToConcern", actor)} /> : null}
      {membership ? <NotificationsPanel organisation={org} showRecipients={isOwner} searchParams={searchParams} /> : null}

      {proofs.length > 0 ? (
        <section aria-labelledby="proofs-heading" className="mt-10">
          <h2 id="proofs-heading" className="section-heading">
            Proof attempts
          </h2>
          <ul className="mt-4 space-y-2 text-sm">
            {proofs.map((p) => (
              <li key={p.id}>
                <time dateTime={p.createdAt.toISOString()}>{formatTime(p.createdAt)}</time> · {p.method.replace("_", " ")} · <strong>{p.outcome}</strong>
                {p.detail ? `: ${p.detail}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
