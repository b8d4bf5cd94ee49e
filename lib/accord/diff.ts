// Word-level differences between two accord versions, as data: the pages render it, and the
// tests check that every segment list rebuilds both texts exactly, so a reader never sees a
// diff that silently drops or invents words.
import { diffWordsWithSpace } from "diff";
import type { AccordSnapshot } from "./snapshot";

export type DiffOp = "equal" | "insert" | "delete";
export type DiffSegment = { op: DiffOp; text: string };

/**
 * What became of one section. `changed` wins over `moved` and `renumbered` (the flags still say
 * so); `moved` means its order among the principles both versions share changed, `renumbered`
 * that only its number did, because a principle before it was added or removed.
 */
export type SectionStatus = "added" | "removed" | "changed" | "moved" | "renumbered" | "unchanged";

export type SectionSide = { number: number | null; title: string };

export type SectionDiff = {
  /** Unique within the diff and safe as an HTML id. */
  id: string;
  kind: "preamble" | "principle";
  slug: string | null;
  status: SectionStatus;
  before: SectionSide | null;
  after: SectionSide | null;
  moved: boolean;
  renumbered: boolean;
  title: DiffSegment[];
  summary: DiffSegment[];
  body: DiffSegment[];
};

export type AccordDiffSummary = {
  preambleChanged: boolean;
  changed: number;
  added: number;
  removed: number;
  moved: number;
  renumbered: number;
  unchanged: number;
};

export type AccordDiff = { sections: SectionDiff[]; summary: AccordDiffSummary };

/**
 * Beyond this many edits the two texts have little in common, and Myers' algorithm would spend
 * quadratic time proving it: the whole old text is shown removed and the new one added instead.
 */
const MAX_EDIT_LENGTH = 4000;

const isWhitespace = (text: string) => /^\s*$/.test(text);

/**
 * Word diff of two strings. Whitespace counts as tokens, so the segments rebuild both strings
 * byte for byte; a run of changes separated only by spaces is shown as one deletion and one
 * insertion, which reads as "this phrase became that one" rather than alternating words.
 */
export function diffText(before: string, after: string, options: { maxEditLength?: number } = {}): DiffSegment[] {
  if (before === after) return before === "" ? [] : [{ op: "equal", text: before }];
  const changes = diffWordsWithSpace(before, after, { maxEditLength: options.maxEditLength ?? MAX_EDIT_LENGTH });
  if (!changes)
    return compact([
      { op: "delete", text: before },
      { op: "insert", text: after },
    ]);

  const out: DiffSegment[] = [];
  let removed = "";
  let inserted = "";
  const flush = () => {
    out.push({ op: "delete", text: removed }, { op: "insert", text: inserted });
    removed = inserted = "";
  };
  changes.forEach((change, i) => {
    if (change.added) inserted += change.value;
    else if (change.removed) removed += change.value;
    else if ((removed || inserted) && isWhitespace(change.value) && changes[i + 1] && (changes[i + 1]!.added || changes[i + 1]!.removed)) {
      // Belongs to both sides: absorbing it keeps each side's text intact.
      removed += change.value;
      inserted += change.value;
    } else {
      flush();
      out.push({ op: "equal", text: change.value });
    }
  });
  flush();
  return compact(out);
}

/** Drops empty segments and merges neighbours of the same kind. */
function compact(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (const segment of segments) {
    if (segment.text === "") continue;
    const last = out[out.length - 1];
    if (last && last.op === segment.op) last.text += segment.text;
    else out.push({ ...segment });
  }
  return out;
}

/** The text on one side of a diff: the old one without insertions, or the new one without deletions. */
export function sideOf(segments: DiffSegment[], side: "before" | "after"): string {
  const skip: DiffOp = side === "before" ? "insert" : "delete";
  return segments
    .filter((s) => s.op !== skip)
    .map((s) => s.text)
    .join("");
}

export const hasChanges = (segments: DiffSegment[]) => segments.some((s) => s.op !== "equal");

type Principle = AccordSnapshot["principles"][number];
type Fields = { title: string; summary: string; body: string };

function fieldDiffs(before: Fields | null, after: Fields | null) {
  return {
    title: diffText(before?.title ?? "", after?.title ?? ""),
    summary: diffText(before?.summary ?? "", after?.summary ?? ""),
    body: diffText(before?.body ?? "", after?.body ?? ""),
  };
}

/** Indexes (into `values`) of one longest strictly increasing subsequence, O(n log n). */
function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) kept.add(i);
  return kept;
}

