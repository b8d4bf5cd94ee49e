import "server-only";
import type { DbOrTx } from "@/db/client";
import { getLatestAccordVersion } from "@/db/queries/accord";
import {
  getConcernForUpdate,
  getPendingConcernOf,
  getSubmissionsSince,
  insertConcern,
  lockSubmitter,
  setConcernLedgerIndex,
  setConcernResponse,
  updateConcern,
} from "@/db/queries/concerns";
import { getOrganisationById, getOrganisationBySlug, insertAuditEntry } from "@/db/queries/organisations";
import { getUserById } from "@/db/queries/users";
import type { Concern } from "@/db/schema";
import { parseAccordSnapshot } from "@/lib/accord/version";
import { AppError } from "@/lib/errors";
import { formatTime } from "@/lib/format/date";
import { appendEvent } from "@/lib/ledger/io/log";
import { notifyOrganisation } from "@/lib/notifications/notify";
import { loadForActor } from "@/lib/orgs/access";
import { publicOrganisation } from "@/lib/orgs/public";
import type { AdmitConcernInput, DeclineConcernInput, ResolveConcernInput, RespondToConcernInput, SubmitConcernInput } from "@/lib/validation/concern";
import { concernContentHash, concernResponseHash } from "./content-hash";
import { CONCERN_LIMITS } from "./limits";
import { tellSubmitter } from "./tell-submitter";

export { CONCERN_LIMITS };

/**
 * Public concerns about a signatory's conduct. Anyone signed in submits one; nothing about it is
 * public until a moderator admits it (with the public text the moderator approved); the
 * organisation's owners may answer once; a moderator decides the outcome, or the submitter
 * withdraws it. Admission, response and outcome are each logged, with public fields only: the
 * submitter is never named anywhere public. Every step commits with its log entry and notices.
 */

type Actor = { userId: string };
type Options = { now?: Date };

/** The outcome a withdrawal is logged with: the submitter gives no public reason. */
export const WITHDRAWN_REASON = "The person who raised the concern withdrew it.";

async function principleOf(tx: DbOrTx, slug: string) {
  const version = await getLatestAccordVersion(tx);
  const principle = (version ? parseAccordSnapshot(version.content).principles : []).find((p) => p.slug === slug);
  if (!principle) throw new AppError("invalid", "Please correct the highlighted fields.", { principle: "must be one of the accord's principles" });
  return principle;
}

/** A concern names a signatory: an organisation whose record is public and that has signed or is suspended. */
const concernable = ["verified", "suspended"] as const;

export async function submitConcern(db: DbOrTx, actor: Actor, input: SubmitConcernInput, options: Options = {}) {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const user = await getUserById(tx, actor.userId);
    if (!user) throw new AppError("unauthenticated", "Please sign in to raise a concern.");
    const org = await getOrganisationBySlug(tx, input.organisation);
    if (!org || !(concernable as readonly string[]).includes(org.status)) {
      throw new AppError("invalid", "Please correct the highlighted fields.", { organisation: "must be a signatory listed in the registry" });
    }
    await principleOf(tx, input.principle);
    await lockSubmitter(tx, actor.userId);
    for (const limit of CONCERN_LIMITS) {
      const { n, oldest } = await getSubmissionsSince(tx, actor.userId, new Date(now.getTime() - limit.windowMs));
      if (n >= limit.max) {
        const freeAt = oldest ? new Date(oldest.getTime() + limit.windowMs) : now;
        throw new AppError(
          "rate_limited",
          `You have raised ${n} concerns ${limit.words}, the most the registry accepts from one person. You can raise another from ${formatTime(freeAt)}.`,
        );
      }
    }
    if (await getPendingConcernOf(tx, actor.userId, org.id)) {
      throw new AppError(
        "rate_limited",
        `Your earlier concern about ${org.displayName} is still waiting for a moderator. Add to it by withdrawing it and raising one that says everything.`,
      );
    }
    return insertConcern(tx, {
      organisationId: org.id,
      principleSlug: input.principle,
      submitterId: actor.userId,
      statement: input.statement,
      evidenceLinks: input.evidenceLinks,
      status: "submitted",
      createdAt: now,
      updatedAt: now,
    });
  });
}

