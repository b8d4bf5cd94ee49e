import "server-only";
import type { DbOrTx } from "@/db/client";
import { getDnsCheckTimes, lockClaimKey } from "@/db/queries/claims";
import { insertDomainProof } from "@/db/queries/organisations";
import { getUserById } from "@/db/queries/users";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { loadForActor } from "./access";
import { claimOf, proveClaim, requireLiveClaim } from "./claims";
import { dnsCheckRefusal, emailHost, emailProofRefusal } from "./claims-rules";
import { checkDnsTxt } from "./dns-check";

/**
 * Proof by a confirmed sign-in email at exactly the organisation's domain. The person proving it
 * becomes the owner (ownership follows proof: see ./claims-rules.ts). On an organisation that is
 * already verified this is refused: joining it is membership (lib/orgs/membership.ts), never ownership.
 */
export async function verifyByEmailDomain(db: DbOrTx, actor: { userId: string }, organisationId: string, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const { org, user } = await loadForActor(tx, actor, organisationId, "proveDomain");
    requireLiveClaim(org, await claimOf(tx, org, now), now);
    const refusal = emailProofRefusal(user, org.primaryDomain);
    if (refusal === "unconfirmed") throw new AppError("forbidden", "Your email address has not been confirmed by a sign-in link yet.");
    if (refusal === "free-mail") {
      throw new AppError("forbidden", "An address at a public email provider cannot prove an organisation. Use a DNS record or ask a moderator.");
    }
    if (refusal === "not-at-domain") {
      throw new AppError(
        "forbidden",
        `Your email address is not at ${org.primaryDomain} (an address at a subdomain does not prove the domain). Use a DNS record or ask a moderator.`,
      );
    }
    return proveClaim(tx, {
      org,
      method: "email_domain",
      prover: { id: user.id, email: user.email },
      actorId: user.id,
      detail: `sign-in email at ${emailHost(user.email)}`,
      now,
    });
  });
}

/**
 * Proof by DNS: asks the configured resolvers for the claim's TXT record, records the attempt
 * whatever its outcome, and verifies on a match. Placing the record is control, so the claimant
 * whose token it is becomes the owner, whoever pressed the button. Checks are limited per claim
 * (./claims-rules.ts dnsCheckRefusal): a refused check records nothing. The DNS query runs outside
 * the transaction (it can take seconds); authorisation and limits are checked again inside it.
 */
export async function verifyByDns(db: DbOrTx, actor: { userId: string }, organisationId: string, options: { now?: Date } = {}) {
  const startedAt = options.now ?? new Date();
  const dayBefore = (at: Date) => new Date(at.getTime() - 24 * 60 * 60 * 1000);
  const { org } = await db.transaction(async (tx) => {
    const loaded = await loadForActor(tx, actor, organisationId, "proveDomain");
    requireLiveClaim(loaded.org, await claimOf(tx, loaded.org, startedAt), startedAt);
    const refusal = dnsCheckRefusal(await getDnsCheckTimes(tx, organisationId, dayBefore(startedAt)), startedAt);
    if (refusal) throw new AppError("rate_limited", refusal);
    return loaded;
  });
  if (!org.dnsToken) throw new AppError("conflict", "This organisation has no DNS token yet.");
  const result = await checkDnsTxt({ domain: org.primaryDomain, token: org.dnsToken, servers: getEnv().dnsServers });
  return db.transaction(async (tx) => {
    // Concurrent checks of one claim queue here; all but the first are refused by the limit.
    await lockClaimKey(tx, `dns:${organisationId}`);
    const { org: current } = await loadForActor(tx, actor, organisationId, "proveDomain");
    const now = options.now ?? new Date();
    const claim = await claimOf(tx, current, now);
    requireLiveClaim(current, claim, now);
    const refusal = dnsCheckRefusal(await getDnsCheckTimes(tx, organisationId, dayBefore(now)), now);
    if (refusal) throw new AppError("rate_limited", refusal);
    if (result.outcome !== "found") {
      await insertDomainProof(tx, {
        organisationId,
        method: "dns_txt",
        outcome: result.outcome,
        detail: result.message,
        actorId: actor.userId,
        createdAt: now,
      });
      return { verified: false as const, outcome: result.outcome, message: result.message };
    }
    const claimant = claim.claimantId ? await getUserById(tx, claim.claimantId) : null;
    const prover = claimant ?? (await getUserById(tx, actor.userId))!;
    const verified = await proveClaim(tx, {
      org: current,
      method: "dns_txt",
      prover: { id: prover.id, email: prover.email },
      actorId: actor.userId,
      detail: result.message,
      now,
    });
    return { verified: true as const, outcome: result.outcome, message: result.message, slug: verified.slug };
  });
}
