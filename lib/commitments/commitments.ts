import "server-only";
import type { DbOrTx } from "@/db/client";
import { getLatestAccordVersion } from "@/db/queries/accord";
import { getCommitmentById, insertCommitment, insertCommitmentRevision, updateCommitmentAtRevision } from "@/db/queries/commitments";
import type { Commitment, Organisation } from "@/db/schema";
import { parseAccordSnapshot } from "@/lib/accord/version";
import { AppError } from "@/lib/errors";
import { appendEvent } from "@/lib/ledger/io/log";
import { loadForActor } from "@/lib/orgs/access";
import { publicOrganisation } from "@/lib/orgs/public";
import type { CreateCommitmentInput, UpdateCommitmentInput } from "@/lib/validation/commitment";
import { commitmentContentHash } from "./content-hash";
import { refreshSignatoryListing } from "@/db/queries/listings";

function requireActive(org: Organisation) {
  if (org.status !== "verified") {
    throw new AppError("forbidden", `${org.displayName} is ${org.status}: only verified organisations register commitments.`);
  }
}

/** Registers a commitment under one of the current accord's principles. Any member may. */
export async function createCommitment(db: DbOrTx, actor: { userId: string }, input: CreateCommitmentInput, options: { now?: Date } = {}) {
  return db.transaction(async (tx) => {
    const { org } = await loadForActor(tx, actor, input.organisationId, "registerCommitment");
    requireActive(org);
    const version = await getLatestAccordVersion(tx);
    const principles = version ? parseAccordSnapshot(version.content).principles : [];
    if (!principles.some((p) => p.slug === input.principle)) {
      throw new AppError("invalid", "Please correct the highlighted fields.", { principle: "must be one of the accord's principles" });
    }
    const now = options.now ?? new Date();
    const content = {
      principle: input.principle,
      title: input.title,
      description: input.description,
      status: input.status,
      targetDate: input.targetDate,
      evidenceLinks: input.evidenceLinks,
    };
    const contentHash = commitmentContentHash(content);
    const commitment = await insertCommitment(tx, {
      organisationId: org.id,
      principleSlug: input.principle,
      title: input.title,
      description: input.description,
      status: input.status,
      targetDate: input.targetDate,
      evidenceLinks: input.evidenceLinks,
      contentHash,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    const entry = await appendEvent(tx, {
      kind: "commitment.registered",
      at: now.toISOString(),
      organisation: publicOrganisation(org),
      commitmentId: commitment.id,
      principle: input.principle,
      contentHash,
    });
    await insertCommitmentRevision(tx, {
      commitmentId: commitment.id,
      revision: 1,
      ...content,
      authorId: actor.userId,
      ledgerIndex: entry.index,
      contentHash,
      createdAt: now,
    });
    await refreshSignatoryListing(tx, org.id);
    return { commitment, organisation: org, ledgerIndex: entry.index };
  });
}

/**
 * Writes a new revision of a commitment inside the caller's transaction: keeps the old one, logs
 * `commitment.updated`. Refuses a stale revision so two editors never overwrite each other.
 */
export async function reviseCommitment(
  tx: DbOrTx,
  org: Organisation,
  current: Commitment,
  change: Pick<Commitment, "title" | "description" | "status" | "targetDate" | "evidenceLinks">,
  actorId: string,
  expectedRevision: number,
  now: Date,
) {
  if (current.revision !== expectedRevision) {
    throw new AppError("conflict", "Someone else changed this commitment while you were editing it. Reload to see their version, then make your change again.");
  }
  const content = { principle: current.principleSlug, ...change };
  const contentHash = commitmentContentHash(content);
  if (contentHash === current.contentHash) return { commitment: current, changed: false as const, ledgerIndex: null };
  const updated = await updateCommitmentAtRevision(tx, current.id, expectedRevision, { ...change, contentHash, updatedAt: now });
  if (!updated)
    throw new AppError("conflict", "Someone else changed this commitment while you were editing it. Reload to see their version, then make your change again.");
  const entry = await appendEvent(tx, {
    kind: "commitment.updated",
    at: now.toISOString(),
    organisation: publicOrganisation(org),
    commitmentId: current.id,
    principle: current.principleSlug,
    contentHash,
  });
  await insertCommitmentRevision(tx, {
    commitmentId: current.id,
    revision: updated.revision,
    ...change,
    contentHash,
    authorId: actorId,
    ledgerIndex: entry.index,
    createdAt: now,
  });
  return { commitment: updated, changed: true as const, ledgerIndex: entry.index };
}

/** Edits a commitment of the actor's own organisation; the organisation is taken from the row, never from the form. */
export async function updateCommitment(db: DbOrTx, actor: { userId: string }, input: UpdateCommitmentInput, options: { now?: Date } = {}) {
  return db.transaction(async (tx) => {
    const current = await getCommitmentById(tx, input.commitmentId);
    if (!current) throw new AppError("not_found", "No such commitment.");
    const { org } = await loadForActor(tx, actor, current.organisationId, "updateCommitment");
    requireActive(org);
    const { title, description, status, targetDate, evidenceLinks } = input;
    const result = await reviseCommitment(
      tx,
      org,
      current,
      { title, description, status, targetDate, evidenceLinks },
      actor.userId,
      input.revision,
      options.now ?? new Date(),
    );
    return { ...result, organisation: org };
  });
}