/** Loads the concern and checks that the actor may moderate it: a moderator from outside the organisation who did not raise it. */
async function loadForModerator(tx: DbOrTx, actor: Actor, concernId: string) {
  const concern = await getConcernForUpdate(tx, concernId);
  if (!concern) throw new AppError("not_found", "No such concern.");
  const { org } = await loadForActor(tx, actor, concern.organisationId, "moderateConcern");
  if (concern.submitterId === actor.userId) throw new AppError("forbidden", "You raised this concern; another moderator must decide it.");
  return { concern, org };
}

function requireStatus(concern: Concern, allowed: Concern["status"][], what: string) {
  if (!allowed.includes(concern.status)) throw new AppError("conflict", `This concern is ${concern.status.replace("_", " ")}, so it cannot be ${what}.`);
}

/** A moderator makes a concern public, with the text as approved (edited or as submitted). */
export async function admitConcern(db: DbOrTx, actor: Actor, input: AdmitConcernInput, options: Options = {}) {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const { concern, org } = await loadForModerator(tx, actor, input.concernId);
    requireStatus(concern, ["submitted"], "admitted");
    const principle = await principleOf(tx, concern.principleSlug);
    const contentHash = concernContentHash({ principle: concern.principleSlug, statement: input.statement, evidenceLinks: input.evidenceLinks });
    const updated = await updateConcern(tx, concern.id, "submitted", {
      status: "under_review",
      publicStatement: input.statement,
      publicEvidenceLinks: input.evidenceLinks,
      contentHash,
      moderatorId: actor.userId,
      admittedAt: now,
      updatedAt: now,
    });
    if (!updated) throw new AppError("conflict", "Another moderator decided this concern a moment ago.");
    const entry = await appendEvent(tx, {
      kind: "concern.admitted",
      at: now.toISOString(),
      organisation: publicOrganisation(org),
      concernId: concern.id,
      principle: concern.principleSlug,
      contentHash,
    });
    await setConcernLedgerIndex(tx, concern.id, "admission", entry.index);
    await insertAuditEntry(tx, { actorId: actor.userId, action: "concern.admit", targetType: "concern", targetId: concern.id, reason: "", createdAt: now });
    await notifyOrganisation(tx, {
      organisationId: org.id,
      kind: "concern.admitted",
      facts: { principle: principle.title, statement: input.statement },
      now,
    });
    await tellSubmitter(tx, concern, org, { kind: "admitted" }, now);
    return { concern: { ...updated, admissionLedgerIndex: entry.index }, organisation: org };
  });
}

/** A moderator declines a concern with a reason only the submitter sees: nothing becomes public. */
export async function declineConcern(db: DbOrTx, actor: Actor, input: DeclineConcernInput, options: Options = {}) {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const { concern, org } = await loadForModerator(tx, actor, input.concernId);
    requireStatus(concern, ["submitted"], "declined");
    const updated = await updateConcern(tx, concern.id, "submitted", {
      status: "declined",
      declineReason: input.reason,
      moderatorId: actor.userId,
      updatedAt: now,
    });
    if (!updated) throw new AppError("conflict", "Another moderator decided this concern a moment ago.");
    await insertAuditEntry(tx, {
      actorId: actor.userId,
      action: "concern.decline",
      targetType: "concern",
      targetId: concern.id,
      reason: input.reason,
      createdAt: now,
    });
    await tellSubmitter(tx, concern, org, { kind: "declined", reason: input.reason }, now);
    return { concern: updated, organisation: org };
  });
}

