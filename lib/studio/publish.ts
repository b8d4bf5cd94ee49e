import "server-only";
import type { DbOrTx } from "@/db/client";
import { getLatestAccordVersion, insertAccordVersion } from "@/db/queries/accord";
import { requestReaffirmation } from "@/lib/notifications/reaffirm";
import { lockLedger } from "@/db/queries/ledger";
import { getStudioDocument, insertStudioRevision, lockAccordDocuments, lockStudioDocument, updateStudioDocument } from "@/db/queries/studio";
import type { AccordVersion, StudioDocument } from "@/db/schema";
import { parseDocument } from "@/lib/accord/content";
import { accordSnapshotOf, hashAccordSnapshot } from "@/lib/accord/version";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { appendEvent } from "@/lib/ledger/io/log";
import { principleFrontmatterSchema, preambleFrontmatterSchema } from "@/lib/validation/content";
import type { PublishInput } from "@/lib/validation/studio";
import { type StudioActor, requireEditor } from "./access";
import { type CheckedDocument, numberOf, requirePublishable, withNumber } from "./document";
import { documentLabel } from "./keys";

export type StudioOptions = { now?: Date; requireReview?: boolean };

/** `draftRevision`: the document's lock value afterwards, which the editor reopens at. */
export type PublishOutcome = { key: string; revision: number; draftRevision: number; version: AccordVersion | null };

/** The cleared draft and review fields of a document whose draft just went live or away. */
export const noDraft = {
  state: "published",
  draftSource: null,
  draftRemoval: false,
  draftOrigin: null,
  draftAuthors: [] as string[],
  reviewRequestedBy: null,
  reviewRequestedAt: null,
  reviewChangelog: null,
  returnComment: null,
  returnedBy: null,
  returnedAt: null,
} as const;

export function requireRevision(doc: StudioDocument, seen: number): void {
  if (doc.draftRevision !== seen) {
    throw new AppError(
      "conflict",
      "This document changed since you opened it (someone saved, sent it for review or published). Reload it to see the current text.",
    );
  }
}

/**
 * Loads a document for a publish or review step and checks its draft before any lock is taken:
 * compiling takes a while, and the draft revision re-checked under the lock guarantees that the
 * text checked is the text published.
 */
export async function loadDraftForPublishing(
  db: DbOrTx,
  key: string,
  seen: number,
  state: "draft" | "review",
): Promise<{ doc: StudioDocument; checked: CheckedDocument | null }> {
  const doc = await getStudioDocument(db, key);
  if (!doc || (doc.removedAt && doc.state === "published")) throw new AppError("not_found", "There is no such document in the studio.");
  if (doc.state === "published") throw new AppError("conflict", "There is nothing to publish: this document has no draft changes.");
  if (state === "draft" && doc.state === "review")
    throw new AppError("conflict", "This change is waiting for review: a second editor approves it, or sends it back.");
  if (state === "review" && doc.state !== "review") throw new AppError("conflict", "This change is not waiting for review (any more).");
  requireRevision(doc, seen);
  if (!doc.draftRemoval && doc.draftSource === doc.publishedSource)
    throw new AppError("invalid", "There is nothing to publish: the draft is the same as the published text.");
  const checked = doc.draftRemoval ? null : await requirePublishable(key, doc.draftSource!);
  return { doc, checked };
}

type Live = { key: string; doc: StudioDocument; frontmatter: { number: number; slug: string; title: string; summary: string }; body: string; number: number };

/**
 * Makes a document's draft live inside the caller's transaction (which holds the ledger lock and
 * the document's row). A page gets a new revision. The preamble or a principle also gets a new
 * accord version when the text signatories sign changes: the principles are put in the requested
 * order and renumbered 1..n (the other principles' published text is rewritten with its new
 * number, as revisions of the same version), hashed, stored and logged as `accord.published`.
 */
