// Synthetic ledger events for benchmarks and tests that need a large, realistic log
// (scripts/bench-ledger.ts, tests/integration/ledger-bulk-load.test.ts).
import { createHash } from "node:crypto";
import type { LedgerEvent } from "../../lib/ledger/events";

const FIRST_AT = Date.UTC(2026, 0, 1);

const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * A plausible event for position `n` of a synthetic log: the accord's publication first, then
 * organisations verifying, signing, registering commitments and reporting progress, one second
 * apart. Deterministic, so two logs built from the same positions are byte-identical.
 */
export function sampleEvent(n: number): LedgerEvent {
  const at = new Date(FIRST_AT + n * 1000).toISOString();
  if (n === 0) return { kind: "accord.published", at, version: 1, contentHash: sha256Hex("accord v1"), changelog: "First version." };
  const org = Math.floor((n - 1) / 4);
  const organisation = { slug: `sample-${org}`, name: `Sample Organisation ${org}`, domain: `sample-${org}.example` };
  switch ((n - 1) % 4) {
    case 0:
      return { kind: "organisation.verified", at, organisation, method: "email_domain" };
    case 1:
      return {
        kind: "accord.signed",
        at,
        organisation,
        version: 1,
        contentHash: sha256Hex("accord v1"),
        signer: { name: `Signer ${org}`, title: "Chief Executive Officer" },
      };
    case 2:
      return {
        kind: "commitment.registered",
        at,
        organisation,
        commitmentId: `00000000-0000-4000-8000-${org.toString(16).padStart(12, "0")}`,
        principle: "no-attacks-on-civilians",
        contentHash: sha256Hex(`commitment ${org}`),
      };
    default:
      return { kind: "progress.reported", at, organisation, year: 2026, contentHash: sha256Hex(`report ${org}`) };
  }
}

export function* sampleEvents(count: number): Generator<LedgerEvent> {
  for (let n = 0; n < count; n++) yield sampleEvent(n);
}
