import "server-only";
import type { DbOrTx } from "@/db/client";
import { getStudioDocuments, insertStudioDocument, insertStudioEvent, lockStudioDocument, updateStudioDocument } from "@/db/queries/studio";
import type { StudioDocument } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { DraftActionInput, NewPrincipleInput, SaveDraftInput } from "@/lib/validation/studio";
import { type StudioActor, requireEditor } from "./access";
import { kindOfKey, principleKey } from "./keys";
import { noDraft, requireRevision, type StudioOptions } from "./publish";
import { composeSource } from "./source";

export type SavedDraft = { status: "saved"; revision: number; state: StudioDocument["state"] };
/** What the second of two editors gets: the text now saved, to compare with theirs. Theirs is not written. */
export type DraftConflict = {
  status: "conflict";
  current: {
    revision: number;
    source: string | null;
    removal: boolean;
    state: StudioDocument["state"];
    updatedBy: string | null;
    updatedAt: Date | null;
    origin: StudioDocument["draftOrigin"];
  };
};

/** The text an editor sees as "the document now": the draft if there is one, else the published text. */
export function currentSource(doc: StudioDocument): string | null {
  if (doc.state !== "published") return doc.draftRemoval ? null : doc.draftSource;
  return doc.publishedSource;
}

/** The draft's authors with this editor added: whoever changes a draft shares its authorship. */
function withAuthor(doc: StudioDocument, editorId: string): string[] {
  return doc.draftAuthors.includes(editorId) ? doc.draftAuthors : [...doc.draftAuthors, editorId];
}

async function lockLive(tx: DbOrTx, key: string): Promise<StudioDocument> {
  const doc = await lockStudioDocument(tx, key);
  // A never-published principle that was discarded is gone from the studio until it is created again.
  if (!doc || (doc.removedAt && doc.publishedSource === null && doc.state === "published"))
    throw new AppError("not_found", "There is no such document in the studio.");
  return doc;
}

/**
 * An autosave. Optimistic locking: `baseRevision` is the draft revision the editor's text started
 * from; if anyone changed the draft since, nothing is written and the current text comes back so
 * the editor can compare and choose. Saving the published text back clears the draft.
 */
export async function saveDraft(db: DbOrTx, actor: StudioActor, input: SaveDraftInput, options: StudioOptions = {}): Promise<SavedDraft | DraftConflict> {
  return db.transaction(async (tx) => {
    const editor = await requireEditor(tx, actor);
    const doc = await lockLive(tx, input.key);
    if (doc.state === "review")
      throw new AppError(
        "conflict",
        "This change is waiting for review and cannot be edited. Ask the reviewer to send it back, or send it back yourself, to edit it again.",
      );
    if (doc.removedAt && doc.state === "published")
      throw new AppError("conflict", "This principle was removed from the accord. Create it again from the studio's list to bring it back.");
    if (input.baseRevision !== doc.draftRevision) {
      return {
        status: "conflict",
        current: {
          revision: doc.draftRevision,
          source: currentSource(doc),
          removal: doc.draftRemoval,
          state: doc.state,
          updatedBy: doc.draftUpdatedBy,
          updatedAt: doc.draftUpdatedAt,
          origin: doc.draftOrigin,
        },
      };
    }
    const source = composeSource(kindOfKey(doc.key), input.fields, input.body);
    if (source === currentSource(doc)) return { status: "saved", revision: doc.draftRevision, state: doc.state };
    const now = options.now ?? new Date();
    const backToPublished = source === doc.publishedSource && !doc.removedAt;
    const updated = await updateStudioDocument(
      tx,
      doc.key,
      backToPublished
        ? { ...noDraft, draftRevision: doc.draftRevision + 1, draftUpdatedAt: now, draftUpdatedBy: editor.id }
        : {
            state: "draft",
            draftSource: source,
            draftRemoval: false,
            draftOrigin: "editor",
            draftAuthors: withAuthor(doc, editor.id),
            draftRevision: doc.draftRevision + 1,
            draftUpdatedAt: now,
            draftUpdatedBy: editor.id,
          },
    );
    return { status: "saved", revision: updated.draftRevision, state: updated.state };
  });
}

