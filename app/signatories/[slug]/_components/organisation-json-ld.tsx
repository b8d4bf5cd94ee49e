import type { PublicProfile, PublicSignature } from "@/db/queries/profiles";
import { getEnv } from "@/lib/env";
import { formatDate } from "@/lib/format/date";
import { ledgerEntryPath, profilePath } from "@/lib/paths";

function statusSentence({ organisation: org, activeSignatures, withdrawnSignatures }: PublicProfile): string {
  if (org.status === "suspended") return `Suspended from the Tech Accord registry by a moderator: ${org.statusReason ?? ""}`.trim();
  if (org.status === "delisted") return `Delisted from the Tech Accord registry by a moderator: ${org.statusReason ?? ""}`.trim();
  const current = activeSignatures[0];
  if (current) return `Signed version ${current.version} of the Tech Accord on ${formatDate(current.signedAt)}.`;
  const withdrawn = withdrawnSignatures[0]?.withdrawal;
  if (withdrawn) return `Withdrew its signature of the Tech Accord on ${formatDate(withdrawn.at)}.`;
  return "Has proved its identity in the Tech Accord registry and has not signed yet.";
}

/** A signature is a document about the organisation: what it signed, who signed, when, and its public log entry. */
function signatureWork(siteUrl: string, signature: PublicSignature) {
  return {
    "@type": "CreativeWork",
    name: `Signature of version ${signature.version} of the Tech Accord`,
    ...(signature.ledgerIndex !== null ? { url: `${siteUrl}${ledgerEntryPath(signature.ledgerIndex)}` } : {}),
    dateCreated: signature.signedAt,
    ...(signature.withdrawal ? { expires: signature.withdrawal.at } : {}),
    creator: { "@type": "Person", name: signature.signerName, jobTitle: signature.signerTitle },
    isBasedOn: `${siteUrl}/accord`,
    identifier: { "@type": "PropertyValue", propertyID: "SHA-256 of the signed text", value: signature.contentHash },
  };
}

/** schema.org Organization for a public profile: identity, country and its signatures. */
export function organisationJsonLd(profile: PublicProfile, siteUrl: string) {
  const org = profile.organisation;
  const profileUrl = `${siteUrl}${profilePath(org.slug)}`;
  const signatures = [...profile.activeSignatures, ...profile.withdrawnSignatures];
  return {
    "@context": "https://schema.org",
    "@type": "Organization",
    "@id": `${profileUrl}#organisation`,
    name: org.name,
    legalName: org.legalName,
    url: profileUrl,
    sameAs: [org.website ?? `https://${org.domain}/`],
    address: { "@type": "PostalAddress", addressCountry: org.country },
    description: [org.description, statusSentence(profile)].filter(Boolean).join(" "),
    ...(signatures.length > 0 ? { subjectOf: signatures.map((s) => signatureWork(siteUrl, s)) } : {}),
  };
}

/**
 * JSON for an inline <script>: `<`, `>` and `&` as \u escapes (still the same JSON), so a name
 * such as `</script><script>…` can never close the element early and run.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function OrganisationJsonLd({ profile }: { profile: PublicProfile }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptSafeJson(organisationJsonLd(profile, getEnv().siteUrl)) }} />;
}
