import Link from "next/link";
import { z } from "zod";
import { CodeBlock } from "@/components/code-block";
import { SignForm } from "./_components/sign-form";
import { AccordText } from "@/components/signing/accord-text";
import { formatDate, formatTime } from "@/lib/format/date";
import { SignEmptyState } from "@/components/signing/sign-empty-state";
import { SignatureSummary } from "@/components/signing/signature-summary";
import { VersionChanges } from "@/components/signing/version-changes";
import { getDb } from "@/db/client";
import { getMembershipsForUser } from "@/db/queries/organisations";
import { getSignatureHistory } from "@/db/queries/signatures";
import type { Organisation } from "@/db/schema";
import { getCurrentSigningText } from "@/lib/accord/sign";
import { type CurrentUser, requireUser } from "@/lib/auth/session";
import { dashboardPath, organisationDashboardPath, signForPath, signPath } from "@/lib/paths";
import { organisationSlugSchema } from "@/lib/validation/organisation";
import { linkClass } from "@/components/styles";

export const metadata = { title: "Sign the accord", robots: { index: false } };

const querySchema = z.object({ organisation: organisationSlugSchema.optional() });

const noteClass = "rounded-md border px-5 py-4";

function Chooser({ organisations, current }: { organisations: Organisation[]; current?: string }) {
  return (
    <nav aria-label="Organisations you can sign for" className="mt-6">
      <ul className="flex flex-wrap gap-2">
        {organisations.map((o) => (
          <li key={o.id}>
            <Link
              href={signForPath(o.slug)}
              aria-current={o.slug === current ? "page" : undefined}
              className={`inline-block rounded-md border px-3 py-1.5 text-sm font-medium ${o.slug === current ? "border-accord-700 bg-accord-50 dark:bg-accord-800/40" : "border-ink-300 hover:border-accord-600 dark:border-ink-600"}`}
            >
              {o.displayName}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export default async function SignPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const query = querySchema.safeParse(raw);
  const asked = query.success ? query.data.organisation : undefined;
  const user = await requireUser(asked ? signForPath(asked) : signPath);
  const memberships = await getMembershipsForUser(await getDb(), user.id);
  const signable = memberships.filter((m) => m.role === "owner" && m.organisation.status === "verified").map((m) => m.organisation);

  const header = (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={dashboardPath} className="hover:underline">
          Dashboard
        </Link>{" "}
        / Sign the accord
      </nav>
      <h1 className="mt-3 font-serif text-4xl font-semibold tracking-tight">Sign the accord</h1>
    </>
  );

  if (signable.length === 0) {
    return (
      <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
        {header}
        <SignEmptyState memberships={memberships} />
      </div>
    );
  }

  const wantsOne = !query.success || asked !== undefined;
  const chosen = wantsOne ? signable.find((o) => o.slug === asked) : signable.length === 1 ? signable[0] : undefined;
  if (!chosen) {
    return (
      <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
        {header}
        {wantsOne ? (
          <p role="status" className={`mt-6 ${noteClass} border-amber-600 bg-amber-50 dark:border-amber-400 dark:bg-amber-950/40`}>
            That organisation is not one you can sign for: you can sign only for verified organisations you own. Choose one below, or see all your organisations
            on{" "}
            <Link href={dashboardPath} className={linkClass}>
              your dashboard
            </Link>
            .
          </p>
        ) : (
          <p className="mt-6 text-lg">You own several verified organisations. Which one are you signing for?</p>
        )}
        <Chooser organisations={signable} />
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      {header}
      <p className="mt-2 text-lg text-muted">
        For <strong className="text-ink-900 dark:text-ink-50">{chosen.displayName}</strong> ({chosen.primaryDomain})
      </p>
      {signable.length > 1 ? <Chooser organisations={signable} current={chosen.slug} /> : null}
      <SigningView organisation={chosen} user={user} />
    </div>
  );
}

async function SigningView({ organisation: org, user }: { organisation: Organisation; user: CurrentUser }) {
  const db = await getDb();
  const [current, history] = await Promise.all([getCurrentSigningText(db), getSignatureHistory(db, org.id)]);
  if (!current) {
    return <p className="mt-8 text-lg">The accord has not been published yet, so there is nothing to sign. Please come back later.</p>;
  }
  const { version, snapshot } = current;
  const standing = history.filter((s) => s.withdrawnAt === null);
  const signedNow = standing.find((s) => s.accordVersion === version.number);
  const dashboard = organisationDashboardPath(org.slug);

  if (signedNow) {
    return (
      <section aria-labelledby="signed-heading" className="mt-8">
        <h2 id="signed-heading" className="section-heading">
          {org.displayName} has signed the current version
        </h2>
        <p className="mt-2 text-muted">Version {version.number} is the latest, and this signature stands. There is nothing more to sign.</p>
        <div className="mt-6">
          <SignatureSummary signature={signedNow} />
        </div>
        <ul className="mt-6 list-disc space-y-1 pl-6">
          <li>
            <Link href={`${dashboard}#commitments-heading`} className={linkClass}>
              Register commitments
            </Link>{" "}
            under each principle.
          </li>
          <li>
            Walking away? An owner can{" "}
            <Link href={`${dashboard}#signature-heading`} className={linkClass}>
              withdraw the signature on the dashboard
            </Link>
            , with a public reason.
          </li>
        </ul>
      </section>
    );
  }

  const older = standing.filter((s) => s.accordVersion < version.number).at(-1);
  const withdrawn = standing.length === 0 ? history.filter((s) => s.withdrawnAt !== null).at(-1) : undefined;
  return (
    <>
      {older ? (
        <section aria-labelledby="reaffirm-heading" className={`mt-8 ${noteClass} border-accord-600 bg-accord-50 dark:border-accord-400 dark:bg-accord-800/30`}>
          <h2 id="reaffirm-heading" className="font-serif text-xl font-semibold">
            Re-affirm: the text has changed
          </h2>
          <p className="mt-2">
            {org.displayName} signed version {older.accordVersion} on {formatDate(older.signedAt)}. Version {version.number} was published on{" "}
            {formatDate(version.publishedAt)}, and its text is different. Read it below; signing it re-affirms the accord in its current words. The signature on
            version {older.accordVersion} stays in the public record.
          </p>
          <p className="mt-2">
            What changed, in the editors&apos; words: <q className="italic">{version.changelog}</q>
          </p>
          <p className="mt-2">
            <VersionChanges signed={older.accordVersion} latest={version.number} />.
          </p>
        </section>
      ) : null}
      {withdrawn?.withdrawnAt ? (
        <p className={`mt-8 ${noteClass} border-ink-300 dark:border-ink-700`}>
          {org.displayName} withdrew its signature on {formatTime(withdrawn.withdrawnAt)}
          {withdrawn.withdrawalReason ? <>, giving the reason “{withdrawn.withdrawalReason}”</> : null}. Signing again records a new signature and a new ledger
          entry; the withdrawal stays in the public record.
        </p>
      ) : null}

      <section aria-labelledby="what-heading" className="mt-10">
        <h2 id="what-heading" className="section-heading">
          What you are signing
        </h2>
        <dl className="mt-4 grid grid-cols-[9rem_minmax(0,1fr)] gap-y-2 text-sm">
          <dt className="text-muted">Accord version</dt>
          <dd className="font-medium">{version.number}</dd>
          <dt className="text-muted">Published</dt>
          <dd>
            <time dateTime={version.publishedAt.toISOString()}>{formatDate(version.publishedAt)}</time>
          </dd>
        </dl>
        <p className="mt-4 text-sm font-medium">Content hash (SHA-256)</p>
        <div className="mt-1">
          <CodeBlock label={`Content hash of accord version ${version.number}`}>{version.contentHash}</CodeBlock>
        </div>
        <p className="mt-2 text-sm text-muted">
          The hash of the canonical JSON of the text below. Your signature is bound to it, so nobody can later claim {org.displayName} signed words it never
          saw.
        </p>
        <p className="mt-4">
          The full text of version {version.number} follows.{" "}
          <a href="#sign-heading" className={linkClass}>
            Skip to the signing form
          </a>
        </p>
      </section>

      <div className="mt-10 rounded-lg border border-ink-200 p-5 sm:p-8 dark:border-ink-800">
        <AccordText snapshot={snapshot} contentHash={version.contentHash} version={version.number} />
      </div>

      <section aria-labelledby="sign-heading" className="mt-12">
        <h2 id="sign-heading" className="font-serif text-3xl font-semibold">
          {older ? "Re-affirm" : "Sign"} version {version.number}
        </h2>
        <p className="mt-2 text-muted">You sign on behalf of {org.displayName}, as one of its owners.</p>
        <div className="mt-6">
          <SignForm
            organisationId={org.id}
            organisationName={org.displayName}
            version={version.number}
            principles={snapshot.principles.map((p) => ({ slug: p.slug, title: p.title }))}
            defaultName={user.name ?? undefined}
            reaffirmation={Boolean(older)}
          />
        </div>
      </section>
    </>
  );
}
