import { z } from "zod";
import { canonicalHash } from "@/lib/ledger/canonical-hash";
import type { PreambleFrontmatter, PrincipleFrontmatter } from "@/lib/validation/content";

// The accord's text as stored and hashed, apart from where the text comes from (content.ts reads
// the database), so that db/ can parse stored versions without importing anything that imports db/.

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
export function accordSnapshotOf(
  preamble: { frontmatter: PreambleFrontmatter; body: string },
  principles: { frontmatter: PrincipleFrontmatter; body: string }[],
): AccordSnapshot {
  return {
    preamble: { ...preamble.frontmatter, body: preamble.body.trim() },
    principles: principles.map((p) => ({ ...p.frontmatter, body: p.body.trim() })),
  };
}

/** SHA-256 (hex) over the canonical JSON of a snapshot: anyone can recompute it from the published text. */
export function hashAccordSnapshot(snapshot: AccordSnapshot): string {
  return canonicalHash(snapshot);
}
