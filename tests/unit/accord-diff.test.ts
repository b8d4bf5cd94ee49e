import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AccordDiff, type DiffSegment, type SectionDiff, describeDiffSummary, diffAccordSnapshots, diffText, hasChanges, sideOf } from "@/lib/accord/diff";
import type { AccordSnapshot } from "@/lib/accord/version";

type Principle = AccordSnapshot["principles"][number];

const principle = (number: number, slug: string, body = `The body of ${slug}.`, title = `Title of ${slug}`, summary = `Summary of ${slug}.`): Principle => ({
  number,
  slug,
  title,
  summary,
  body,
});

const snapshot = (
  principles: Principle[],
  preamble = { title: "The Tech Accord", summary: "A public commitment.", body: "## Why\n\nBecause civilians matter." },
): AccordSnapshot => ({
  preamble,
  principles: principles.map((p, i) => ({ ...p, number: i + 1 })),
});

const section = (diff: AccordDiff, slug: string) => diff.sections.find((s) => s.slug === slug)!;
const ops = (segments: DiffSegment[]) => segments.map((s) => [s.op, s.text]);

/** Every section rebuilds both versions' text: nothing is dropped, nothing invented. */
function expectRebuilds(diff: AccordDiff, before: AccordSnapshot, after: AccordSnapshot) {
  for (const [side, snap] of [
    ["before", before],
    ["after", after],
  ] as const) {
    const preamble = diff.sections[0]!;
    expect(preamble.kind).toBe("preamble");
    expect({ title: sideOf(preamble.title, side), summary: sideOf(preamble.summary, side), body: sideOf(preamble.body, side) }).toEqual(snap.preamble);
    const principles = diff.sections
      .filter((s) => s.kind === "principle" && s[side] !== null)
      .map((s) => ({ number: s[side]!.number!, slug: s.slug!, title: sideOf(s.title, side), summary: sideOf(s.summary, side), body: sideOf(s.body, side) }))
      .sort((a, b) => a.number - b.number);
    expect(principles).toEqual(snap.principles);
    for (const s of diff.sections) {
      if (s[side]) expect(s[side]!.title).toBe(sideOf(s.title, side));
    }
  }
}

function expectWellFormed(segments: DiffSegment[]) {
  for (const [i, s] of segments.entries()) {
    expect(s.text).not.toBe("");
    if (i > 0) expect(s.op).not.toBe(segments[i - 1]!.op);
  }
}

describe("diffText", () => {
  it("marks a replaced word as one deletion and one insertion between the unchanged words", () => {
    expect(ops(diffText("We protect every customer.", "We defend every customer."))).toEqual([
      ["equal", "We "],
      ["delete", "protect"],
      ["insert", "defend"],
      ["equal", " every customer."],
    ]);
  });

  it("shows a rewritten phrase as one change, not alternating words separated by spaces", () => {
    expect(ops(diffText("the quick brown fox", "the slow red fox"))).toEqual([
      ["equal", "the "],
      ["delete", "quick brown"],
      ["insert", "slow red"],
      ["equal", " fox"],
    ]);
  });

  it("keeps whitespace changes, such as a removed blank line, as changes", () => {
    const segments = diffText("One.\n\nTwo.", "One.\nTwo.");
    expect(hasChanges(segments)).toBe(true);
    expect(sideOf(segments, "before")).toBe("One.\n\nTwo.");
    expect(sideOf(segments, "after")).toBe("One.\nTwo.");
  });

  it("treats an added or removed text as one insertion or deletion", () => {
    expect(ops(diffText("", "New words."))).toEqual([["insert", "New words."]]);
    expect(ops(diffText("Old words.", ""))).toEqual([["delete", "Old words."]]);
    expect(diffText("", "")).toEqual([]);
    expect(ops(diffText("Same.", "Same."))).toEqual([["equal", "Same."]]);
  });

  it("gives up word matching on texts with too little in common and shows the old text removed and the new added", () => {
    const before = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ");
    const after = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? `other${i}` : `word${i}`)).join(" ");
    expect(ops(diffText(before, after, { maxEditLength: 10 }))).toEqual([
      ["delete", before],
      ["insert", after],
    ]);
    // Within the default limit the same edit keeps its shared words.
    const segments = diffText(before, after);
    expect(
      segments
        .filter((s) => s.op === "equal")
        .map((s) => s.text)
        .join(""),
    ).toContain("word1 word2");
    expect(sideOf(segments, "after")).toBe(after);
  });

  it("handles punctuation and non-Latin text", () => {
    const segments = diffText("Ne pas attaquer — jamais.", "Ne jamais attaquer — nulle part.");
    expect(sideOf(segments, "before")).toBe("Ne pas attaquer — jamais.");
    expect(sideOf(segments, "after")).toBe("Ne jamais attaquer — nulle part.");
    expect(segments.find((s) => s.op === "equal" && s.text.includes("attaquer"))).toBeDefined();
  });
});

