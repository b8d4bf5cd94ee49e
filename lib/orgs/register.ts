import "server-only";
import type { DbOrTx } from "@/db/client";
import { getOrganisationByDomain, getSlugsLike, insertMembership, insertOrganisation } from "@/db/queries/organisations";
import { AppError } from "@/lib/errors";
import { type OrganisationInput, organisationInputSchema } from "@/lib/validation/organisation";
import { slugify, uniqueSlug } from "./slug";

/** Registers an organisation as `pending`, with the registering user as its owner. */
export async function registerOrganisation(tx: DbOrTx, actor: { userId: string }, input: OrganisationInput, options: { isDemo?: boolean; now?: Date } = {}) {
  const parsed = organisationInputSchema.safeParse(input);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    throw new AppError("invalid", "Please correct the highlighted fields.", fields);
  }
  const values = parsed.data;
  const existing = await getOrganisationByDomain(tx, values.primaryDomain);
  if (existing) throw new AppError("conflict", `${values.primaryDomain} is already registered as ${existing.displayName}.`, { primaryDomain: "is already registered" });
  const base = slugify(values.displayName);
  const slug = uniqueSlug(base, await getSlugsLike(tx, base));
  const now = options.now ?? new Date();
  const org = await insertOrganisation(tx, { ...values, slug, isDemo: options.isDemo ?? false, createdAt: now, updatedAt: now });
  await insertMembership(tx, { organisationId: org.id, userId: actor.userId, role: "owner", createdAt: now });
  return org;
}
