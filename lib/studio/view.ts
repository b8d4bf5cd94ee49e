import "server-only";
import type { DbOrTx } from "@/db/client";
import { getStudioDocument, getStudioDocuments, getStudioEvents, getStudioRevisions, getUserLabels } from "@/db/queries/studio";
import type { StudioDocument, StudioEvent } from "@/db/schema";
import { getEnv } from "@/lib/env";
import type { DraftFields } from "@/lib/validation/studio";
import { type StudioActor, requireEditor } from "./access";
import { splitSource } from "./document";
import { kindOfKey, slugOfKey } from "./keys";
import { approvalRefusal } from "./review";
import type { DocumentKind } from "./source";
import { accordPath, principlePath } from "@/lib/paths";

/*
 * What the studio's pages show, as plain serialisable objects (dates as ISO strings, people as
 * display names): client components never receive database rows.
 */

export const RELEASE_AUTHOR = "the shipped release";

export type StudioState = StudioDocument["state"];

export type StudioListItem = {
  key: string;
  kind: DocumentKind;
  title: string;
  number: number | null;
  state: StudioState;
  removal: boolean;
  isNew: boolean;
  origin: StudioDocument["draftOrigin"];
  lastEditor: string;
  lastEditedAt: string | null;
};

const kindOrder: Record<DocumentKind, number> = { preamble: 0, principle: 1, page: 2 };

function titleAndNumber(doc: StudioDocument): { title: string; number: number | null } {
  const source = doc.state !== "published" && doc.draftSource !== null ? doc.draftSource : (doc.publishedSource ?? "");
  const { fields } = splitSource(doc.kind, source);
  const number = fields.number && /^\d+$/.test(fields.number) ? Number(fields.number) : null;
  return { title: fields.title?.trim() || slugOfKey(doc.key), number: doc.kind === "principle" ? number : null };
}

function lastEdit(doc: StudioDocument, labels: Map<string, string>): { lastEditor: string; lastEditedAt: string | null } {
  const label = (id: string | null) => (id ? (labels.get(id) ?? "a former editor") : RELEASE_AUTHOR);
  if (doc.state !== "published" && doc.draftUpdatedAt) {
    return { lastEditor: doc.draftOrigin === "release" ? RELEASE_AUTHOR : label(doc.draftUpdatedBy), lastEditedAt: doc.draftUpdatedAt.toISOString() };
  }
  return { lastEditor: label(doc.publishedBy), lastEditedAt: doc.publishedAt?.toISOString() ?? null };
}

const isGone = (doc: StudioDocument) => doc.removedAt !== null && doc.state === "published";

export async function getStudioOverview(db: DbOrTx, actor: StudioActor) {
  await requireEditor(db, actor);
  const docs = await getStudioDocuments(db);
  const labels = await getUserLabels(
    db,
    docs.flatMap((d) => [d.draftUpdatedBy, d.publishedBy]),
  );
  const items = (list: StudioDocument[]): StudioListItem[] =>
    list
      .map((doc) => ({
        key: doc.key,
        kind: doc.kind,
        ...titleAndNumber(doc),
        state: doc.state,
        removal: doc.draftRemoval,
        isNew: doc.publishedSource === null || doc.removedAt !== null,
        origin: doc.draftOrigin,
        ...lastEdit(doc, labels),
      }))
      .sort(
        (a, b) => kindOrder[a.kind] - kindOrder[b.kind] || Number(a.isNew) - Number(b.isNew) || (a.number ?? 0) - (b.number ?? 0) || a.key.localeCompare(b.key),
      );
  const live = docs.filter((d) => !isGone(d));
  return {
    documents: items(live),
    removed: items(docs.filter((d) => isGone(d) && d.publishedSource !== null)),
    principleCount: live.filter((d) => d.kind === "principle" && d.publishedSource !== null && d.removedAt === null).length,
    requireReview: getEnv().requireReview,
  };
}

export type StudioOverview = Awaited<ReturnType<typeof getStudioOverview>>;

const eventLabels: Record<StudioEvent["action"], string> = {
  "principle.created": "created this principle",
  "removal.proposed": "proposed removing this principle",
  "review.requested": "asked for review",
  "review.approved": "approved and published",
  "review.returned": "sent it back",
  "draft.discarded": "discarded the draft",
  "release.imported": "imported the shipped text",
};

