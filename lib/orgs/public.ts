import type { Organisation } from "@/db/schema";

/** The public identity an event records: never ids or contact details. */
export function publicOrganisation(org: Pick<Organisation, "slug" | "displayName" | "primaryDomain">) {
  return { slug: org.slug, name: org.displayName, domain: org.primaryDomain };
}
