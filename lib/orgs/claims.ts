import "server-only";
import type { DbOrTx } from "@/db/client";
import {
  getClaimForOrganisation,
  getExpiredOpenClaims,
  getMembersForProof,
  getOpenClaimsAtDomain,
  getRegisteredOrganisationByDomain,
  insertClaim,
  lockClaimKey,
  updateClaim,
} from "@/db/queries/claims";
import {
  deleteMembership,
  getOrganisationById,
  insertAuditEntry,
  insertDomainProof,
  insertMembership,
  markOrganisationVerified,
  updateMembershipRole,
  updateOrganisationStatus,
} from "@/db/queries/organisations";
import { insertJobs } from "@/db/queries/jobs";
import type { DomainClaim, Organisation } from "@/db/schema";
import type { JobHandler } from "@/lib/jobs/runner";
import { AppError } from "@/lib/errors";
import { appendEvent } from "@/lib/ledger/io/log";
import { notifyOrganisation, queueEmail } from "@/lib/notifications/notify";
import { renderNotice } from "@/lib/notifications/templates";
import { absoluteUrl } from "@/lib/site";
import { claimExpiresAt, claimStatusAt, ownershipAfterProof, type OwnershipChange } from "./claims-rules";
import { publicOrganisation } from "./public";
import { dashboardPath, profilePath } from "@/lib/paths";

/**
 * Claims to a domain and what happens when one is proven. The rule itself (who owns what after a
 * proof, expiry, limits) is written down in ./claims-rules.ts; this file applies it inside the
 * caller's transaction, with its audit entries, ledger entry and notices.
 */

type Method = NonNullable<Organisation["verificationMethod"]>;

const methodWords: Record<Method, string> = {
  email_domain: "a work email address at the domain",
  dns_txt: "a DNS TXT record",
  moderator: "a moderator's review",
};

/** The claim of a registration; organisations registered before claims existed get one on first use. */
export async function claimOf(tx: DbOrTx, org: Organisation, now: Date): Promise<DomainClaim> {
  const claim = await getClaimForOrganisation(tx, org.id);
  if (claim) return claim;
  const first = (await getMembersForProof(tx, org.id)).find((m) => m.role === "owner");
  return insertClaim(tx, {
    organisationId: org.id,
    domain: org.primaryDomain,
    claimantId: first?.userId ?? null,
    status: "open",
    expiresAt: claimExpiresAt(now),
    createdAt: now,
  });
}

/** Refuses unless the claim can still be proven at `now`. */
export function requireLiveClaim(org: Organisation, claim: DomainClaim, now: Date) {
  if (org.status !== "pending") throw new AppError("conflict", `This organisation is already ${org.status}.`);
  const status = claimStatusAt(claim, now);
  if (status === "expired") {
    throw new AppError(
      "conflict",
      `This claim to ${org.primaryDomain} expired on ${claim.expiresAt.toISOString().slice(0, 10)} without proof. Register the domain again to file a new claim.`,
    );
  }
  if (status !== "open")
    throw new AppError("conflict", `This claim to ${org.primaryDomain} is ${status}${claim.closedReason ? `: ${claim.closedReason}` : ""}.`);
}

/**
 * The domain of `org` is proven by `method`: the organisation is verified (proof recorded, ledger
 * entry), `prover` becomes its owner and everyone who proved nothing loses ownership or leaves
 * (./claims-rules.ts), the claim is won, every other open claim to the domain closes, and everyone
 * concerned is told. `actorId` is who acted (the prover, or the approving moderator).
 */
export async function proveClaim(
  tx: DbOrTx,
  input: { org: Organisation; method: Method; prover: { id: string; email: string }; actorId: string; detail: string; now: Date },
): Promise<Organisation> {
  const { org, method, prover, actorId, detail, now } = input;
  // Two claims proven at the same moment: the second waits here, then finds the domain taken.
  await lockClaimKey(tx, `domain:${org.primaryDomain}`);
  const registered = await getRegisteredOrganisationByDomain(tx, org.primaryDomain);
  if (registered && registered.id !== org.id) {
    throw new AppError(
      "conflict",
      `${org.primaryDomain} was already proven by ${registered.displayName}. Join it from your dashboard if your address is at that domain.`,
    );
  }
  const claim = await claimOf(tx, org, now);
  requireLiveClaim(org, claim, now);

  const verified = await markOrganisationVerified(tx, org.id, method, now);
  await insertDomainProof(tx, { organisationId: org.id, method, outcome: "verified", detail, actorId, createdAt: now });
  // Public: the proof and its method. Who owns the organisation is private and never logged.
  await appendEvent(tx, { kind: "organisation.verified", at: now.toISOString(), organisation: publicOrganisation(verified), method });
  await updateClaim(tx, claim.id, { status: "won", provenBy: prover.id, proofMethod: method, closedAt: now });

  const changes = ownershipAfterProof(await getMembersForProof(tx, org.id), { userId: prover.id, email: prover.email }, org.primaryDomain);
  await applyOwnership(tx, verified, changes, { actorId, method, now });

  await closeRivalClaims(tx, verified, now);
  await notifyOrganisation(tx, { organisationId: org.id, kind: "organisation.verified", facts: { method, domain: org.primaryDomain }, now });
  return verified;
}

const roleWord = (role: "owner" | "member" | null) => role ?? "not a member";