describe("diffText (property)", () => {
  const words = fc.constantFrom("we", "protect", "every", "customer", "never", "attack", "civilians", ",", ".", "—", "état", "🙂", "<Callout>", "**bold**");
  const gaps = fc.constantFrom(" ", "  ", "\n", "\n\n", "\t", " \n ");
  const prose = fc.array(fc.tuple(words, gaps), { maxLength: 40 }).map((parts) => parts.flat().join(""));
  const text = fc.oneof(prose, fc.string({ unit: "grapheme", maxLength: 60 }), fc.string({ maxLength: 30 }));

  it("the old parts rebuild the old text and the new parts the new text, in well-formed segments", () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const segments = diffText(before, after);
        expect(sideOf(segments, "before")).toBe(before);
        expect(sideOf(segments, "after")).toBe(after);
        expectWellFormed(segments);
        expect(hasChanges(segments)).toBe(before !== after);
      }),
      { numRuns: 500 },
    );
  });

  it("an edit to a text leaves the words around it unchanged", () => {
    fc.assert(
      fc.property(prose, prose, prose, (head, middle, tail) => {
        const before = `${head} alpha ${tail}`;
        const after = `${head} ${middle} ${tail}`;
        const segments = diffText(before, after);
        expect(sideOf(segments, "before")).toBe(before);
        expect(sideOf(segments, "after")).toBe(after);
        // Nothing before the edit is reported as changed.
        const firstChange = segments.findIndex((s) => s.op !== "equal");
        const unchangedPrefix = segments
          .slice(0, Math.max(firstChange, 0))
          .map((s) => s.text)
          .join("");
        expect(before.startsWith(unchangedPrefix)).toBe(true);
      }),
    );
  });
});

