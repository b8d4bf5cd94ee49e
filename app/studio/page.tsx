import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DocumentList } from "@/components/studio/document-list";
import { studioLinkClass } from "@/components/studio/format";
import { NewPrincipleForm } from "@/components/studio/new-principle-form";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { isEditor } from "@/lib/studio/access";
import { getStudioOverview } from "@/lib/studio/view";
import { studioPath, versionsPath } from "@/lib/paths";
import { OutcomeNotice } from "@/components/forms/outcome-notice";

export const metadata = { title: "Policy studio", robots: { index: false } };

const querySchema = z.object({ notice: z.enum(["discarded"]).optional().catch(undefined) });

export default async function StudioPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser(studioPath);
  // Like /admin: to anyone else the studio does not exist.
  if (!isEditor(user)) notFound();
  const query = querySchema.parse(await searchParams);
  const overview = await getStudioOverview(await getDb(), { userId: user.id });
  const pending = overview.documents.filter((d) => d.state !== "published").length;
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Policy studio</h1>
      <p className="mt-3 max-w-3xl text-lg text-muted">
        The accord and the site&apos;s pages. Edits are drafts until published with a changelog; a published change to the preamble or a principle becomes a new{" "}
        <Link href={versionsPath} className={studioLinkClass}>
          accord version
        </Link>
        , logged in the public ledger, which signatories are asked to re-affirm.
      </p>
      <p className="mt-3 text-muted">
        {overview.requireReview
          ? "This registry requires review: a second editor approves each change before it goes live."
          : "Editors publish directly here; you can still ask a second editor to review a change first."}
      </p>
      {query.notice === "discarded" ? (
        <OutcomeNotice className="mt-6 rounded-md bg-accord-50 px-4 py-3 font-medium text-accord-800 dark:bg-accord-800/40 dark:text-accord-100">
          The draft principle was discarded; its text is kept in the studio&apos;s audit trail.
        </OutcomeNotice>
      ) : null}

      <section aria-labelledby="documents-heading" className="mt-10">
        <h2 id="documents-heading" className="section-heading">
          Documents
        </h2>
        <p className="mt-1 text-sm text-muted">
          {pending === 0 ? "Everything is published." : `${pending} document${pending === 1 ? " has" : "s have"} unpublished changes.`}
        </p>
        <div className="mt-4">
          <DocumentList items={overview.documents} label="Documents" />
        </div>
      </section>

      <section aria-labelledby="new-principle-heading" className="mt-12 max-w-2xl">
        <h2 id="new-principle-heading" className="section-heading">
          New principle
        </h2>
        <p className="mt-1 text-muted">It starts as a draft; publishing it adds it to the accord as a new version.</p>
        <div className="mt-4">
          <NewPrincipleForm nextNumber={overview.principleCount + 1} />
        </div>
      </section>

      {overview.removed.length > 0 ? (
        <section aria-labelledby="removed-heading" className="mt-12">
          <h2 id="removed-heading" className="section-heading">
            Removed principles
          </h2>
          <p className="mt-1 text-sm text-muted">No longer in the accord; their history stays. Create a principle with the same slug to bring one back.</p>
          <div className="mt-4">
            <DocumentList items={overview.removed} label="Removed principles" />
          </div>
        </section>
      ) : null}
    </div>
  );
}
