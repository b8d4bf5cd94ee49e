import "server-only";
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/ledger/canonical-json";
import { getPreamble, getPrinciples } from "./content";

export type AccordSnapshot = {
  preamble: { title: string; summary: string; body: string };
  principles: { number: number; slug: string; title: string; summary: string; body: string }[];
};

/** The exact text a signature binds to: the preamble and every principle, in order. */
export async function getShippedAccordSnapshot(): Promise<AccordSnapshot> {
  const [preamble, principles] = await Promise.all([getPreamble(), getPrinciples()]);
  return {
    preamble: { ...preamble.frontmatter, body: preamble.body.trim() },
    principles: principles.map((p) => ({ ...p.frontmatter, body: p.body.trim() })),
  };
}

/** SHA-256 (hex) over the canonical JSON of a snapshot: anyone can recompute it from the published text. */
export function hashAccordSnapshot(snapshot: AccordSnapshot): string {
  return createHash("sha256").update(canonicalJson(snapshot), "utf8").digest("hex");
}
