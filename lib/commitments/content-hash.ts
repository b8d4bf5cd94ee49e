import { canonicalHash } from "@/lib/ledger/canonical-hash";

export type CommitmentContent = {
  principle: string;
  title: string;
  description: string;
  status: string;
  targetDate: string | null;
  evidenceLinks: string[];
};

/** SHA-256 (hex) of a commitment's public content as canonical JSON: what the ledger entry commits to. */
export function commitmentContentHash(content: CommitmentContent): string {
  const { principle, title, description, status, targetDate, evidenceLinks } = content;
  return canonicalHash({ principle, title, description, status, targetDate, evidenceLinks });
}
