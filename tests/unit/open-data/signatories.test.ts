import { describe, expect, it } from "vitest";
import type { PublicProfile } from "@/db/queries/profiles";
import { exampleEntry } from "@/lib/open-data/examples";
import { toApiSignatory, toApiSignatoryDetail } from "@/lib/open-data/signatories";

const site = "https://registry.example.org";

const profile: PublicProfile = {
  organisation: {
    slug: exampleEntry.slug,
    name: exampleEntry.name,
    legalName: exampleEntry.legalName,
    domain: exampleEntry.domain,
    website: exampleEntry.website,
    description: "We host things and never help anyone attack them.",
    country: "KE",
    countryName: "Kenya",
    sector: "cloud-and-hosting",
    sectorLabel: "Cloud and hosting",
    status: "verified",
    statusReason: null,
    verificationMethod: "dns_txt",
    verifiedAt: "2025-03-13T16:05:00.000Z",
  },
  latestVersion: 2,
  activeSignatures: [
    {
      version: 2,
      contentHash: "b".repeat(64),
      signerName: "Ada Example",
      signerTitle: "CEO",
      signedAt: "2026-01-01T00:00:00.000Z",
      ledgerIndex: 90,
      withdrawal: null,
    },
  ],
  withdrawnSignatures: [
    {
      version: 1,
      contentHash: "a".repeat(64),
      signerName: "Ben",
      signerTitle: "CTO",
      signedAt: "2025-03-14T09:30:00.000Z",
      ledgerIndex: 42,
      withdrawal: { at: "2025-12-01T00:00:00.000Z", reason: "Re-signing v2", ledgerIndex: 80 },
    },
  ],
  commitmentsByPrinciple: [
    {
      principle: { slug: "defence-not-offence", number: 1, title: "Defence, not offence" },
      commitments: [
        {
          id: "0b6b3f8e-4f0c-4a55-9a53-2f0f0c6f7a11",
          title: "No offensive tooling",
          description: "We never build offensive tools.",
          status: "achieved",
          targetDate: "2026-06-30",
          evidenceLinks: ["https://example-cloud.example/policy"],
          revision: 2,
          contentHash: "c".repeat(64),
          createdAt: "2025-04-01T00:00:00.000Z",
          updatedAt: "2025-09-01T00:00:00.000Z",
        },
      ],
    },
  ],
  commitmentCount: 1,
  reports: [{ year: 2025, publishedAt: "2026-02-02T11:00:00.000Z", ledgerIndex: 85 }],
  timeline: [
    {
      index: 90,
      event: {
        kind: "accord.signed",
        at: "2026-01-01T00:00:00.000Z",
        organisation: { slug: "example-cloud", name: "Example Cloud", domain: "example-cloud.example" },
        version: 2,
        contentHash: "b".repeat(64),
        signer: { name: "Ada Example", title: "CEO" },
      },
    },
    {
      index: 7,
      event: {
        kind: "organisation.verified",
        at: "2025-03-13T16:05:00.000Z",
        organisation: { slug: "example-cloud", name: "Example Cloud", domain: "example-cloud.example" },
        method: "dns_txt",
      },
    },
  ],
  timelineTruncated: false,
  reportDue: null,
};

describe("toApiSignatory", () => {
  it("copies the public fields and adds absolute profile, API and badge links", () => {
    const api = toApiSignatory(exampleEntry, site);
    expect(api).toMatchObject({
      slug: "example-cloud",
      name: "Example Cloud",
      country: "KE",
      status: "active",
      reportOverdue: false,
      signer: { name: "Ada Example", title: "Chief Executive Officer" },
      verification: { method: "dns_txt", at: "2025-03-13T16:05:00.000Z" },
      url: `${site}/signatories/example-cloud`,
      apiUrl: `${site}/api/v1/signatories/example-cloud`,
      badgeUrl: `${site}/badge/example-cloud.svg`,
    });
  });

  it("publishes exactly the documented fields, so a new internal column never leaks into the contract", () => {
    const withExtra = { ...exampleEntry, internalNote: "never public" } as typeof exampleEntry;
    const api = toApiSignatory(withExtra, site);
    expect(Object.keys(api).sort()).toEqual(
      [
        "slug",
        "name",
        "legalName",
        "domain",
        "website",
        "country",
        "countryName",
        "sector",
        "sectorLabel",
        "status",
        "statusReason",
        "reportOverdue",
        "accordVersion",
        "contentHash",
        "signer",
        "signedAt",
        "signatureLedgerIndex",
        "withdrawnAt",
        "withdrawalReason",
        "verification",
        "commitmentCount",
        "reportCount",
        "lastReportAt",
        "reportDueAt",
        "isDemo",
        "url",
        "apiUrl",
        "badgeUrl",
      ].sort(),
    );
    expect(JSON.stringify(api)).not.toContain("never public");
  });
});

describe("toApiSignatoryDetail", () => {
  it("adds signatures, commitments by principle, reports with links, and ledger entries with page and API links", () => {
    const detail = toApiSignatoryDetail(exampleEntry, profile, 2, site);
    expect(detail.description).toBe("We host things and never help anyone attack them.");
    expect(detail.signatures.map((s) => [s.version, s.withdrawnAt, s.withdrawalLedgerIndex])).toEqual([
      [2, null, null],
      [1, "2025-12-01T00:00:00.000Z", 80],
    ]);
    expect(detail.signatures[1]!.signer).toEqual({ name: "Ben", title: "CTO" });
    expect(detail.commitmentsByPrinciple).toEqual([
      {
        principle: { slug: "defence-not-offence", number: 1, title: "Defence, not offence" },
        commitments: [
          expect.objectContaining({ status: "achieved", revision: 2, contentHash: "c".repeat(64), evidenceLinks: ["https://example-cloud.example/policy"] }),
        ],
      },
    ]);
    expect(detail.reports).toEqual([
      { year: 2025, publishedAt: "2026-02-02T11:00:00.000Z", url: `${site}/signatories/example-cloud/reports/2025`, ledgerIndex: 85 },
    ]);
    expect(detail.ledgerEntries).toEqual([
      { index: 90, kind: "accord.signed", at: "2026-01-01T00:00:00.000Z", url: `${site}/ledger/entries/90`, apiUrl: `${site}/api/v1/ledger/entries/90` },
      { index: 7, kind: "organisation.verified", at: "2025-03-13T16:05:00.000Z", url: `${site}/ledger/entries/7`, apiUrl: `${site}/api/v1/ledger/entries/7` },
    ]);
    expect(detail.ledgerEntriesTruncated).toBe(false);
    expect(detail.transparency).toEqual({
      url: `${site}/signatories/example-cloud/transparency`,
      apiUrl: `${site}/api/v1/transparency?signatory=example-cloud`,
    });
    expect(detail.concerns).toEqual({
      total: 2,
      url: `${site}/signatories/example-cloud#concerns-heading`,
      apiUrl: `${site}/api/v1/concerns?signatory=example-cloud`,
    });
    // The list entry's fields lead, so the list, the detail and the CSV agree.
    expect(detail).toMatchObject(toApiSignatory(exampleEntry, site));
  });

  it("survives JSON: no dates or class instances, only plain values", () => {
    const detail = toApiSignatoryDetail(exampleEntry, profile, 2, site);
    expect(JSON.parse(JSON.stringify(detail))).toEqual(detail);
  });
});
