import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { studioLinkClass } from "@/components/studio/format";
import { DocumentHistory } from "@/components/studio/document-history";
import { StateBadge } from "@/components/studio/state-badge";
import { StudioEditorLoader } from "@/components/studio/studio-editor-loader";
import { formatStudioTime } from "@/components/studio/format";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/session";
import { isEditor } from "@/lib/studio/access";
import { getStudioEditorView } from "@/lib/studio/view";
import { documentKeySchema } from "@/lib/validation/studio";
import { studioDocumentPath, studioPath, versionDiffPath, versionPath } from "@/lib/paths";

export const metadata = { title: "Edit · Policy studio", robots: { index: false } };

type Props = { params: Promise<{ document: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const querySchema = z.object({
  notice: z.enum(["published", "review-requested", "returned", "discarded", "removal-proposed", "created"]).optional().catch(undefined),
  version: z.coerce.number().int().positive().optional().catch(undefined),
  r: z.coerce.number().int().min(0).optional().catch(undefined),
});

const noticeText = {
  published: "Published.",
  "review-requested": "Review requested: another editor can now approve the change or send it back.",
  returned: "Sent back: the change is a draft again.",
  discarded: "The draft was discarded; the published text is unchanged (the draft is kept in the history below).",
  "removal-proposed": "Removing this principle is now a draft: publish it with a changelog, or cancel it.",
  created: "The new principle is a draft: write its text, then publish it.",
} as const;

const kindLabels = { preamble: "The accord's preamble", principle: "Principle", page: "Page" } as const;

export default async function StudioDocumentPage({ params, searchParams }: Props) {
  const { document } = await params;
  const user = await requireUser(studioDocumentPath(encodeURIComponent(document)));
  if (!isEditor(user)) notFound();
  const key = documentKeySchema.safeParse(document);
  if (!key.success) notFound();
  const view = await getStudioEditorView(await getDb(), { userId: user.id }, key.data);
  if (!view) notFound();
  const query = querySchema.parse(await searchParams);

  return (
    <div className="mx-auto max-w-7xl px-4 py-12 sm:px-6">
      <nav aria-label="Breadcrumb" className="text-sm text-ink-500 dark:text-ink-400">
        <Link href={studioPath} className="hover:underline">
          Policy studio
        </Link>{" "}
        / {view.title}
      </nav>
      <p className="mt-4 text-sm font-semibold uppercase tracking-wide text-accord-700 dark:text-accord-300">
        {view.kind === "principle" && view.fields.number ? `${kindLabels.principle} ${view.fields.number}` : kindLabels[view.kind]}
      </p>
      <h1 className="mt-1 font-serif text-4xl font-semibold tracking-tight break-words">{view.title}</h1>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-muted">
        <StateBadge state={view.state} removal={view.removal} isNew={view.isNew && !view.removed} />
        <span>
          {view.state === "published" ? "Published" : "Last edited"} by {view.lastEditor}
          {view.lastEditedAt ? (
            <>
              , <time dateTime={view.lastEditedAt}>{formatStudioTime(view.lastEditedAt)}</time>
            </>
          ) : null}
        </span>
        {view.publicHref ? (
          <Link href={view.publicHref} className={studioLinkClass}>
            See it on the site
          </Link>
        ) : null}
      </div>

      {query.notice ? (
        <p role="status" className="mt-6 rounded-md bg-accord-50 px-4 py-3 font-medium text-accord-800 dark:bg-accord-800/40 dark:text-accord-100">
          {noticeText[query.notice]}
          {query.notice === "published" && query.version ? (
            <>
              {" "}
              It is{" "}
              <Link href={versionPath(query.version)} className={studioLinkClass}>
                version {query.version} of the accord
              </Link>{" "}
              (
              <Link href={versionDiffPath(query.version)} className={studioLinkClass}>
                what changed
              </Link>
              ), logged in the public ledger.
            </>
          ) : null}
        </p>
      ) : null}
      {view.returned ? (
        <div className="mt-6 rounded-md border-l-4 border-amber-600 bg-amber-50 px-4 py-3 dark:border-amber-400 dark:bg-amber-950/40">
          <p className="font-semibold">
            {view.returned.by} sent this back on {formatStudioTime(view.returned.at)}:
          </p>
          <blockquote className="mt-1 break-words italic">{view.returned.comment}</blockquote>
        </div>
      ) : null}
      {view.state !== "published" && view.origin === "release" ? (
        <p className="mt-6 rounded-md border-l-4 border-sky-600 bg-sky-50 px-4 py-3 dark:border-sky-400 dark:bg-sky-950/40">
          This draft comes from the shipped release: the text in <code>content/</code> changed. It is not live until an editor publishes it.
        </p>
      ) : null}
      {view.removal ? (
        <p className="mt-6 rounded-md border-l-4 border-red-700 bg-red-50 px-4 py-3 text-red-950 dark:border-red-400 dark:bg-red-950/50 dark:text-red-50">
          The draft removes this principle from the accord. Its published text is shown below, read only.
        </p>
      ) : null}

      <StudioEditorLoader key={`${view.key}:${query.r ?? "open"}`} view={view} />
      <DocumentHistory view={view} />
    </div>
  );
}
