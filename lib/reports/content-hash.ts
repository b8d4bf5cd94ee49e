import { canonicalHash } from "@/lib/ledger/canonical-hash";

/** SHA-256 (hex) of a report's public content as canonical JSON, items in commitment-id order. */
export function reportContentHash(report: { year: number; narrative: string; items: { commitmentId: string; status: string; note: string }[] }): string {
  const items = [...report.items]
    .sort((a, b) => a.commitmentId.localeCompare(b.commitmentId))
    .map(({ commitmentId, status, note }) => ({ commitmentId, status, note }));
  return canonicalHash({ year: report.year, narrative: report.narrative, items });
}
