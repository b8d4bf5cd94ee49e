import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { EditCommitmentForm } from "@/components/commitments/commitment-form";
import { CommitmentStatus, commitmentStatusLabel } from "@/components/commitments/commitment-status";
import { statusOptions } from "@/components/commitments/format";
import { getDb } from "@/db/client";
import { getCommitmentById, getCommitmentRevisions } from "@/db/queries/commitments";
import { getMembership, getOrganisationBySlug } from "@/db/queries/organisations";
import { getCurrentSigningText } from "@/lib/accord/sign";
import { requireUser } from "@/lib/auth/session";
import { commitmentPath, dashboardPath, ledgerEntryPath, organisationDashboardPath } from "@/lib/paths";
import { formatTime } from "@/lib/format/date";
import { organisationSlugSchema } from "@/lib/validation/organisation";
import { OutcomeNotice } from "@/components/forms/outcome-notice";

export const metadata = { title: "Edit commitment · Dashboard", robots: { index: false } };

const paramsSchema = z.object({ slug: organisationSlugSchema, id: z.uuid() });

type Props = { params: Promise<{ slug: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EditCommitmentPage({ params, searchParams }: Props) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { slug, id } = parsed.data;
  const { notice } = await searchParams;
  const path = commitmentPath(slug, id);
  const user = await requireUser(path);
  const db = await getDb();
  const org = await getOrganisationBySlug(db, slug);
  if (!org) notFound();
  // Members only, and only their own organisation's commitment: anything else is simply not there.
  const [membership, commitment] = await Promise.all([getMembership(db, org.id, user.id), getCommitmentById(db, id)]);
  if (!membership || !commitment || commitment.organisationId !== org.id) notFound();
  const [revisions, current] = await Promise.all([getCommitmentRevisions(db, commitment.id), getCurrentSigningText(db)]);
  const principle = current?.snapshot.principles.find((p) => p.slug === commitment.principleSlug);
  const latest = revisions[0]?.revision;
  const editable = org.status === "verified";

  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={dashboardPath} className="hover:underline">
          Dashboard
        </Link>{" "}
        /{" "}
        <Link href={organisationDashboardPath(org.slug)} className="hover:underline">
          {org.displayName}
        </Link>{" "}
        / Commitment
      </nav>
      <h1 className="mt-3 font-serif text-3xl font-semibold tracking-tight break-words sm:text-4xl">{commitment.title}</h1>
      <p className="mt-2 flex flex-wrap items-center gap-3 text-muted">
        <span>Under principle {principle ? `${principle.number}. ${principle.title}` : commitment.principleSlug}</span>
        <CommitmentStatus status={commitment.status} />
        <span>Revision {commitment.revision}</span>
      </p>

      {notice === "updated" && latest ? (
        <OutcomeNotice className="mt-6 rounded-md bg-accord-50 px-4 py-3 font-medium text-accord-800 dark:bg-accord-800/40 dark:text-accord-100">
          Saved as revision {latest.revision}: the previous one is kept below, and the change is in the public ledger.
          {latest.ledgerIndex !== null ? (
            <>
              {" "}
              <Link href={ledgerEntryPath(latest.ledgerIndex)} className="underline">
                See entry #{latest.ledgerIndex}
              </Link>
            </>
          ) : null}
        </OutcomeNotice>
      ) : null}

      <section aria-labelledby="edit-heading" className="mt-10">
        <h2 id="edit-heading" className="section-heading">
          Edit
        </h2>
        {editable ? (
          <>
            <p className="mt-2 text-muted">
              Saving writes a new revision and records the SHA-256 of the new content in the ledger; earlier revisions stay visible.
            </p>
            <div className="mt-6">
              <EditCommitmentForm
                key={commitment.revision}
                commitmentId={commitment.id}
                revision={commitment.revision}
                defaults={{
                  title: commitment.title,
                  description: commitment.description,
                  status: commitment.status,
                  targetDate: commitment.targetDate ?? "",
                  evidenceLinks: commitment.evidenceLinks.join("\n"),
                }}
                statuses={statusOptions}
                reloadHref={path}
              />
            </div>
          </>
        ) : (
          <p className="mt-2 rounded-md border border-ink-300 px-4 py-3 dark:border-ink-700">
            {org.displayName} is {org.status}, so its commitments cannot be edited. They stay public as they are.
          </p>
        )}
      </section>

      <section aria-labelledby="history-heading" className="mt-10">
        <h2 id="history-heading" className="section-heading">
          Revision history
        </h2>
        <p className="mt-2 text-muted">Every revision, newest first. Authors are shown to members only; the public sees the content and its ledger entry.</p>
        <ol className="mt-4 divide-y divide-ink-200 rounded-md border border-ink-200 dark:divide-ink-800 dark:border-ink-800">
          {revisions.map(({ revision: r, authorEmail }) => (
            <li key={r.revision} className="px-4 py-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-semibold">Revision {r.revision}</p>
                {r.ledgerIndex !== null ? (
                  <Link href={ledgerEntryPath(r.ledgerIndex)} className="text-sm text-accord-700 underline dark:text-accord-300">
                    Ledger entry #{r.ledgerIndex}
                  </Link>
                ) : null}
              </div>
              <p className="mt-1 text-sm text-muted">
                <time dateTime={r.createdAt.toISOString()}>{formatTime(r.createdAt)}</time> · by {authorEmail ?? "a former account"} ·{" "}
                {commitmentStatusLabel(r.status)}
              </p>
              <p className="mt-1 break-words">{r.title}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
