import "server-only";
import type { DbOrTx } from "@/db/client";
import { getLiveClaimsOfUser, getOpenClaimsAtDomain, getRegisteredOrganisationByDomain, insertClaim, lockClaimKey } from "@/db/queries/claims";
import { getSlugsLike, insertMembership, insertOrganisation } from "@/db/queries/organisations";
import { AppError } from "@/lib/errors";
import { type OrganisationInput, organisationInputSchema } from "@/lib/validation/organisation";
import { scheduleClaimExpiry } from "./claims";
import { claimExpiresAt, isClaimLive, MAX_OPEN_CLAIMS_PER_USER } from "./claims-rules";
import { generateDnsToken } from "./dns-check";
import { isFreeMailDomain } from "./free-mail";
import { slugify, uniqueSlug } from "./slug";
import { organisationDashboardPath, profilePath } from "@/lib/paths";

/**
 * Files a claim to a domain: a `pending` organisation with the registering user as its owner and
 * claimant, its own DNS token, and an open claim that expires in 30 days (see ./claims-rules.ts).
 * Other people's open claims to the same domain do not block it (the first proven wins); a domain
 * an organisation has already proven does. At most MAX_OPEN_CLAIMS_PER_USER open claims per user.
 */
export async function registerOrganisation(db: DbOrTx, actor: { userId: string }, input: OrganisationInput, options: { isDemo?: boolean; now?: Date } = {}) {
  const parsed = organisationInputSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
    throw new AppError("invalid", "Please correct the highlighted fields.", fields);
  }
  const values = parsed.data;
  if (isFreeMailDomain(values.primaryDomain)) {
    throw new AppError("invalid", "Please correct the highlighted fields.", {
      primaryDomain: "is a public email provider's domain, which cannot identify an organisation; enter your organisation's own domain",
    });
  }
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    // One decision at a time per domain (proofs take the same lock) and per user (the limit).
    await lockClaimKey(tx, `domain:${values.primaryDomain}`);
    await lockClaimKey(tx, `user:${actor.userId}`);
    const existing = await getRegisteredOrganisationByDomain(tx, values.primaryDomain);
    if (existing) {
      throw new AppError(
        "conflict",
        `${values.primaryDomain} is already registered as ${existing.displayName}. Ask its owners to add you, or join it from your dashboard if your email is at that domain.`,
        {
          primaryDomain: `is already registered (${profilePath(existing.slug)})`,
        },
      );
    }
    const mine = (await getOpenClaimsAtDomain(tx, values.primaryDomain)).find(({ claim }) => claim.claimantId === actor.userId && isClaimLive(claim, now));
    if (mine) {
      throw new AppError("conflict", `You already have an open claim to ${values.primaryDomain}: prove it from its page.`, {
        primaryDomain: `already has your open claim (${organisationDashboardPath(mine.organisation.slug)})`,
      });
    }
    const live = await getLiveClaimsOfUser(tx, actor.userId, now);
    if (live.length >= MAX_OPEN_CLAIMS_PER_USER) {
      throw new AppError(
        "rate_limited",
        `You already have ${live.length} open claims, the most one person may hold. Prove one of them, or wait until one expires, before claiming another domain.`,
        { primaryDomain: `cannot be claimed while you hold ${MAX_OPEN_CLAIMS_PER_USER} open claims` },
      );
    }
    const base = slugify(values.displayName);
    const slug = uniqueSlug(base, await getSlugsLike(tx, base));
    const org = await insertOrganisation(tx, {
      ...values,
      slug,
      dnsToken: generateDnsToken(),
      isDemo: options.isDemo ?? false,
      createdAt: now,
      updatedAt: now,
    });
    await insertMembership(tx, { organisationId: org.id, userId: actor.userId, role: "owner", createdAt: now });
    const claim = await insertClaim(tx, {
      organisationId: org.id,
      domain: org.primaryDomain,
      claimantId: actor.userId,
      status: "open",
      expiresAt: claimExpiresAt(now),
      createdAt: now,
    });
    await scheduleClaimExpiry(tx, claim);
    return org;
  });
}
