import "server-only";
import type { DbOrTx } from "@/db/client";
import { getMembership, getOrganisationById, markOrganisationVerified } from "@/db/queries/organisations";
import { getUserById } from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { appendEvent } from "@/lib/ledger/log";
import { isFreeMailDomain } from "./free-mail";
import { publicOrganisation } from "./public";

/** Proof by a verified sign-in email at the organisation's domain (or a subdomain of it); logged. */
export async function verifyByEmailDomain(db: DbOrTx, actor: { userId: string }, organisationId: string, options: { now?: Date } = {}) {
  return db.transaction(async (tx) => {
    const [org, user, membership] = await Promise.all([
      getOrganisationById(tx, organisationId),
      getUserById(tx, actor.userId),
      getMembership(tx, organisationId, actor.userId),
    ]);
    if (!org) throw new AppError("not_found", "No such organisation.");
    if (!user || !membership) throw new AppError("forbidden", "Only members of this organisation can verify it.");
    if (org.status !== "pending") throw new AppError("conflict", `This organisation is already ${org.status}.`);
    if (!user.emailVerified) throw new AppError("forbidden", "Your email address has not been confirmed yet.");
    const emailDomain = user.email.split("@")[1] ?? "";
    if (isFreeMailDomain(emailDomain) || isFreeMailDomain(org.primaryDomain)) {
      throw new AppError("forbidden", "A public email provider's address cannot prove an organisation. Use a DNS record or ask a moderator.");
    }
    if (emailDomain !== org.primaryDomain && !emailDomain.endsWith(`.${org.primaryDomain}`)) {
      throw new AppError("forbidden", `Your email address is not at ${org.primaryDomain}.`);
    }
    const now = options.now ?? new Date();
    const verified = await markOrganisationVerified(tx, org.id, "email_domain", now);
    await appendEvent(tx, { kind: "organisation.verified", at: now.toISOString(), organisation: publicOrganisation(verified), method: "email_domain" });
    return verified;
  });
}
