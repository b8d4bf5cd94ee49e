import { OrganisationForm } from "./_components/organisation-form";
import { requireUser } from "@/lib/auth/session";
import { CLAIM_LIFETIME_DAYS, MAX_OPEN_CLAIMS_PER_USER } from "@/lib/orgs/claims-rules";
import { isFreeMailDomain } from "@/lib/orgs/free-mail";
import { emailDomain } from "@/lib/orgs/domain";
import { countryOptions, sectorOptions } from "@/lib/validation/options";
import { newOrganisationPath } from "@/lib/paths";

export const metadata = { title: "Register an organisation", robots: { index: false } };

export default async function NewOrganisationPage() {
  const user = await requireUser(newOrganisationPath);
  const domain = emailDomain(user.email);
  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Register an organisation</h1>
      <p className="mt-3 text-muted">
        Registering files your claim to the domain. It stays pending, visible only to you and moderators, until the domain is proven: by a confirmed address at
        exactly the domain, a DNS record holding your claim&apos;s own token, or a moderator&apos;s approval. Whoever proves it owns the organisation. Others
        may claim the same domain; the first claim proven wins and the rest close. A claim expires after {CLAIM_LIFETIME_DAYS} days without proof, and one
        person may hold {MAX_OPEN_CLAIMS_PER_USER} open claims at a time.
      </p>
      <div className="mt-8">
        <OrganisationForm defaultDomain={domain && !isFreeMailDomain(domain) ? domain : ""} countries={countryOptions()} sectors={sectorOptions()} />
      </div>
    </div>
  );
}
