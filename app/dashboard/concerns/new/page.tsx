import type { Metadata } from "next";
import Link from "next/link";
import { SubmitConcernForm } from "../_components/concern-forms";
import { getDb } from "@/db/client";
import { getOrganisationBySlug } from "@/db/queries/organisations";
import { getPrinciples } from "@/lib/accord/content";
import { requireUser } from "@/lib/auth/session";
import { concernsPath, directoryPath, newConcernForPath, newConcernPath, profilePath } from "@/lib/paths";
import { organisationSlugSchema } from "@/lib/validation/organisation";
import { CONCERN_LIMITS } from "@/lib/concerns/limits";

export const metadata: Metadata = { title: "Raise a concern", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewConcernPage({ searchParams }: Props) {
  const { organisation: raw } = await searchParams;
  const slug = typeof raw === "string" && organisationSlugSchema.safeParse(raw).success ? raw : null;
  const user = await requireUser(slug ? newConcernForPath(slug) : newConcernPath);
  const org = slug ? await getOrganisationBySlug(await getDb(), slug) : null;
  const concernable = org && (org.status === "verified" || org.status === "suspended");
  const principles = (await getPrinciples()).map((p) => ({ value: p.frontmatter.slug, label: `${p.frontmatter.number}. ${p.frontmatter.title}` }));
  return (
    <div className="mx-auto max-w-3xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={concernsPath} className="hover:underline">
          Public concerns
        </Link>{" "}
        / Raise a concern
      </nav>
      <h1 className="mt-4 font-serif text-4xl font-semibold tracking-tight">{concernable ? `Raise a concern about ${org.displayName}` : "Raise a concern"}</h1>
      <div className="mt-4 space-y-3 text-ink-700 dark:text-ink-200">
        <p>
          A moderator reads every concern before anything is published. If it is admitted, the text the moderator approves appears on the signatory&apos;s
          profile and on the list of public concerns, the signatory&apos;s owners are told and may respond, and each step is recorded in the public ledger. Your
          name and address ({user.email}) are never shown to the public or to the signatory.
        </p>
        <p className="text-sm text-muted">
          To keep this useful, one person may raise {CONCERN_LIMITS[0].max} concerns {CONCERN_LIMITS[0].words} and {CONCERN_LIMITS[1].max}{" "}
          {CONCERN_LIMITS[1].words}, and one at a time about the same signatory.
        </p>
      </div>
      {concernable ? (
        <div className="mt-8">
          <p className="mb-4">
            Signatory:{" "}
            <Link href={profilePath(org.slug)} className="font-semibold underline">
              {org.displayName}
            </Link>{" "}
            ({org.primaryDomain})
          </p>
          <SubmitConcernForm organisation={org.slug} principles={principles} />
        </div>
      ) : (
        <p role={slug ? "alert" : undefined} className="mt-8 rounded-md border border-ink-300 px-4 py-3 dark:border-ink-600">
          {slug ? "That is not a signatory listed in the registry. " : ""}
          Find the signatory in the{" "}
          <Link href={directoryPath} className="font-semibold underline">
            directory
          </Link>{" "}
          and choose &ldquo;Raise a concern&rdquo; on its profile.
        </p>
      )}
    </div>
  );
}
