export type PrincipleRef = { slug: string; number: number; title: string };
export type PrincipleGroup<T> = { principle: { slug: string; number: number | null; title: string }; commitments: T[] };

/**
 * Commitments under the accord's principles, in the accord's order, empty principles left out; a
 * commitment made under a principle a later version dropped keeps its own group after them
 * (number null, titled by its slug) rather than disappearing. The profile, the API and the
 * dashboard all group this way.
 */
export function groupByPrinciple<T extends { principleSlug: string }>(items: readonly T[], principles: readonly PrincipleRef[]): PrincipleGroup<T>[] {
  const groups = new Map<string, PrincipleGroup<T>>();
  for (const p of principles) groups.set(p.slug, { principle: { slug: p.slug, number: p.number, title: p.title }, commitments: [] });
  for (const item of items) {
    let group = groups.get(item.principleSlug);
    if (!group) {
      group = { principle: { slug: item.principleSlug, number: null, title: item.principleSlug }, commitments: [] };
      groups.set(item.principleSlug, group);
    }
    group.commitments.push(item);
  }
  return [...groups.values()].filter((g) => g.commitments.length > 0);
}
