import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CommitmentText } from "@/components/commitments/commitment-text";
import { LedgerEntryList } from "@/components/ledger-entry-list";
import { OrganisationAvatar } from "@/components/organisation-avatar";
import { BadgeSection } from "./_components/badge-section";
import { ProfileConcerns } from "./_components/profile-concerns";
import { CommitmentsByPrinciple } from "./_components/commitments-by-principle";
import { linkClass } from "@/components/styles";
import { OrganisationJsonLd } from "./_components/organisation-json-ld";
import { CurrentSignature, EarlierSignatures, WithdrawnSignatures } from "./_components/signature-history";
import { StatusBadge } from "@/components/status-badge";
import { PROFILE_TIMELINE_LIMIT, type PublicProfile, getPublicProfile } from "@/db/queries/profiles";
import { pageMetadata } from "@/lib/metadata";
import { organisationSlugSchema } from "@/lib/validation/organisation";
import { directoryPath, ledgerEntryPath, ledgerPath, profilePath, reportPath, signatoryTransparencyPath } from "@/lib/paths";
import { periodLabel } from "@/lib/transparency/figures";
import { formatDate } from "@/lib/format/date";

type Props = { params: Promise<{ slug: string }> };

/**
 * None is prerendered by the build (it has no database): each profile renders on its first request
 * and stays in the page cache until the public data changes (tag `signatories`).
 */
export function generateStaticParams(): { slug: string }[] {
  return [];
}

/** Shared by metadata and page within one request; a malformed slug is simply not found. */
const loadProfile = cache(async (rawSlug: string) => {
  const parsed = organisationSlugSchema.safeParse(rawSlug);
  return parsed.success ? getPublicProfile(parsed.data) : null;
});