async function applyOwnership(tx: DbOrTx, org: Organisation, changes: OwnershipChange[], context: { actorId: string; method: Method; now: Date }) {
  if (changes.length === 0) return;
  const { actorId, method, now } = context;
  for (const change of changes) {
    if (change.from === null) await insertMembership(tx, { organisationId: org.id, userId: change.userId, role: change.to ?? "member", createdAt: now });
    else if (change.to === null) await deleteMembership(tx, org.id, change.userId);
    else await updateMembershipRole(tx, org.id, change.userId, change.to);
    // Private: the audit log, never the ledger.
    await insertAuditEntry(tx, {
      actorId,
      action: "ownership.changed",
      targetType: "organisation",
      targetId: org.id,
      reason: `${change.email}: ${roleWord(change.from)} → ${roleWord(change.to)} (${change.to === "owner" ? `proved ${org.primaryDomain} by ${methodWords[method]}` : "proved nothing; ownership follows proof"})`,
      createdAt: now,
    });
  }
  const newOwner = changes.find((c) => c.to === "owner");
  const detail = `${org.primaryDomain} was proven by ${methodWords[method]}. Ownership follows proof: owners who proved nothing are now members if their confirmed address is at ${org.primaryDomain}, and left the organisation otherwise.`;
  // The organisation as it is now (its new owner included) learns who owns it.
  await notifyOrganisation(tx, {
    organisationId: org.id,
    kind: "ownership.changed",
    facts: { ...(newOwner ? { newOwner: newOwner.email } : {}), domain: org.primaryDomain, method, detail },
    extraUserIds: changes.filter((c) => c.from !== null && c.to !== null).map((c) => c.userId),
    now,
  });
  // Those who left are told too, without the new owner's address: they are outside it now.
  for (const gone of changes.filter((c) => c.to === null)) {
    const mail = renderNotice("ownership.changed", {
      organisation: org,
      facts: {
        domain: org.primaryDomain,
        method,
        detail: `${detail} Your address ${gone.email} is not at ${org.primaryDomain}, so you are no longer a member.`,
      },
      dashboardUrl: absoluteUrl(dashboardPath),
      profileUrl: absoluteUrl(profilePath(org.slug)),
    });
    if (org.isDemo) continue;
    await queueEmail(tx, {
      to: gone.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      key: `ownership-left:${org.id}:${gone.userId}:${now.getTime()}`,
      now,
      organisationId: org.id,
      kind: "ownership.changed",
    });
  }
}

/** Every other open claim to the winner's domain closes; its registration becomes `rejected` with the reason, and its people are told. */
async function closeRivalClaims(tx: DbOrTx, winner: Organisation, now: Date) {
  const reason = `Another claim to ${winner.primaryDomain} was proven first.`;
  for (const { claim, organisation } of await getOpenClaimsAtDomain(tx, winner.primaryDomain)) {
    if (organisation.id === winner.id) continue;
    await closeClaim(tx, claim, organisation, { status: "closed", reason, actorId: null, now });
  }
}

/**
 * Closes one claim (closed, expired, released, rejected): the claim records why, its pending
 * registration becomes `rejected` with the reason (so the domain is free: the unique index ignores
 * rejected rows), the change is audited, and the claim's people are told.
 */
export async function closeClaim(
  tx: DbOrTx,
  claim: DomainClaim,
  org: Organisation,
  input: { status: "closed" | "expired" | "released" | "rejected"; reason: string; actorId: string | null; now: Date },
) {
  const { status, reason, actorId, now } = input;
  await updateClaim(tx, claim.id, { status, closedReason: reason, closedAt: now });
  const updated = org.status === "pending" ? await updateOrganisationStatus(tx, org.id, { status: "rejected", statusReason: reason }) : org;
  await insertAuditEntry(tx, { actorId, action: `claim.${status}`, targetType: "organisation", targetId: org.id, reason, createdAt: now });
  await notifyOrganisation(tx, {
    organisationId: org.id,
    kind: "claim.closed",
    facts: { domain: org.primaryDomain, reason },
    extraUserIds: claim.claimantId ? [claim.claimantId] : [],
    now,
  });
  return updated;
}

/**
 * Closes every open claim whose 30 days ran out by `now` (at most `limit` per call). Proof and
 * limits already treat such claims as expired (claimStatusAt); this makes it visible and tells the
 * claimants. Safe to run from several instances: rows are locked and skipped if taken.
 */
export async function closeExpiredClaims(db: DbOrTx, options: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const expired = await getExpiredOpenClaims(tx, now, options.limit ?? 200);
    for (const claim of expired) {
      const org = await getOrganisationById(tx, claim.organisationId);
      if (!org) continue;
      await closeClaim(tx, claim, org, {
        status: "expired",
        reason: `No proof of ${claim.domain} within 30 days: the claim expired and the domain is free again.`,
        actorId: null,
        now,
      });
    }
    return expired.length;
  });
}

/** The job that runs closeExpiredClaims; registering a claim queues one for the moment it expires. */
export const CLOSE_EXPIRED_CLAIMS_JOB = "claims.close_expired";

export const closeExpiredClaimsJob: JobHandler = async (_job, context) => {
  await closeExpiredClaims(context.db, { now: context.now() });
};

/** Queues the sweep for the moment `claim` expires (in the caller's transaction; once per claim). */
export async function scheduleClaimExpiry(tx: DbOrTx, claim: DomainClaim) {
  await insertJobs(tx, [{ kind: CLOSE_EXPIRED_CLAIMS_JOB, key: `claim-expiry:${claim.id}`, runAt: claim.expiresAt }]);
}
