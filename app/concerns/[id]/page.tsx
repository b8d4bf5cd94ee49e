import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { ConcernCard } from "@/components/concerns/concern-card";
import { cachedPublicConcern } from "@/db/queries/concerns";
import { pageMetadata } from "@/lib/metadata";
import { concernPath, concernsPath, profilePath } from "@/lib/paths";
import { principleTitles } from "../_components/principle-titles";

type Props = { params: Promise<{ id: string }> };

/** A malformed id is simply not found, and never reaches the database or a cache key. */
const load = cache(async (id: string) => (z.uuid().safeParse(id).success ? cachedPublicConcern(id) : null));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const concern = await load((await params).id);
  if (!concern) return { title: "Concern not found", robots: { index: false } };
  const titleOf = await principleTitles();
  return pageMetadata({
    title: `Concern about ${concern.organisation.name}`,
    description: `A public concern that ${concern.organisation.name} acted against "${titleOf(concern.principleSlug)}", admitted by a moderator of the Tech Accord registry.`,
    path: concernPath(concern.id),
  });
}

export default async function ConcernPage({ params }: Props) {
  const concern = await load((await params).id);
  if (!concern) notFound();
  const titleOf = await principleTitles();
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={concernsPath} className="hover:underline">
          Public concerns
        </Link>{" "}
        / {concern.organisation.name}
      </nav>
      <h1 className="mt-4 font-serif text-3xl font-semibold tracking-tight break-words">Concern about {concern.organisation.name}</h1>
      <div className="mt-6">
        <ConcernCard concern={concern} principleTitle={titleOf(concern.principleSlug)} headingLevel={2} full />
      </div>
      <p className="mt-6 text-sm text-muted">
        The text above is the version a moderator approved; its SHA-256 <code className="break-all">{concern.contentHash}</code> is recorded in the
        admission&apos;s ledger entry. A concern is not a finding until it is marked upheld.{" "}
        <Link href={profilePath(concern.organisation.slug)} className="underline">
          {concern.organisation.name}&apos;s profile
        </Link>
      </p>
    </div>
  );
}