export async function applyPublish(
  tx: DbOrTx,
  doc: StudioDocument,
  checked: CheckedDocument | null,
  context: { publisherId: string; requestedBy: string | null; changelog: string; now: Date },
): Promise<PublishOutcome> {
  const { publisherId, requestedBy, changelog, now } = context;
  const revisionOf = (d: StudioDocument) => d.publishedRevision + 1;
  const published = { publishedAt: now, publishedBy: publisherId };

  if (doc.kind === "page") {
    const revision = revisionOf(doc);
    await insertStudioRevision(tx, {
      documentKey: doc.key,
      revision,
      source: doc.draftSource,
      changelog,
      origin: doc.draftOrigin ?? "editor",
      requestedBy,
      publishedBy: publisherId,
      publishedAt: now,
    });
    await updateStudioDocument(tx, doc.key, {
      ...noDraft,
      ...published,
      publishedSource: doc.draftSource,
      publishedRevision: revision,
      draftRevision: doc.draftRevision + 1,
      removedAt: null,
    });
    return { key: doc.key, revision, draftRevision: doc.draftRevision + 1, version: null };
  }

  const accordDocs = await lockAccordDocuments(tx);
  const preambleDoc = accordDocs.find((d) => d.kind === "preamble");
  if (!preambleDoc?.publishedSource && doc.kind !== "preamble") throw new AppError("unavailable", "The preamble has not been published yet.");
  const preamble =
    doc.kind === "preamble" ? checked!.parsed : parseDocument(documentLabel("preamble"), preambleDoc!.publishedSource!, preambleFrontmatterSchema);

  const live: Live[] = accordDocs
    .filter((d) => d.kind === "principle" && d.publishedSource !== null && d.removedAt === null && d.key !== doc.key)
    .map((d) => {
      const parsed = parseDocument(documentLabel(d.key), d.publishedSource!, principleFrontmatterSchema);
      return { key: d.key, doc: d, frontmatter: parsed.frontmatter, body: parsed.body, number: parsed.frontmatter.number };
    })
    .sort((a, b) => a.number - b.number);

  if (doc.kind === "principle" && !doc.draftRemoval) {
    const frontmatter = checked!.parsed.frontmatter as Live["frontmatter"];
    const last = live.length + 1;
    if (frontmatter.number > last) {
      throw new AppError(
        "invalid",
        `Field "number" must be between 1 and ${last}: the accord has ${live.length} other principle${live.length === 1 ? "" : "s"}, numbered without gaps.`,
        { number: `must be between 1 and ${last}` },
      );
    }
    live.splice(frontmatter.number - 1, 0, { key: doc.key, doc, frontmatter, body: checked!.parsed.body, number: frontmatter.number });
  }
  if (live.length === 0) throw new AppError("invalid", "The accord needs at least one principle: this is the last one, so it cannot be removed.");
  const ordered = live.map((p, i) => ({ ...p, next: i + 1 }));

  const snapshot = accordSnapshotOf(
    preamble as Parameters<typeof accordSnapshotOf>[0],
    ordered.map((p) => ({ frontmatter: { ...p.frontmatter, number: p.next }, body: p.body })),
  );
  const contentHash = hashAccordSnapshot(snapshot);
  const latest = await getLatestAccordVersion(tx);
  let version: AccordVersion | null = null;
  // A change that leaves the signed text as it was (say, trailing blank lines) is a revision, not a version.
  if (!latest || latest.contentHash !== contentHash) {
    version = await insertAccordVersion(tx, {
      number: (latest?.number ?? 0) + 1,
      contentHash,
      changelog,
      content: snapshot,
      publishedAt: now,
      publishedBy: publisherId,
    });
    await appendEvent(tx, { kind: "accord.published", at: now.toISOString(), version: version.number, contentHash, changelog });
    // Everyone whose organisation stands on an older version is asked to re-affirm (same transaction).
    await requestReaffirmation(tx, version, now);
  }
  const accordVersion = version?.number ?? null;

  const revision = revisionOf(doc);
  await insertStudioRevision(tx, {
    documentKey: doc.key,
    revision,
    source: doc.draftRemoval ? null : doc.draftSource,
    changelog,
    origin: doc.draftOrigin ?? "editor",
    requestedBy,
    publishedBy: publisherId,
    accordVersion,
    publishedAt: now,
  });
  await updateStudioDocument(tx, doc.key, {
    ...noDraft,
    ...published,
    publishedRevision: revision,
    draftRevision: doc.draftRevision + 1,
    ...(doc.draftRemoval ? { removedAt: now } : { publishedSource: doc.draftSource, removedAt: null }),
  });

  for (const p of ordered) {
    if (p.key === doc.key || p.next === p.number) continue;
    const other = p.doc;
    const source = withNumber(other.publishedSource!, p.next);
    const otherRevision = revisionOf(other);
    await insertStudioRevision(tx, {
      documentKey: other.key,
      revision: otherRevision,
      source,
      changelog,
      origin: "editor",
      requestedBy,
      publishedBy: publisherId,
      accordVersion,
      publishedAt: now,
    });
    // A draft that keeps the old position follows the principle to its new one; a draft that asks for another position keeps asking.
    const followDraft = other.draftSource !== null && numberOf(other.draftSource) === p.number;
    await updateStudioDocument(tx, other.key, {
      ...published,
      publishedSource: source,
      publishedRevision: otherRevision,
      ...(followDraft ? { draftSource: withNumber(other.draftSource!, p.next), draftRevision: other.draftRevision + 1 } : {}),
    });
  }
  return { key: doc.key, revision, draftRevision: doc.draftRevision + 1, version };
}

/** An editor publishes a draft directly, with a changelog. Refused when the registry requires review. */
export async function publishDocument(db: DbOrTx, actor: StudioActor, input: PublishInput, options: StudioOptions = {}): Promise<PublishOutcome> {
  await requireEditor(db, actor);
  if (options.requireReview ?? getEnv().requireReview) {
    throw new AppError("forbidden", "This registry requires a second editor's approval: request a review instead of publishing.");
  }
  const { checked } = await loadDraftForPublishing(db, input.key, input.draftRevision, "draft");
  return db.transaction(async (tx) => {
    const editor = await requireEditor(tx, actor);
    await lockLedger(tx);
    const doc = await lockStudioDocument(tx, input.key);
    if (!doc || doc.state !== "draft") throw new AppError("conflict", "This document changed since you opened it. Reload it to see the current text.");
    requireRevision(doc, input.draftRevision);
    return applyPublish(tx, doc, checked, { publisherId: editor.id, requestedBy: null, changelog: input.changelog, now: options.now ?? new Date() });
  });
}
