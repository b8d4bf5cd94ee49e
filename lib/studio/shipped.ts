import "server-only";
import { createHash } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { getLatestAccordVersion } from "@/db/queries/accord";
import { getStudioDocuments, insertStudioDocument, insertStudioEvent, insertStudioRevision, updateStudioDocument } from "@/db/queries/studio";
import type { StudioDocument } from "@/db/schema";
import { getShippedDocuments } from "@/lib/accord/content";
import { accordSnapshotOf, hashAccordSnapshot, parseAccordSnapshot } from "@/lib/accord/version";
import type { PrincipleFrontmatter, PreambleFrontmatter } from "@/lib/validation/content";
import { kindOfKey, principleKey } from "./keys";
import { noDraft } from "./publish";
import { composeSource } from "./source";

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

export type ShippedImport = { firstImport: boolean; drafts: string[] };

type Shipped = { key: string; source: string; hash: string };

/**
 * content/ is the shipped text, never the live one. On the first start (no studio documents yet)
 * it is imported as the published documents, revision 1 of each, tied to accord version 1. On
 * every later start each shipped file is compared by hash with the one last imported: a file a
 * release changed or added becomes a draft for editors (origin "release"), a principle file it
 * deleted becomes a proposal to remove that principle. Nothing goes live, and no accord version
 * is created, until an editor publishes it. Runs in the caller's transaction (start-up, under the
 * ledger lock, so concurrent instances import once).
 */
export async function importShippedContent(tx: DbOrTx, options: { now?: Date } = {}): Promise<ShippedImport> {
  const now = options.now ?? new Date();
  const shippedDocs = await getShippedDocuments();
  const shipped: Shipped[] = shippedDocs.map(({ key, document }) => ({ key, source: document.source, hash: sha256(document.source) }));
  const existing = await getStudioDocuments(tx);
  if (existing.length > 0) return { firstImport: false, drafts: await importRelease(tx, shipped, existing, now) };

  const version = await getLatestAccordVersion(tx);
  const preamble = shippedDocs.find((d) => d.key === "preamble")!.document as { frontmatter: PreambleFrontmatter; body: string };
  const principles = shippedDocs.filter((d) => kindOfKey(d.key) === "principle").map((d) => d.document as { frontmatter: PrincipleFrontmatter; body: string });
  const shippedIsVersion = version !== null && hashAccordSnapshot(accordSnapshotOf(preamble, principles)) === version.contentHash;
  const publishedAt = version?.publishedAt ?? now;

  // Normally the newest version is the shipped text (both were imported from content/ just now).
  // A registry that published versions before the studio existed keeps that text live instead,
  // rebuilt from the version's snapshot, and gets the shipped differences as drafts below.
  const initial: Shipped[] =
    shippedIsVersion || version === null ? shipped : [...shipped.filter((s) => kindOfKey(s.key) === "page"), ...sourcesOfVersion(version.content)];
  for (const doc of initial) {
    const fromShipped = shipped.some((s) => s.key === doc.key && s.hash === doc.hash);
    const accord = kindOfKey(doc.key) !== "page";
    await insertStudioDocument(tx, {
      key: doc.key,
      kind: kindOfKey(doc.key),
      publishedSource: doc.source,
      publishedRevision: 1,
      publishedAt,
      state: "published",
      shippedHash: fromShipped ? doc.hash : null,
      createdAt: now,
    });
    await insertStudioRevision(tx, {
      documentKey: doc.key,
      revision: 1,
      source: doc.source,
      changelog:
        accord && version && !shippedIsVersion ? `Version ${version.number} of the accord, as published before the studio.` : "Imported from the shipped text.",
      origin: "release",
      accordVersion: accord ? (version?.number ?? null) : null,
      publishedAt,
    });
  }
  const drafts = shippedIsVersion ? [] : await importRelease(tx, shipped, await getStudioDocuments(tx), now);
  return { firstImport: true, drafts };
}

/** The stored snapshot as studio sources, for a registry whose live text predates the studio. */
function sourcesOfVersion(content: unknown): Shipped[] {
  const snapshot = parseAccordSnapshot(content);
  const { body, ...preamble } = snapshot.preamble;
  const docs = [
    { key: "preamble", source: composeSource("preamble", preamble, `${body}\n`) },
    ...snapshot.principles.map(({ body: text, number, ...fields }) => ({
      key: principleKey(fields.slug),
      source: composeSource("principle", { ...fields, number: String(number) }, `${text}\n`),
    })),
  ];
  return docs.map((d) => ({ ...d, hash: sha256(d.source) }));
}

async function importRelease(tx: DbOrTx, shipped: Shipped[], existing: StudioDocument[], now: Date): Promise<string[]> {
  const drafts: string[] = [];
  const byKey = new Map(existing.map((d) => [d.key, d]));
  const asDraft = { state: "draft", draftOrigin: "release", draftUpdatedAt: now, draftUpdatedBy: null } as const;

  for (const file of shipped) {
    const doc = byKey.get(file.key);
    if (!doc) {
      await insertStudioDocument(tx, {
        key: file.key,
        kind: kindOfKey(file.key),
        ...asDraft,
        draftSource: file.source,
        draftRevision: 1,
        shippedHash: file.hash,
        createdAt: now,
      });
      await insertStudioEvent(tx, { documentKey: file.key, action: "release.imported", comment: "A new document in the shipped release.", createdAt: now });
      drafts.push(file.key);
      continue;
    }
    if (doc.shippedHash === file.hash) continue;
    const unchanged = doc.state === "published" && !doc.removedAt && doc.publishedSource === file.source;
    if (unchanged) {
      // The editors already published exactly this text: only remember that it was seen.
      await updateStudioDocument(tx, doc.key, { shippedHash: file.hash });
      continue;
    }
    // An editor's draft (or a change in review) is replaced, and kept in the audit trail.
    const replaced = doc.state !== "published" ? (doc.draftSource ?? "") : null;
    await insertStudioEvent(tx, {
      documentKey: doc.key,
      action: "release.imported",
      comment:
        replaced === null ? "The shipped release changed this document." : "The shipped release changed this document; the draft it replaced is kept here.",
      source: replaced,
      createdAt: now,
    });
    await updateStudioDocument(tx, doc.key, { ...noDraft, ...asDraft, draftSource: file.source, draftRevision: doc.draftRevision + 1, shippedHash: file.hash });
    drafts.push(doc.key);
  }

  const shippedKeys = new Set(shipped.map((s) => s.key));
  for (const doc of existing) {
    if (doc.kind !== "principle" || doc.shippedHash === null || shippedKeys.has(doc.key)) continue;
    if (doc.publishedSource === null || doc.removedAt) {
      await updateStudioDocument(tx, doc.key, { shippedHash: null });
      continue;
    }
    await insertStudioEvent(tx, {
      documentKey: doc.key,
      action: "release.imported",
      comment: "The shipped release no longer has this principle.",
      source: doc.state !== "published" ? doc.draftSource : null,
      createdAt: now,
    });
    await updateStudioDocument(tx, doc.key, { ...noDraft, ...asDraft, draftRemoval: true, draftRevision: doc.draftRevision + 1, shippedHash: null });
    drafts.push(doc.key);
  }
  return drafts;
}
