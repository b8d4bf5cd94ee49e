import "server-only";
import type { DbOrTx } from "@/db/client";
import { insertDomainProof, markOrganisationVerified } from "@/db/queries/organisations";
import type { Organisation } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { appendEvent } from "@/lib/ledger/log";
import { checkDnsTxt } from "./dns-check";
import { isEmailAtDomain } from "./domain";
import { loadForActor } from "./access";
import { isFreeMailDomain } from "./free-mail";
import { publicOrganisation } from "./public";

type Method = NonNullable<Organisation["verificationMethod"]>;

/** Marks the organisation verified, records the proof and logs it publicly, in the caller's transaction. */
async function completeVerification(tx: DbOrTx, org: Organisation, method: Method, actorId: string, detail: string, now: Date) {
  const verified = await markOrganisationVerified(tx, org.id, method, now);
  await insertDomainProof(tx, { organisationId: org.id, method, outcome: "verified", detail, actorId, createdAt: now });
  await appendEvent(tx, { kind: "organisation.verified", at: now.toISOString(), organisation: publicOrganisation(verified), method });
  return verified;
}

function requirePending(org: Organisation) {
  if (org.status !== "pending") throw new AppError("conflict", `This organisation is already ${org.status}.`);
}

/** Proof by a confirmed sign-in email at the organisation's domain (or a subdomain of it). */
export async function verifyByEmailDomain(db: DbOrTx, actor: { userId: string }, organisationId: string, options: { now?: Date } = {}) {
  return db.transaction(async (tx) => {
    const { org, user } = await loadForActor(tx, actor, organisationId, "member");
    requirePending(org);
    if (!user.emailVerified) throw new AppError("forbidden", "Your email address has not been confirmed by a sign-in link yet.");
    const emailHost = user.email.split("@")[1] ?? "";
    if (isFreeMailDomain(emailHost) || isFreeMailDomain(org.primaryDomain)) {
      throw new AppError("forbidden", "An address at a public email provider cannot prove an organisation. Use a DNS record or ask a moderator.");
    }
    if (!isEmailAtDomain(user.email, org.primaryDomain)) throw new AppError("forbidden", `Your email address is not at ${org.primaryDomain}.`);
    return completeVerification(tx, org, "email_domain", user.id, `sign-in email at ${emailHost}`, options.now ?? new Date());
  });
}

/**
 * Proof by DNS: asks the configured resolvers for the TXT record, records the attempt whatever its
 * outcome, and verifies on a match. The DNS query runs outside the transaction (it can take
 * seconds); authorisation is checked again inside it.
 */
export async function verifyByDns(db: DbOrTx, actor: { userId: string }, organisationId: string) {
  const { org } = await db.transaction((tx) => loadForActor(tx, actor, organisationId, "member"));
  requirePending(org);
  if (!org.dnsToken) throw new AppError("conflict", "This organisation has no DNS token yet.");
  const result = await checkDnsTxt({ domain: org.primaryDomain, token: org.dnsToken, servers: getEnv().dnsServers });
  return db.transaction(async (tx) => {
    const { org: current } = await loadForActor(tx, actor, organisationId, "member");
    const now = new Date();
    if (result.outcome !== "found") {
      await insertDomainProof(tx, { organisationId, method: "dns_txt", outcome: result.outcome, detail: result.message, actorId: actor.userId, createdAt: now });
      return { verified: false as const, outcome: result.outcome, message: result.message };
    }
    requirePending(current);
    const verified = await completeVerification(tx, current, "dns_txt", actor.userId, result.message, now);
    return { verified: true as const, outcome: result.outcome, message: result.message, slug: verified.slug };
  });
}

export { completeVerification };
