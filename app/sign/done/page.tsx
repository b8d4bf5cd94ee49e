import Link from "next/link";
import { z } from "zod";
import { SignatureSummary } from "@/components/signing/signature-summary";
import { getDb } from "@/db/client";
import { getMembership, getOrganisationBySlug } from "@/db/queries/organisations";
import { getActiveSignatures } from "@/db/queries/signatures";
import { requireUser } from "@/lib/auth/session";
import { dashboardPath, ledgerPath, organisationDashboardPath, profilePath, signDonePath, signForPath, signPath } from "@/lib/paths";
import { organisationSlugSchema } from "@/lib/validation/organisation";
import { linkClass } from "@/components/styles";
import { OutcomeNotice } from "@/components/forms/outcome-notice";

export const metadata = { title: "Signed", robots: { index: false } };

const querySchema = z.object({
  organisation: organisationSlugSchema.optional().catch(undefined),
});

/** Only for members of the organisation: anyone else, or an unknown slug, gets the same answer. */
async function loadForMember(slug: string | undefined, userId: string) {
  if (!slug) return null;
  const db = await getDb();
  const org = await getOrganisationBySlug(db, slug);
  if (!org) return null;
  const membership = await getMembership(db, org.id, userId);
  if (!membership) return null;
  const [latest] = await getActiveSignatures(db, org.id);
  return { org, latest };
}

export default async function SignedPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = querySchema.parse(await searchParams);
  const user = await requireUser(query.organisation ? `${signDonePath}?organisation=${query.organisation}` : signPath);
  const found = await loadForMember(query.organisation, user.id);

  if (!found?.latest) {
    return (
      <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
        <h1 className="font-serif text-4xl font-semibold tracking-tight">No signature to show</h1>
        <p className="mt-4 text-lg">
          {found ? `${found.org.displayName} has no standing signature.` : "We found no signature of an organisation you belong to at this address."}{" "}
          <Link href={found ? signForPath(found.org.slug) : signPath} className={linkClass}>
            Go to the signing page
          </Link>{" "}
          or{" "}
          <Link href={dashboardPath} className={linkClass}>
            your dashboard
          </Link>
          .
        </p>
      </div>
    );
  }

  const { org, latest } = found;
  const dashboard = organisationDashboardPath(org.slug);
  const signedByYou = latest.signedBy === user.id;
  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={dashboardPath} className="hover:underline">
          Dashboard
        </Link>{" "}
        /{" "}
        <Link href={dashboard} className="hover:underline">
          {org.displayName}
        </Link>{" "}
        / Signed
      </nav>
      <h1 className="mt-3 font-serif text-4xl font-semibold tracking-tight">
        {org.displayName} signed version {latest.accordVersion}
      </h1>
      <OutcomeNotice className="mt-6 rounded-md bg-accord-50 px-4 py-3 font-medium text-accord-800 dark:bg-accord-800/40 dark:text-accord-100">
        The signature is recorded and published in the public ledger, bound to the content hash below.
      </OutcomeNotice>
      {signedByYou ? (
        <p className="mt-4 text-muted">
          A confirmation with these details is on its way to {user.email}, and the other owners and members of {org.displayName} are told by email.
        </p>
      ) : null}

      <section aria-labelledby="signature-heading" className="mt-8">
        <h2 id="signature-heading" className="section-heading">
          The signature
        </h2>
        <div className="mt-4">
          <SignatureSummary signature={latest} />
        </div>
        <p className="mt-4 text-sm text-muted">
          The receipt proves, without trusting this registry, that the entry is in the log. See{" "}
          <Link href={ledgerPath} className={linkClass}>
            how to verify the ledger
          </Link>
          .
        </p>
      </section>

      <section aria-labelledby="next-heading" className="mt-10">
        <h2 id="next-heading" className="section-heading">
          What to do next
        </h2>
        <ol className="mt-4 list-decimal space-y-2 pl-6">
          <li>
            <Link href={`${dashboard}#commitments-heading`} className={linkClass}>
              Register your commitments
            </Link>
            : under each principle, say what {org.displayName} will do, by when, and where anyone can check it.
          </li>
          <li>Publish a progress report every year: the dashboard shows when the next one is due.</li>
          <li>
            See how the public sees it:{" "}
            <Link href={profilePath(org.slug)} className={linkClass}>
              {org.displayName}&apos;s public profile
            </Link>
            .
          </li>
        </ol>
      </section>
    </div>
  );
}