function describeProfile({ organisation: org, activeSignatures, withdrawnSignatures }: PublicProfile): string {
  const who = `${org.name} (${org.domain}, ${org.countryName})`;
  const clip = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}…` : text);
  if (org.status !== "verified") return `${who} is ${org.status} from the Tech Accord registry: ${clip(org.statusReason ?? "")}`;
  const current = activeSignatures[0];
  if (current) {
    return `${who} signed version ${current.version} of the Tech Accord on ${formatDate(current.signedAt)}: its commitments under each principle, progress reports and public record.`;
  }
  const withdrawn = withdrawnSignatures[0]?.withdrawal;
  if (withdrawn) return `${who} withdrew from the Tech Accord on ${formatDate(withdrawn.at)}: ${clip(withdrawn.reason)}`;
  return `${who} has proved its identity in the Tech Accord registry and has not signed yet.`;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const profile = await loadProfile((await params).slug);
  if (!profile) return { title: "Signatory not found", robots: { index: false } };
  const path = profilePath(profile.organisation.slug);
  return pageMetadata({ title: profile.organisation.name, description: describeProfile(profile), path, image: `${path}/opengraph-image` });
}

const methodText = {
  email_domain: (domain: string) => `a representative confirmed a work email address at ${domain}`,
  dns_txt: (domain: string) => `a DNS TXT record at _tech-accord.${domain}`,
  moderator: () => "a moderator's review",
} as const;

const statusText = {
  suspended: "A suspended organisation cannot sign or register commitments until a moderator reinstates it. Its record stays public.",
  delisted: "A delisted organisation is no longer listed among the signatories. Its record stays public.",
} as const;

export default async function SignatoryPage({ params }: Props) {
  const profile = await loadProfile((await params).slug);
  if (!profile) notFound();
  const { organisation: org, activeSignatures, withdrawnSignatures, commitmentsByPrinciple, commitmentCount, reports, timeline, reportDue } = profile;
  const [current, ...earlier] = activeSignatures;
  const overdue = current && reportDue?.overdue ? reportDue : null;
  const verifiedEntry = timeline.find((t) => t.event.kind === "organisation.verified");
  // The half-years it published, newest first, read from its public record (every publication and correction is logged).
  const transparencyPeriods = [
    ...new Set(timeline.flatMap((t) => (t.event.kind === "transparency.published" || t.event.kind === "transparency.corrected" ? [t.event.period] : []))),
  ].sort((a, b) => b.localeCompare(a));
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <OrganisationJsonLd profile={profile} />
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={directoryPath} className="hover:underline">
          Signatories
        </Link>{" "}
        / {org.name}
      </nav>

      <header className="mt-4 flex items-start gap-4">
        <OrganisationAvatar name={org.name} size="lg" />
        <div className="min-w-0">
          <h1 className="font-serif text-4xl font-semibold tracking-tight break-words">{org.name}</h1>
          <p className="mt-1 text-muted">
            {org.domain} · {org.countryName} · {org.sectorLabel}
          </p>
          <p className="mt-2 flex flex-wrap items-center gap-2">
            <StatusBadge status={org.status} />
            {current ? (
              <span className="text-sm font-medium">Signatory of version {current.version}</span>
            ) : withdrawnSignatures.length > 0 ? (
              <span className="text-sm font-medium">Signature withdrawn</span>
            ) : (
              <span className="text-sm font-medium">Not signed yet</span>
            )}
            {overdue ? (
              <span className="pill pill-overdue">
                <span aria-hidden="true">! </span>Report overdue
              </span>
            ) : null}
          </p>
        </div>
      </header>

      {org.status === "suspended" || org.status === "delisted" ? (
        <div className="mt-6 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50">
          <p className="break-words">
            <strong>{org.status === "suspended" ? "Suspended" : "Delisted"} by a moderator:</strong> {org.statusReason}
          </p>
          <p className="mt-1 text-sm">{statusText[org.status]}</p>
        </div>
      ) : null}

      {org.description ? <CommitmentText text={org.description} className="mt-6 space-y-3 text-lg leading-relaxed break-words" /> : null}

      <section aria-labelledby="identity-heading" className="mt-10">
        <h2 id="identity-heading" className="section-heading">
          Identity
        </h2>
        <dl className="mt-4 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-y-2">
          <dt className="text-muted">Legal name</dt>
          <dd className="break-words">{org.legalName}</dd>
          <dt className="text-muted">Domain</dt>
          <dd className="break-all">{org.domain}</dd>
          {org.website ? (
            <>
              <dt className="text-muted">Website</dt>
              <dd className="break-all">
                <a href={org.website} rel="nofollow noopener" className={linkClass}>
                  {org.website}
                </a>
              </dd>
            </>
          ) : null}
          <dt className="text-muted">Country</dt>
          <dd>{org.countryName}</dd>
          <dt className="text-muted">Sector</dt>
          <dd>{org.sectorLabel}</dd>
          {org.verifiedAt && org.verificationMethod ? (
            <>
              <dt className="text-muted">Domain proven</dt>
              <dd>
                On <time dateTime={org.verifiedAt}>{formatDate(org.verifiedAt)}</time> by {methodText[org.verificationMethod](org.domain)}
                {verifiedEntry ? (
                  <>
                    {" · "}
                    <Link href={ledgerEntryPath(verifiedEntry.index)} className={linkClass}>
                      ledger entry #{verifiedEntry.index}
                    </Link>
                  </>
                ) : null}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="signature-heading" className="mt-10">
        <h2 id="signature-heading" className="section-heading">
          Signature
        </h2>
        <div className="mt-4 space-y-4">
          {current ? (
            <>
              <CurrentSignature name={org.name} signature={current} latestVersion={profile.latestVersion} />
              <EarlierSignatures signatures={earlier} />
            </>
          ) : (
            <p className="text-muted">
              {withdrawnSignatures.length > 0
                ? `${org.name} has withdrawn its signature and has not signed again.`
                : `${org.name} has not signed the accord yet.`}
            </p>
          )}
          {withdrawnSignatures.length > 0 ? (
            <div>
              <h3 className="font-semibold">Withdrawn signatures</h3>
              <div className="mt-2">
                <WithdrawnSignatures signatures={withdrawnSignatures} />
              </div>
            </div>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="commitments-heading" className="mt-10">
        <h2 id="commitments-heading" className="section-heading">
          Commitments
        </h2>
        {commitmentCount > 0 ? (
          <>
            <p className="mt-2 text-sm text-muted">
              {commitmentCount === 1 ? "One commitment" : `${commitmentCount} commitments`}, grouped by the accord&apos;s principles. Every change is a new
              revision in the ledger.
            </p>
            <div className="mt-4">
              <CommitmentsByPrinciple groups={commitmentsByPrinciple} />
            </div>
          </>
        ) : (
          <p className="mt-2 text-muted">{org.name} has not registered any commitments yet.</p>
        )}
      </section>

      <section aria-labelledby="reports-heading" className="mt-10">
        <h2 id="reports-heading" className="section-heading">
          Progress reports
        </h2>
        {overdue ? (
          <p className="mt-2 notice-warn">
            <strong>Report overdue:</strong> a progress report was due on <time dateTime={overdue.dueAt.toISOString()}>{formatDate(overdue.dueAt)}</time> and is{" "}
            {overdue.daysLate} days late. Signatories report once a year; one more than 90 days late is marked publicly.
          </p>
        ) : current && reportDue ? (
          <p className="mt-2 text-sm text-muted">
            Next report due <time dateTime={reportDue.dueAt.toISOString()}>{formatDate(reportDue.dueAt)}</time>.
          </p>
        ) : null}
        {reports.length > 0 ? (
          <ul className="mt-4 divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
            {reports.map((r) => (
              <li key={r.year} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3">
                <Link href={reportPath(org.slug, r.year)} className={linkClass}>
                  {r.year} progress report
                </Link>
                <span className="text-sm text-muted">
                  Published <time dateTime={r.publishedAt}>{formatDate(r.publishedAt)}</time>
                  {(r.revisions ?? 1) > 1 ? ` · corrected (revision ${r.revisions})` : ""}
                  {r.ledgerIndex !== null ? (
                    <>
                      {" · "}
                      <Link href={ledgerEntryPath(r.ledgerIndex)} className="underline">
                        entry #{r.ledgerIndex}
                      </Link>
                    </>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-muted">No progress report published yet.</p>
        )}
      </section>

      <ProfileConcerns slug={org.slug} name={org.name} canBeRaised={org.status === "verified" || org.status === "suspended"} />

      <section aria-labelledby="transparency-heading" className="mt-10">
        <h2 id="transparency-heading" className="section-heading">
          Government requests
        </h2>
        <p className="mt-2 text-muted">
          {transparencyPeriods.length > 0
            ? `${org.name} published figures on the government requests for data it received for ${transparencyPeriods.map(periodLabel).join(", ")}.`
            : `${org.name} has not published figures on government requests here yet.`}{" "}
          <Link href={signatoryTransparencyPath(org.slug)} className={linkClass}>
            {transparencyPeriods.length > 0 ? "See its transparency reports" : "Its transparency page"}
          </Link>
        </p>
      </section>

      <section aria-labelledby="record-heading" className="mt-10">
        <h2 id="record-heading" className="section-heading">
          Public record
        </h2>
        <p className="mt-2 text-sm text-muted">
          Every event about {org.name} in the tamper-evident{" "}
          <Link href={ledgerPath} className="underline">
            public ledger
          </Link>
          , newest first
          {profile.timelineTruncated ? ` (the latest ${PROFILE_TIMELINE_LIMIT}; the ledger holds them all)` : ""}. Each entry has a receipt anyone can check.
        </p>
        <div className="mt-4">{timeline.length > 0 ? <LedgerEntryList entries={timeline} /> : <p className="text-muted">No events yet.</p>}</div>
      </section>

      <BadgeSection profile={profile} />
    </div>
  );
}
