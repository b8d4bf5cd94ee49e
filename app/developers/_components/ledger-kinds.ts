import type { LedgerEventKind } from "@/lib/ledger/events";

/**
 * Every kind of ledger entry, for the table on /developers: what it records and its fields beyond
 * `kind` and `at` (and `organisation` {slug, name, domain}, which every kind but accord.published
 * carries). Typed by LedgerEventKind, so a new kind does not compile until it is documented here:
 * whoever adds a kind to lib/ledger/events.ts adds its row.
 */
export const ledgerKindDocs: Record<LedgerEventKind, { meaning: string; fields: string }> = {
  "organisation.verified": { meaning: "An organisation proved it controls its domain.", fields: "method (email_domain, dns_txt or moderator)" },
  "organisation.suspended": { meaning: "A moderator suspended an organisation.", fields: "reason (public)" },
  "organisation.delisted": { meaning: "A moderator delisted an organisation.", fields: "reason (public)" },
  "organisation.reinstated": { meaning: "A moderator reinstated an organisation.", fields: "reason (public)" },
  "accord.published": {
    meaning: "A new version of the accord's text was published.",
    fields: "version, contentHash (SHA-256 of the text), changelog; no organisation",
  },
  "accord.signed": { meaning: "An organisation signed a version of the accord.", fields: "version, contentHash of that version, signer {name, title}" },
  "signature.withdrawn": { meaning: "An organisation withdrew its signature.", fields: "version, reason (public)" },
  "commitment.registered": {
    meaning: "A signatory registered a commitment under a principle.",
    fields: "commitmentId, principle, contentHash of the commitment",
  },
  "commitment.updated": { meaning: "A signatory revised a commitment.", fields: "commitmentId, principle, contentHash of the new revision" },
  "progress.reported": { meaning: "A signatory published its yearly progress report.", fields: "year, contentHash of the report" },
  "progress.corrected": {
    meaning: "A signatory corrected a published progress report.",
    fields: "year, revision, reason (public), contentHash of the revision",
  },
  "transparency.published": {
    meaning: "A signatory published its transparency report on government requests for a half-year.",
    fields: "period (such as 2026-H1), revision (1), contentHash of the figures",
  },
  "transparency.corrected": {
    meaning: "A signatory corrected a transparency report with a new revision.",
    fields: "period, revision, reason (public), contentHash of the revision",
  },
  "concern.admitted": {
    meaning: "A moderator admitted a public concern that the organisation acted against a principle (the submitter is never named).",
    fields: "concernId, principle, contentHash of the moderator-approved text and evidence links",
  },
  "concern.responded": { meaning: "The organisation published its one response to a public concern.", fields: "concernId, contentHash of the response" },
  "concern.resolved": {
    meaning: "A public concern was decided, or withdrawn by the person who raised it.",
    fields: "concernId, outcome (upheld, not_upheld or withdrawn), reason (public)",
  },
};