describe("diffAccordSnapshots", () => {
  const v1 = snapshot([
    principle(1, "defence-not-offence", "We will never attack.\n\n## What this means\n\nDefence only."),
    principle(2, "protect-every-customer"),
    principle(3, "no-attacks-on-civilians"),
    principle(4, "lawful-process-only"),
  ]);

  it("reports nothing changed between identical versions", () => {
    const diff = diffAccordSnapshots(v1, v1);
    expect(diff.summary).toEqual({ preambleChanged: false, changed: 0, added: 0, removed: 0, moved: 0, renumbered: 0, unchanged: 4 });
    expect(diff.sections.map((s) => s.status)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged", "unchanged"]);
    expect(describeDiffSummary(diff.summary)).toBe("The text did not change.");
    expectRebuilds(diff, v1, v1);
  });

  it("finds a changed body, a changed title, an added and a removed principle, and renumbers the rest", () => {
    const v2 = snapshot([
      principle(1, "defence-not-offence", "We will never attack anyone.\n\n## What this means\n\nDefence only."),
      principle(2, "protect-every-customer", "The body of protect-every-customer.", "Protect all customers"),
      principle(3, "empower-defenders"),
      principle(4, "lawful-process-only"),
    ]);
    const diff = diffAccordSnapshots(v1, v2);
    expect(diff.summary).toEqual({ preambleChanged: false, changed: 2, added: 1, removed: 1, moved: 0, renumbered: 0, unchanged: 1 });
    expect(describeDiffSummary(diff.summary)).toBe("2 principles changed, 1 added, 1 removed.");

    const body = section(diff, "defence-not-offence");
    expect(body.status).toBe("changed");
    expect(ops(body.body)).toEqual([
      ["equal", "We will never attack"],
      ["insert", " anyone"],
      ["equal", ".\n\n## What this means\n\nDefence only."],
    ]);
    expect(hasChanges(body.title)).toBe(false);

    const title = section(diff, "protect-every-customer");
    expect(title.status).toBe("changed");
    expect(title.before).toEqual({ number: 2, title: "Title of protect-every-customer" });
    expect(title.after).toEqual({ number: 2, title: "Protect all customers" });
    expect(sideOf(title.title, "after")).toBe("Protect all customers");
    expect(hasChanges(title.body)).toBe(false);

    const added = section(diff, "empower-defenders");
    expect(added).toMatchObject({ status: "added", before: null, after: { number: 3 } });
    expect(added.body.every((s) => s.op === "insert")).toBe(true);

    const removed = section(diff, "no-attacks-on-civilians");
    expect(removed).toMatchObject({ status: "removed", before: { number: 3 }, after: null });
    expect(removed.body.every((s) => s.op === "delete")).toBe(true);

    expect(section(diff, "lawful-process-only").status).toBe("unchanged");
    expectRebuilds(diff, v1, v2);
  });

  it("places a removed principle where it stood, and calls the principles after it renumbered", () => {
    const v2 = snapshot([v1.principles[0]!, v1.principles[2]!, v1.principles[3]!]);
    const diff = diffAccordSnapshots(v1, v2);
    expect(diff.sections.map((s) => [s.slug, s.status])).toEqual([
      [null, "unchanged"],
      ["defence-not-offence", "unchanged"],
      ["protect-every-customer", "removed"],
      ["no-attacks-on-civilians", "renumbered"],
      ["lawful-process-only", "renumbered"],
    ]);
    expect(section(diff, "no-attacks-on-civilians")).toMatchObject({ before: { number: 3 }, after: { number: 2 }, moved: false, renumbered: true });
    expect(describeDiffSummary(diff.summary)).toBe("1 principle removed, 2 renumbered.");
    expectRebuilds(diff, v1, v2);
  });

  it("calls a principle whose order changed moved, and only that one", () => {
    // The last principle moved to the front: the others keep their order, so they are only renumbered.
    const v2 = snapshot([v1.principles[3]!, v1.principles[0]!, v1.principles[1]!, v1.principles[2]!]);
    const diff = diffAccordSnapshots(v1, v2);
    expect(diff.sections.map((s) => [s.slug, s.status])).toEqual([
      [null, "unchanged"],
      ["lawful-process-only", "moved"],
      ["defence-not-offence", "renumbered"],
      ["protect-every-customer", "renumbered"],
      ["no-attacks-on-civilians", "renumbered"],
    ]);
    expect(section(diff, "lawful-process-only")).toMatchObject({ before: { number: 4 }, after: { number: 1 }, moved: true });
    expect(describeDiffSummary(diff.summary)).toBe("1 principle moved, 3 renumbered.");
    expectRebuilds(diff, v1, v2);
  });

  it("says when a principle both changed and moved", () => {
    const edited = { ...v1.principles[0]!, body: "We will never, ever attack.\n\n## What this means\n\nDefence only." };
    const v2 = snapshot([v1.principles[1]!, v1.principles[2]!, v1.principles[3]!, edited]);
    const diff = diffAccordSnapshots(v1, v2);
    expect(section(diff, "defence-not-offence")).toMatchObject({
      status: "changed",
      moved: true,
      renumbered: true,
      before: { number: 1 },
      after: { number: 4 },
    });
    expectRebuilds(diff, v1, v2);
  });

  it("diffs the preamble's title, summary and body", () => {
    const v2 = snapshot(v1.principles, { title: "The Tech Accord", summary: "A public and binding commitment.", body: "## Why\n\nBecause civilians matter." });
    const diff = diffAccordSnapshots(v1, v2);
    const preamble = diff.sections[0]!;
    expect(preamble).toMatchObject({ id: "preamble", kind: "preamble", status: "changed" });
    expect(ops(preamble.summary)).toEqual([
      ["equal", "A public "],
      ["insert", "and binding "],
      ["equal", "commitment."],
    ]);
    expect(describeDiffSummary(diff.summary)).toBe("The preamble changed; the principles did not.");
    expectRebuilds(diff, v1, v2);
  });

  it("counts a changed summary as a change", () => {
    const v2 = snapshot([{ ...v1.principles[0]!, summary: "Only defence." }, ...v1.principles.slice(1)]);
    const diff = diffAccordSnapshots(v1, v2);
    expect(section(diff, "defence-not-offence").status).toBe("changed");
    expect(diff.summary.changed).toBe(1);
  });

  it("pairs repeated slugs in order rather than losing one, with unique ids", () => {
    const twice = { preamble: v1.preamble, principles: [principle(1, "same", "First."), principle(2, "same", "Second.")] };
    const once = { preamble: v1.preamble, principles: [principle(1, "same", "First, edited.")] };
    const diff = diffAccordSnapshots(twice, once);
    expect(diff.sections.map((s) => [s.id, s.status])).toEqual([
      ["preamble", "unchanged"],
      ["principle-same", "changed"],
      ["principle-same-2", "removed"],
    ]);
    expectRebuilds(diff, twice, once);
  });

  it("makes HTML-safe ids from any slug", () => {
    const odd = { preamble: v1.preamble, principles: [principle(1, 'a b"<c>')] };
    const diff = diffAccordSnapshots(odd, odd);
    expect(diff.sections[1]!.id).toMatch(/^principle-[A-Za-z0-9_-]+$/);
  });
});

describe("diffAccordSnapshots (property)", () => {
  const slugPool = ["a", "b", "c", "d", "e", "f", "g", "h"];
  const textArb = fc.constantFrom("", "We defend.", "We defend everyone.", "Never attack.\n\nNever.", "Défense — toujours.");
  const principlesArb = fc
    .shuffledSubarray(slugPool)
    .chain((slugs) => fc.tuple(...slugs.map((slug) => fc.record({ slug: fc.constant(slug), title: textArb, summary: textArb, body: textArb }))))
    .map((ps) => ps.map((p, i) => ({ number: i + 1, ...p })));
  const snapshotArb = fc.record({
    preamble: fc.record({ title: textArb, summary: textArb, body: textArb }),
    principles: principlesArb,
  });

  it("rebuilds both versions, classifies every principle once, and counts what it classified", () => {
    fc.assert(
      fc.property(snapshotArb, snapshotArb, (before, after) => {
        const diff = diffAccordSnapshots(before, after);
        expectRebuilds(diff, before, after);
        const principles = diff.sections.filter((s): s is SectionDiff => s.kind === "principle");
        const oldSlugs = new Set(before.principles.map((p) => p.slug));
        const newSlugs = new Set(after.principles.map((p) => p.slug));
        expect(principles.map((s) => s.slug).sort()).toEqual([...new Set([...oldSlugs, ...newSlugs])].sort());
        expect(new Set(diff.sections.map((s) => s.id)).size).toBe(diff.sections.length);
        for (const s of principles) {
          if (s.status === "added") expect(oldSlugs.has(s.slug!)).toBe(false);
          else if (s.status === "removed") expect(newSlugs.has(s.slug!)).toBe(false);
          else {
            const textChanged = hasChanges(s.title) || hasChanges(s.summary) || hasChanges(s.body);
            expect(s.status === "changed").toBe(textChanged);
            if (s.status === "unchanged") expect(s.before!.number).toBe(s.after!.number);
            if (s.status === "renumbered") expect(s.before!.number).not.toBe(s.after!.number);
          }
        }
        const { preambleChanged, ...counts } = diff.summary;
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(principles.length);
        expect(preambleChanged).toBe(JSON.stringify(before.preamble) !== JSON.stringify(after.preamble));
        // Principles whose order among the shared ones holds are never called moved.
        const shared = after.principles.filter((p) => oldSlugs.has(p.slug));
        const sameOrder =
          shared.map((p) => p.slug).join() ===
          before.principles
            .filter((p) => newSlugs.has(p.slug))
            .map((p) => p.slug)
            .join();
        if (sameOrder) expect(principles.some((s) => s.moved)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe("describeDiffSummary", () => {
  const none = { preambleChanged: false, changed: 0, added: 0, removed: 0, moved: 0, renumbered: 0, unchanged: 0 };
  it("names the counts in a sentence, with the noun agreeing with the first", () => {
    expect(describeDiffSummary({ ...none, changed: 3, added: 1 })).toBe("3 principles changed, 1 added.");
    expect(describeDiffSummary({ ...none, added: 1 })).toBe("1 principle added.");
    expect(describeDiffSummary({ ...none, preambleChanged: true, changed: 1, removed: 2 })).toBe("The preamble changed; 1 principle changed, 2 removed.");
  });
});
