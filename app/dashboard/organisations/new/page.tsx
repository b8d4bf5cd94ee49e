import { OrganisationForm } from "@/components/forms/organisation-form";
import { requireUser } from "@/lib/auth/session";
import { isFreeMailDomain } from "@/lib/orgs/free-mail";
import { emailDomain } from "@/lib/orgs/domain";
import { countryOptions, sectorOptions } from "@/lib/validation/options";

export const metadata = { title: "Register an organisation", robots: { index: false } };

export default async function NewOrganisationPage() {
  const user = await requireUser("/dashboard/organisations/new");
  const domain = emailDomain(user.email);
  return (
    <div className="mx-auto max-w-2xl px-4 py-12 sm:px-6">
      <h1 className="font-serif text-4xl font-semibold tracking-tight">Register an organisation</h1>
      <p className="mt-3 text-ink-600 dark:text-ink-300">
        You become its first owner. It stays pending, visible only to its members and moderators, until its domain is proven.
      </p>
      <div className="mt-8">
        <OrganisationForm defaultDomain={domain && !isFreeMailDomain(domain) ? domain : ""} countries={countryOptions()} sectors={sectorOptions()} />
      </div>
    </div>
  );
}
