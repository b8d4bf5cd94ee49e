import Link from "next/link";
import type { Organisation } from "@/db/schema";
import { dashboardPath, newOrganisationPath, organisationDashboardPath } from "@/lib/paths";
import { linkClass } from "@/components/styles";

type Membership = { role: "owner" | "member"; organisation: Organisation };

function OrganisationLink({ organisation }: { organisation: Organisation }) {
  return (
    <Link href={organisationDashboardPath(organisation.slug)} className={linkClass}>
      {organisation.displayName}
    </Link>
  );
}

/** Why this person cannot sign for anyone yet, organisation by organisation, and what to do about it. */
export function SignEmptyState({ memberships }: { memberships: Membership[] }) {
  const owned = memberships.filter((m) => m.role === "owner").map((m) => m.organisation);
  const pending = owned.filter((o) => o.status === "pending");
  const blocked = owned.filter((o) => o.status === "suspended" || o.status === "delisted");
  const rejected = owned.filter((o) => o.status === "rejected");
  const memberOnly = memberships.filter((m) => m.role === "member" && m.organisation.status === "verified").map((m) => m.organisation);
  return (
    <div className="mt-8 space-y-6">
      <p className="text-lg">
        Only an owner of a <strong>verified</strong> organisation can sign, and you do not own one yet.
      </p>
      {pending.length > 0 ? (
        <section aria-labelledby="pending-heading" className="rounded-md border border-amber-600 bg-amber-50 p-5 dark:border-amber-400 dark:bg-amber-950/40">
          <h2 id="pending-heading" className="font-serif text-xl font-semibold">
            Waiting for proof of the domain
          </h2>
          <p className="mt-2">
            You own {pending.length === 1 ? "an organisation" : "organisations"} still pending verification. Prove control of the domain, then come back here to
            sign:
          </p>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {pending.map((o) => (
              <li key={o.id}>
                <OrganisationLink organisation={o} /> ({o.primaryDomain})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {blocked.length > 0 ? (
        <section aria-labelledby="blocked-heading" className="rounded-md border border-ink-300 p-5 dark:border-ink-700">
          <h2 id="blocked-heading" className="font-serif text-xl font-semibold">
            Cannot sign while suspended or delisted
          </h2>
          <ul className="mt-2 space-y-2">
            {blocked.map((o) => (
              <li key={o.id}>
                <OrganisationLink organisation={o} /> is {o.status}
                {o.statusReason ? <>: “{o.statusReason}”</> : "."}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {rejected.length > 0 ? (
        <p>
          {rejected.map((o, i) => (
            <span key={o.id}>
              {i > 0 ? ", " : ""}
              <OrganisationLink organisation={o} />
            </span>
          ))}{" "}
          {rejected.length === 1 ? "was" : "were"} not accepted, so {rejected.length === 1 ? "it cannot" : "they cannot"} sign.
        </p>
      ) : null}
      {memberOnly.length > 0 ? (
        <p>
          You are a member, not an owner, of{" "}
          {memberOnly.map((o, i) => (
            <span key={o.id}>
              {i > 0 ? ", " : ""}
              <OrganisationLink organisation={o} />
            </span>
          ))}
          . Only owners sign for an organisation: ask one of its owners (listed on its dashboard page) to sign, or to make you an owner.
        </p>
      ) : null}
      <section aria-labelledby="how-heading" className="rounded-md border border-dashed border-ink-300 p-5 dark:border-ink-700">
        <h2 id="how-heading" className="font-serif text-xl font-semibold">
          How to get here
        </h2>
        <ol className="mt-3 list-decimal space-y-2 pl-6">
          <li>
            <Link href={newOrganisationPath} className={linkClass}>
              Register your organisation
            </Link>{" "}
            by its primary domain.
          </li>
          <li>Prove that you control that domain: with your work email at the domain, a DNS TXT record, or a moderator&apos;s review.</li>
          <li>Come back to this page: it shows the exact text you sign and asks you to affirm each principle.</li>
        </ol>
        <p className="mt-4">
          <Link href={dashboardPath} className="inline-block rounded-md bg-accord-700 px-4 py-2 font-semibold text-white hover:bg-accord-800">
            Go to your dashboard
          </Link>
        </p>
      </section>
    </div>
  );
}
