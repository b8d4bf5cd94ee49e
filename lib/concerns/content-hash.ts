import { canonicalHash } from "@/lib/ledger/canonical-hash";

/** SHA-256 (hex) of a concern's public text as admitted: anyone can recompute it from the concern's page or the API. */
export function concernContentHash(concern: { principle: string; statement: string; evidenceLinks: string[] }): string {
  return canonicalHash({ principle: concern.principle, statement: concern.statement, evidenceLinks: concern.evidenceLinks });
}

/** SHA-256 (hex) of an organisation's response to a concern. */
export function concernResponseHash(response: { concernId: string; response: string }): string {
  return canonicalHash({ concernId: response.concernId, response: response.response });
}