/** A moderator decides an admitted concern: upheld or not, with a public reason. */
export async function resolveConcern(db: DbOrTx, actor: Actor, input: ResolveConcernInput, options: Options = {}) {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const { concern, org } = await loadForModerator(tx, actor, input.concernId);
    requireStatus(concern, ["under_review"], "decided");
    const updated = await updateConcern(tx, concern.id, "under_review", {
      status: input.outcome,
      outcomeReason: input.reason,
      resolvedAt: now,
      moderatorId: actor.userId,
      updatedAt: now,
    });
    if (!updated) throw new AppError("conflict", "Another moderator decided this concern a moment ago.");
    const entry = await appendEvent(tx, {
      kind: "concern.resolved",
      at: now.toISOString(),
      organisation: publicOrganisation(org),
      concernId: concern.id,
      outcome: input.outcome,
      reason: input.reason,
    });
    await setConcernLedgerIndex(tx, concern.id, "resolution", entry.index);
    await insertAuditEntry(tx, {
      actorId: actor.userId,
      action: `concern.${input.outcome}`,
      targetType: "concern",
      targetId: concern.id,
      reason: input.reason,
      createdAt: now,
    });
    await notifyOrganisation(tx, {
      organisationId: org.id,
      kind: "concern.resolved",
      facts: { outcome: input.outcome === "upheld" ? "upheld" : "not upheld", reason: input.reason },
      now,
    });
    await tellSubmitter(tx, concern, org, { kind: "resolved", outcome: input.outcome, reason: input.reason }, now);
    return { concern: { ...updated, resolutionLedgerIndex: entry.index }, organisation: org };
  });
}

/** An owner of the organisation publishes its one response to an admitted concern. */
export async function respondToConcern(db: DbOrTx, actor: Actor, input: RespondToConcernInput, options: Options = {}) {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const concern = await getConcernForUpdate(tx, input.concernId);
    // A concern that is not public does not exist for the organisation either.
    if (!concern || !concern.admittedAt) throw new AppError("not_found", "No such concern.");
    const { org } = await loadForActor(tx, actor, concern.organisationId, "respondToConcern");
    if (concern.response !== null) throw new AppError("conflict", `${org.displayName} has already responded to this concern; a response is published once.`);
    if (concern.status === "withdrawn")
      throw new AppError("conflict", "This concern was withdrawn by the person who raised it; there is nothing to respond to.");
    const responseHash = concernResponseHash({ concernId: concern.id, response: input.response });
    const updated = await setConcernResponse(tx, concern.id, { response: input.response, responseHash, respondedBy: actor.userId, respondedAt: now });
    if (!updated) throw new AppError("conflict", `${org.displayName} has already responded to this concern; a response is published once.`);
    const entry = await appendEvent(tx, {
      kind: "concern.responded",
      at: now.toISOString(),
      organisation: publicOrganisation(org),
      concernId: concern.id,
      contentHash: responseHash,
    });
    await setConcernLedgerIndex(tx, concern.id, "response", entry.index);
    return { concern: { ...updated, responseLedgerIndex: entry.index }, organisation: org };
  });
}

/**
 * The person who raised a concern withdraws it. Before admission it simply closes (it was never
 * public); once admitted it stays public, marked withdrawn, and the outcome is logged.
 */
export async function withdrawConcern(db: DbOrTx, actor: Actor, input: { concernId: string }, options: Options = {}) {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const concern = await getConcernForUpdate(tx, input.concernId);
    if (!concern || concern.submitterId !== actor.userId) throw new AppError("not_found", "No such concern among the ones you raised.");
    requireStatus(concern, ["submitted", "under_review"], "withdrawn");
    const wasPublic = concern.status === "under_review";
    const updated = await updateConcern(tx, concern.id, concern.status, {
      status: "withdrawn",
      ...(wasPublic ? { outcomeReason: WITHDRAWN_REASON, resolvedAt: now } : {}),
      updatedAt: now,
    });
    if (!updated) throw new AppError("conflict", "This concern changed a moment ago; reload to see where it stands.");
    if (!wasPublic) return { concern: updated, wasPublic };
    const org = (await getOrganisationById(tx, concern.organisationId))!;
    const entry = await appendEvent(tx, {
      kind: "concern.resolved",
      at: now.toISOString(),
      organisation: publicOrganisation(org),
      concernId: concern.id,
      outcome: "withdrawn",
      reason: WITHDRAWN_REASON,
    });
    await setConcernLedgerIndex(tx, concern.id, "resolution", entry.index);
    await notifyOrganisation(tx, { organisationId: org.id, kind: "concern.resolved", facts: { outcome: "withdrawn", reason: WITHDRAWN_REASON }, now });
    return { concern: { ...updated, resolutionLedgerIndex: entry.index }, wasPublic };
  });
}