/** Slugs should be unique, but a repeated one must still pair up in order rather than vanish. */
function occurrenceKeys(principles: Principle[]): string[] {
  const seen = new Map<string, number>();
  return principles.map((p) => {
    const n = (seen.get(p.slug) ?? 0) + 1;
    seen.set(p.slug, n);
    return n === 1 ? p.slug : `${p.slug}#${n}`;
  });
}

const htmlId = (key: string) => `principle-${key.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/**
 * The difference between two versions, section by section: the preamble, then the principles in
 * the new order (matched by slug), each removed one placed where it stood in the old order.
 */
export function diffAccordSnapshots(before: AccordSnapshot, after: AccordSnapshot): AccordDiff {
  const preambleFields = fieldDiffs(before.preamble, after.preamble);
  const preambleChanged = Object.values(preambleFields).some(hasChanges);
  const preamble: SectionDiff = {
    id: "preamble",
    kind: "preamble",
    slug: null,
    status: preambleChanged ? "changed" : "unchanged",
    before: { number: null, title: before.preamble.title },
    after: { number: null, title: after.preamble.title },
    moved: false,
    renumbered: false,
    ...preambleFields,
  };

  const oldKeys = occurrenceKeys(before.principles);
  const newKeys = occurrenceKeys(after.principles);
  const oldIndex = new Map(oldKeys.map((key, i) => [key, i]));
  const inNew = new Set(newKeys);
  const matched = newKeys.map((key) => oldIndex.get(key));
  const shared = matched.filter((i): i is number => i !== undefined);
  const inOrder = longestIncreasing(shared);
  const movedOld = new Set(shared.filter((_, i) => !inOrder.has(i)));

  const sections: SectionDiff[] = [preamble];
  const emitted = new Set<number>();
  const principleSection = (key: string, old: Principle | null, now: Principle | null, oldAt: number | null): SectionDiff => {
    const fields = fieldDiffs(old, now);
    const textChanged = Object.values(fields).some(hasChanges);
    const moved = oldAt !== null && now !== null && movedOld.has(oldAt);
    const renumbered = old !== null && now !== null && old.number !== now.number;
    const status: SectionStatus = !old ? "added" : !now ? "removed" : textChanged ? "changed" : moved ? "moved" : renumbered ? "renumbered" : "unchanged";
    return {
      id: htmlId(key),
      kind: "principle",
      slug: (now ?? old)!.slug,
      status,
      before: old && { number: old.number, title: old.title },
      after: now && { number: now.number, title: now.title },
      moved,
      renumbered,
      ...fields,
    };
  };
  const emitRemovedBefore = (limit: number) => {
    for (let i = 0; i < limit; i++) {
      if (emitted.has(i) || inNew.has(oldKeys[i]!)) continue;
      emitted.add(i);
      sections.push(principleSection(oldKeys[i]!, before.principles[i]!, null, i));
    }
  };
  after.principles.forEach((principle, i) => {
    const oldAt = matched[i];
    if (oldAt !== undefined && !movedOld.has(oldAt)) emitRemovedBefore(oldAt);
    if (oldAt !== undefined) emitted.add(oldAt);
    sections.push(principleSection(newKeys[i]!, oldAt === undefined ? null : before.principles[oldAt]!, principle, oldAt ?? null));
  });
  emitRemovedBefore(before.principles.length);

  const count = (status: SectionStatus) => sections.filter((s) => s.kind === "principle" && s.status === status).length;
  return {
    sections,
    summary: {
      preambleChanged,
      changed: count("changed"),
      added: count("added"),
      removed: count("removed"),
      moved: count("moved"),
      renumbered: count("renumbered"),
      unchanged: count("unchanged"),
    },
  };
}

/** One sentence for the top of a diff page, such as "The preamble changed; 3 principles changed, 1 added." */
export function describeDiffSummary(summary: AccordDiffSummary): string {
  const parts = (
    [
      [summary.changed, "changed"],
      [summary.added, "added"],
      [summary.removed, "removed"],
      [summary.moved, "moved"],
      [summary.renumbered, "renumbered"],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, verb], i) => (i === 0 ? `${n} ${n === 1 ? "principle" : "principles"} ${verb}` : `${n} ${verb}`));
  const principles = parts.join(", ");
  if (summary.preambleChanged) return principles ? `The preamble changed; ${principles}.` : "The preamble changed; the principles did not.";
  return principles ? `${principles.charAt(0).toUpperCase()}${principles.slice(1)}.` : "The text did not change.";
}
