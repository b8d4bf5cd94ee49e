/** A URL slug from a display name: ASCII, lower case, hyphens; accents folded rather than dropped. */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 56)
    .replace(/-+$/g, "");
  return slug.length >= 2 ? slug : `org-${slug || "x"}`;
}

/**
 * Slugs no organisation may have: static routes under /signatories/ win over a profile of the
 * same name, so such a profile could never be reached.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(["stats", "all"]);

/** The first of base, base-2, base-3 … not in `taken` and not reserved. */
export function uniqueSlug(base: string, taken: Iterable<string>): string {
  const used = new Set([...RESERVED_SLUGS, ...taken]);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
