import { describe, expect, it } from "vitest";
import { organisationJsonLd, scriptSafeJson } from "@/app/signatories/[slug]/_components/organisation-json-ld";
import type { PublicProfile, PublicSignature } from "@/db/queries/profiles";

const siteUrl = "https://registry.example";
const signature: PublicSignature = {
  version: 1,
  contentHash: "b".repeat(64),
  signerName: "Ada Example",
  signerTitle: "Chief Executive",
  signedAt: "2026-01-05T10:00:00.000Z",
  ledgerIndex: 4,
  withdrawal: null,
};

function profile(
  overrides: Partial<PublicProfile["organisation"]> = {},
  signatures: Partial<Pick<PublicProfile, "activeSignatures" | "withdrawnSignatures">> = {},
): PublicProfile {
  return {
    organisation: {
      slug: "acme",
      name: "Acme",
      legalName: "Acme GmbH",
      domain: "acme.example",
      website: "https://www.acme.example/",
      description: "We build firewalls.",
      country: "DE",
      countryName: "Germany",
      sector: "cybersecurity",
      sectorLabel: "Cybersecurity",
      status: "verified",
      statusReason: null,
      verificationMethod: "dns_txt",
      verifiedAt: "2026-01-04T10:00:00.000Z",
      ...overrides,
    },
    latestVersion: 1,
    activeSignatures: [signature],
    withdrawnSignatures: [],
    commitmentsByPrinciple: [],
    commitmentCount: 0,
    reports: [],
    timeline: [],
    timelineTruncated: false,
    reportDue: null,
    ...signatures,
  };
}

describe("profile JSON-LD", () => {
  it("describes the organisation as a schema.org Organization with its signature", () => {
    expect(organisationJsonLd(profile(), siteUrl)).toEqual({
      "@context": "https://schema.org",
      "@type": "Organization",
      "@id": `${siteUrl}/signatories/acme#organisation`,
      name: "Acme",
      legalName: "Acme GmbH",
      url: `${siteUrl}/signatories/acme`,
      sameAs: ["https://www.acme.example/"],
      address: { "@type": "PostalAddress", addressCountry: "DE" },
      description: "We build firewalls. Signed version 1 of the Tech Accord on 5 Jan 2026.",
      subjectOf: [
        {
          "@type": "CreativeWork",
          name: "Signature of version 1 of the Tech Accord",
          url: `${siteUrl}/ledger/entries/4`,
          dateCreated: signature.signedAt,
          creator: { "@type": "Person", name: "Ada Example", jobTitle: "Chief Executive" },
          isBasedOn: `${siteUrl}/accord`,
          identifier: { "@type": "PropertyValue", propertyID: "SHA-256 of the signed text", value: signature.contentHash },
        },
      ],
    });
  });

  it("falls back to the proven domain without a website, and says when a signature was withdrawn", () => {
    const withdrawn = { ...signature, withdrawal: { at: "2026-03-01T00:00:00.000Z", reason: "Acquired.", ledgerIndex: 9 } };
    const ld = organisationJsonLd(profile({ website: null, description: "" }, { activeSignatures: [], withdrawnSignatures: [withdrawn] }), siteUrl);
    expect(ld.sameAs).toEqual(["https://acme.example/"]);
    expect(ld.description).toBe("Withdrew its signature of the Tech Accord on 1 Mar 2026.");
    expect(ld.subjectOf).toEqual([expect.objectContaining({ expires: "2026-03-01T00:00:00.000Z" })]);
  });

  it("says a suspension and its reason", () => {
    const ld = organisationJsonLd(profile({ status: "suspended", statusReason: "Sold intrusion software." }), siteUrl);
    expect(ld.description).toBe("We build firewalls. Suspended from the Tech Accord registry by a moderator: Sold intrusion software.");
  });

  it("cannot close its <script> element early, and parses back to the same data", () => {
    const ld = organisationJsonLd(profile({ name: "</script><script>alert(1)</script>", description: "a <!-- b & c > d \u2028" }), siteUrl);
    const json = scriptSafeJson(ld);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(ld);
  });
});
