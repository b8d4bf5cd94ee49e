import { cachedPublicConcerns } from "@/db/queries/concerns";
import { getDirectoryEntry } from "@/db/queries/directory";
import { getPublicProfile } from "@/db/queries/profiles";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { handleRoute } from "@/lib/http";
import { conditionalJson, preflightResponse } from "@/lib/open-data/http";
import { assertNoQuery } from "@/lib/open-data/query";
import { toApiSignatoryDetail } from "@/lib/open-data/signatories";
import { organisationSlugSchema } from "@/lib/validation/organisation";

/**
 * One listed signatory with its commitments, reports, ledger entries, and links to its transparency
 * figures and the public concerns about it. Only listed
 * organisations are served (as in the list and the CSV): delisted, pending or never-signed ones are 404.
 */
export function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return handleRoute(async () => {
    const { slug } = await params;
    if (!organisationSlugSchema.safeParse(slug).success) {
      throw new AppError("invalid", "Invalid slug: a slug is 2 to 64 lower-case letters, digits and single hyphens, such as acme-cloud.", {
        slug: "must be 2 to 64 lower-case letters, digits and single hyphens",
      });
    }
    assertNoQuery(new URL(request.url).searchParams);
    const [entry, profile, concerns] = await Promise.all([
      getDirectoryEntry(slug),
      getPublicProfile(slug),
      cachedPublicConcerns({ organisationSlug: slug, limit: 1, offset: 0 }),
    ]);
    if (!entry || !profile) throw new AppError("not_found", `No listed signatory has the slug "${slug}".`);
    return conditionalJson(request, { data: toApiSignatoryDetail(entry, profile, concerns.total, getEnv().siteUrl) });
  });
}

export function OPTIONS() {
  return preflightResponse();
}
