import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "@/lib/ledger/canonical-json";
import { getShippedPreamble, getShippedPrinciples, type Preamble, type Principle } from "./content";

/** The stored text of a version, parsed (never cast) when read back from the database. */
export const accordSnapshotSchema = z.object({
  preamble: z.object({ title: z.string(), summary: z.string(), body: z.string() }),
  principles: z.array(z.object({ number: z.number().int(), slug: z.string(), title: z.string(), summary: z.string(), body: z.string() })),
});

export type AccordSnapshot = z.infer<typeof accordSnapshotSchema>;

export function parseAccordSnapshot(content: unknown): AccordSnapshot {
  return accordSnapshotSchema.parse(content);
}

/** The exact text a signature binds to: the preamble and every principle, in order. */
export function accordSnapshotOf(preamble: Pick<Preamble, "frontmatter" | "body">, principles: Pick<Principle, "frontmatter" | "body">[]): AccordSnapshot {
  return {
    preamble: { ...preamble.frontmatter, body: preamble.body.trim() },
    principles: principles.map((p) => ({ ...p.frontmatter, body: p.body.trim() })),
  };
}

/** The snapshot of the text shipped in content/ (version 1 on a first start). */
export async function getShippedAccordSnapshot(): Promise<AccordSnapshot> {
  const [preamble, principles] = await Promise.all([getShippedPreamble(), getShippedPrinciples()]);
  return accordSnapshotOf(preamble, principles);
}

/** SHA-256 (hex) over the canonical JSON of a snapshot: anyone can recompute it from the published text. */
export function hashAccordSnapshot(snapshot: AccordSnapshot): string {
  return createHash("sha256").update(canonicalJson(snapshot), "utf8").digest("hex");
}
