import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getMembership, getOrganisationBySlug } from "@/db/queries/organisations";
import { getActiveSignatures } from "@/db/queries/signatures";
import { requireUser } from "@/lib/auth/session";
import { can, refusalMessage } from "@/lib/permissions";
import { instrumentLabels, transparencyInstruments } from "@/lib/transparency/figures";
import { countryOptions } from "@/lib/validation/options";
import { organisationSlugSchema } from "@/lib/validation/organisation";

/**
 * What both transparency pages of the dashboard need: the signed-in member's organisation (404 to
 * anyone else), and why the data layer would refuse them, so the page says so instead of offering
 * a form that can only fail.
 */
export async function loadTransparencyDashboard(slug: string, returnTo: string) {
  if (!organisationSlugSchema.safeParse(slug).success) notFound();
  const user = await requireUser(returnTo);
  const db = await getDb();
  const org = await getOrganisationBySlug(db, slug);
  if (!org) notFound();
  const membership = await getMembership(db, org.id, user.id);
  if (!membership) notFound();
  const signatures = await getActiveSignatures(db, org.id);
  const refusal = !can("publishTransparency", { organisationRole: membership.role, siteRole: user.siteRole })
    ? refusalMessage("publishTransparency", "role", org.displayName)
    : org.status !== "verified"
      ? `${org.displayName} is ${org.status}, so it cannot publish figures.`
      : signatures.length === 0
        ? `${org.displayName} has not signed the accord (or withdrew), so it does not publish transparency reports here.`
        : null;
  return { db, user, org, refusal };
}

export const instrumentOptions = () => transparencyInstruments.map((i) => ({ value: i, label: instrumentLabels[i] }));
export { countryOptions };
