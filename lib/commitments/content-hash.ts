import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/ledger/canonical-json";

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
  return createHash("sha256").update(canonicalJson({ principle, title, description, status, targetDate, evidenceLinks }), "utf8").digest("hex");
}