/** Throws away the draft (kept in the audit trail). A principle that was never published leaves the studio's list. */
export async function discardDraft(db: DbOrTx, actor: StudioActor, input: DraftActionInput, options: StudioOptions = {}) {
  return db.transaction(async (tx) => {
    const editor = await requireEditor(tx, actor);
    const doc = await lockLive(tx, input.key);
    if (doc.state === "published") throw new AppError("conflict", "There is no draft to discard.");
    if (doc.state === "review") throw new AppError("conflict", "This change is waiting for review: send it back before discarding it.");
    requireRevision(doc, input.draftRevision);
    const now = options.now ?? new Date();
    await insertStudioEvent(tx, {
      documentKey: doc.key,
      action: "draft.discarded",
      actorId: editor.id,
      source: doc.draftSource,
      comment: doc.draftRemoval ? "The proposal to remove this principle." : "",
      createdAt: now,
    });
    return updateStudioDocument(tx, doc.key, {
      ...noDraft,
      draftRevision: doc.draftRevision + 1,
      draftUpdatedAt: now,
      draftUpdatedBy: editor.id,
      ...(doc.publishedSource === null ? { removedAt: now } : {}),
    });
  });
}

/** Proposes taking a published principle out of the accord; publishing the proposal removes it and renumbers the rest. */
export async function proposeRemoval(db: DbOrTx, actor: StudioActor, input: DraftActionInput, options: StudioOptions = {}) {
  return db.transaction(async (tx) => {
    const editor = await requireEditor(tx, actor);
    const doc = await lockLive(tx, input.key);
    if (doc.kind !== "principle") throw new AppError("invalid", "Only a principle can be removed; the preamble and the pages always exist.");
    if (doc.publishedSource === null || doc.removedAt)
      throw new AppError("conflict", "This principle is not in the published accord: discard its draft instead.");
    if (doc.state === "review") throw new AppError("conflict", "This change is waiting for review: send it back before proposing something else.");
    if (doc.draftRemoval) throw new AppError("conflict", "Removing this principle is already proposed.");
    requireRevision(doc, input.draftRevision);
    const now = options.now ?? new Date();
    // The draft it replaces stays in the audit trail.
    await insertStudioEvent(tx, { documentKey: doc.key, action: "removal.proposed", actorId: editor.id, source: doc.draftSource, createdAt: now });
    return updateStudioDocument(tx, doc.key, {
      ...noDraft,
      state: "draft",
      draftRemoval: true,
      draftOrigin: "editor",
      // The removal replaces the draft's text: its proposer is its only author.
      draftAuthors: [editor.id],
      draftRevision: doc.draftRevision + 1,
      draftUpdatedAt: now,
      draftUpdatedBy: editor.id,
    });
  });
}

const newPrincipleBody = (title: string) =>
  `Write what signatories commit to under "${title}", in one or two plain paragraphs.\n\n## What this means\n\nExplain the principle in practice.\n\n## Signatories commit to\n\n<CommitmentList>\n\n- A concrete, checkable commitment.\n\n</CommitmentList>\n`;

/** A new principle starts as a draft (nothing public changes until it is published). A removed one can be brought back the same way. */
export async function createPrinciple(db: DbOrTx, actor: StudioActor, input: NewPrincipleInput, options: StudioOptions = {}) {
  return db.transaction(async (tx) => {
    const editor = await requireEditor(tx, actor);
    const key = principleKey(input.slug);
    const all = await getStudioDocuments(tx);
    const live = all.filter((d) => d.kind === "principle" && d.publishedSource !== null && !d.removedAt).length;
    if (input.number > live + 1) throw new AppError("invalid", "Please correct the highlighted fields.", { number: `must be between 1 and ${live + 1}` });
    const source = composeSource(
      "principle",
      { number: String(input.number), slug: input.slug, title: input.title, summary: input.summary },
      newPrincipleBody(input.title),
    );
    const now = options.now ?? new Date();
    const draft = {
      state: "draft",
      draftSource: source,
      draftRemoval: false,
      draftOrigin: "editor",
      draftAuthors: [editor.id] as string[],
      draftUpdatedAt: now,
      draftUpdatedBy: editor.id,
    } as const;
    const existing = await lockStudioDocument(tx, key);
    let doc: StudioDocument;
    if (existing) {
      if (!existing.removedAt || existing.state !== "published")
        throw new AppError("conflict", `A principle with the slug "${input.slug}" already exists.`, { slug: "is already used by another principle" });
      doc = await updateStudioDocument(tx, key, { ...noDraft, ...draft, draftRevision: existing.draftRevision + 1 });
    } else {
      doc = await insertStudioDocument(tx, { key, kind: "principle", ...draft, draftRevision: 1, createdAt: now });
    }
    await insertStudioEvent(tx, { documentKey: key, action: "principle.created", actorId: editor.id, createdAt: now });
    return doc;
  });
}
