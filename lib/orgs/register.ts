import "server-only";
import type { DbOrTx } from "@/db/client";
import { getOrganisationByDomain, getSlugsLike, insertMembership, insertOrganisation } from "@/db/queries/organisations";
import { AppError } from "@/lib/errors";
import { type OrganisationInput, organisationInputSchema } from "@/lib/validation/organisation";
import { generateDnsToken } from "./dns-check";
import { isFreeMailDomain } from "./free-mail";
import { slugify, uniqueSlug } from "./slug";

/** Registers an organisation as `pending`, with the registering user as its owner. */
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
  return db.transaction(async (tx) => {
    const existing = await getOrganisationByDomain(tx, values.primaryDomain);
    if (existing) {
      throw new AppError("conflict", `${values.primaryDomain} is already registered as ${existing.displayName}. Ask its owners to add you, or join it from your dashboard if your email is at that domain.`, {
        primaryDomain: `is already registered (/signatories/${existing.slug})`,
      });
    }
    const base = slugify(values.displayName);
    const slug = uniqueSlug(base, await getSlugsLike(tx, base));
    const now = options.now ?? new Date();
    const org = await insertOrganisation(tx, { ...values, slug, dnsToken: generateDnsToken(), isDemo: options.isDemo ?? false, createdAt: now, updatedAt: now });
    await insertMembership(tx, { organisationId: org.id, userId: actor.userId, role: "owner", createdAt: now });
    return org;
  });
}
