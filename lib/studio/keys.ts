import type { DocumentKind } from "./source";

/**
 * A studio document's key: "preamble", a page slug ("about"), or "principle-<slug>". Stable for
 * the document's life, so it names the document in URLs, revisions and the audit trail.
 */
export const PRINCIPLE_KEY_PREFIX = "principle-";

export const principleKey = (slug: string) => `${PRINCIPLE_KEY_PREFIX}${slug}`;

export function kindOfKey(key: string): DocumentKind {
  if (key === "preamble") return "preamble";
  return key.startsWith(PRINCIPLE_KEY_PREFIX) ? "principle" : "page";
}

/** The slug a key fixes: a principle's slug cannot change once it has a key (commitments and links use it). */
export function slugOfKey(key: string): string {
  return key.startsWith(PRINCIPLE_KEY_PREFIX) ? key.slice(PRINCIPLE_KEY_PREFIX.length) : key;
}

/** The name parse errors carry, in place of the file name that content/ documents had. */
export const documentLabel = (key: string) => `studio/${key}`;
