import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

/**
 * SHA-256 (lower-case hex) of a value's canonical JSON: the content hash a ledger event commits
 * to for an accord snapshot, a commitment or a progress report. One function, so anyone
 * recomputing a hash from the published content follows one rule.
 */
export function canonicalHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value), "utf8").digest("hex");
}