export type StudioEditorView = {
  key: string;
  kind: DocumentKind;
  title: string;
  state: StudioState;
  draftRevision: number;
  isNew: boolean;
  /** A principle taken out of the accord: its history can be read, its text no longer edited. */
  removed: boolean;
  removal: boolean;
  origin: StudioDocument["draftOrigin"];
  fields: DraftFields;
  body: string;
  published: { fields: DraftFields; body: string; revision: number; at: string | null; by: string } | null;
  lastEditor: string;
  lastEditedAt: string | null;
  review: { requestedBy: string; mine: boolean; at: string; changelog: string } | null;
  returned: { by: string; at: string; comment: string } | null;
  approval: { allowed: boolean; reason: string | null };
  requireReview: boolean;
  publicHref: string | null;
  principleCount: number;
  revisions: { revision: number; at: string; by: string; changelog: string; accordVersion: number | null; removal: boolean }[];
  events: { id: string; at: string; by: string; action: string; comment: string; source: string | null }[];
};

function publicHref(doc: StudioDocument): string | null {
  if (doc.publishedSource === null || doc.removedAt) return null;
  if (doc.kind === "preamble") return accordPath;
  return doc.kind === "principle" ? principlePath(slugOfKey(doc.key)) : `/${doc.key}`;
}

/** The editor's view of one document, or null when there is no such document (or it was discarded before ever being published). */
export async function getStudioEditorView(db: DbOrTx, actor: StudioActor, key: string): Promise<StudioEditorView | null> {
  const editor = await requireEditor(db, actor);
  const doc = await getStudioDocument(db, key);
  if (!doc || (isGone(doc) && doc.publishedSource === null)) return null;
  const [revisions, events, all] = await Promise.all([getStudioRevisions(db, key), getStudioEvents(db, key), getStudioDocuments(db)]);
  const labels = await getUserLabels(db, [
    doc.draftUpdatedBy,
    doc.publishedBy,
    doc.reviewRequestedBy,
    doc.returnedBy,
    ...revisions.map((r) => r.publishedBy),
    ...events.map((e) => e.actorId),
  ]);
  const label = (id: string | null, fallback = RELEASE_AUTHOR) => (id ? (labels.get(id) ?? "a former editor") : fallback);
  const kind = kindOfKey(key);
  const current = doc.state !== "published" && doc.draftSource !== null ? doc.draftSource : (doc.publishedSource ?? "");
  const { fields, body } = splitSource(kind, current);
  const published =
    doc.publishedSource === null
      ? null
      : { ...splitSource(kind, doc.publishedSource), revision: doc.publishedRevision, at: doc.publishedAt?.toISOString() ?? null, by: label(doc.publishedBy) };
  const refusal = doc.state === "review" ? approvalRefusal(doc, editor.id) : null;
  return {
    key,
    kind,
    ...titleAndNumber(doc),
    state: doc.state,
    draftRevision: doc.draftRevision,
    isNew: doc.publishedSource === null || doc.removedAt !== null,
    removed: isGone(doc),
    removal: doc.draftRemoval,
    origin: doc.draftOrigin,
    fields,
    body,
    published,
    ...lastEdit(doc, labels),
    review:
      doc.state === "review" && doc.reviewRequestedAt
        ? {
            requestedBy: label(doc.reviewRequestedBy, "a former editor"),
            mine: doc.reviewRequestedBy === editor.id,
            at: doc.reviewRequestedAt.toISOString(),
            changelog: doc.reviewChangelog ?? "",
          }
        : null,
    returned:
      doc.state === "draft" && doc.returnComment && doc.returnedAt
        ? { by: label(doc.returnedBy, "a former editor"), at: doc.returnedAt.toISOString(), comment: doc.returnComment }
        : null,
    approval: { allowed: doc.state === "review" && refusal === null, reason: refusal },
    requireReview: getEnv().requireReview,
    publicHref: publicHref(doc),
    principleCount: all.filter((d) => d.kind === "principle" && d.publishedSource !== null && d.removedAt === null).length,
    revisions: revisions.map((r) => ({
      revision: r.revision,
      at: r.publishedAt.toISOString(),
      by: label(r.publishedBy),
      changelog: r.changelog,
      accordVersion: r.accordVersion,
      removal: r.source === null,
    })),
    events: events.map((e) => ({
      id: e.id,
      at: e.createdAt.toISOString(),
      by: label(e.actorId),
      action: eventLabels[e.action],
      comment: e.comment,
      source: e.source,
    })),
  };
}
