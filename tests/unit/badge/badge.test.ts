import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { badgeFileSchema } from "@/lib/badge/file";
import { badgeSnippets } from "@/lib/badge/snippets";
import { type BadgeState, badgeStateOf } from "@/lib/badge/status";
import { badgeSentence, badgeWidth, renderBadgeSvg } from "@/lib/badge/svg";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => name === "text" });

/** Parses the SVG as strict XML (a malformed badge throws) and pulls out what a viewer sees and hears. */
function read(svg: string) {
  const doc = parser.parse(svg, true) as { svg: Record<string, unknown> & { g: { text: { "#text": string; "@_textLength": string }[] } } };
  const root = doc.svg;
  return {
    role: root["@_role"],
    label: root["@_aria-label"] as string,
    title: root.title as string,
    width: Number(root["@_width"]),
    texts: root.g.text.map((t) => String(t["#text"])),
    fill: (root.rect as { "@_fill": string })["@_fill"],
  };
}

const states: [BadgeState, string, string][] = [
  [{ kind: "signed", name: "Acme", version: 1 }, "signed v1", "Tech Accord: Acme has signed version 1 of the Tech Accord."],
  [{ kind: "signed", name: "Acme", version: 12 }, "signed v12", "Tech Accord: Acme has signed version 12 of the Tech Accord."],
  [{ kind: "withdrawn", name: "Acme" }, "withdrawn", "Tech Accord: Acme has withdrawn its signature of the Tech Accord."],
  [{ kind: "suspended", name: "Acme" }, "suspended", "Tech Accord: Acme is suspended from the Tech Accord registry."],
  [{ kind: "delisted", name: "Acme" }, "delisted", "Tech Accord: Acme has been delisted from the Tech Accord registry."],
  [{ kind: "unsigned", name: "Acme" }, "not signed", "Tech Accord: Acme has not signed the Tech Accord."],
  [{ kind: "not-found" }, "not found", "Tech Accord: no such organisation in the Tech Accord registry."],
];

describe("badge SVG", () => {
  it.each(states)("%o reads '%s' and names the whole status in its title and accessible name", (state, message, sentence) => {
    const badge = read(renderBadgeSvg(state));
    expect(badge.texts).toEqual(["Tech Accord", message]);
    expect(badge.role).toBe("img");
    expect(badge.title).toBe(sentence);
    expect(badge.label).toBe(sentence);
    expect(badgeSentence(state)).toBe(sentence);
    expect(badge.width).toBe(badgeWidth(state));
  });

  it("colours good standing, sanctions and absence differently", () => {
    const fill = (state: BadgeState) => read(renderBadgeSvg(state)).fill;
    const signed = fill({ kind: "signed", name: "A", version: 1 });
    const suspended = fill({ kind: "suspended", name: "A" });
    const delisted = fill({ kind: "delisted", name: "A" });
    const withdrawn = fill({ kind: "withdrawn", name: "A" });
    expect(new Set([signed, suspended, delisted, withdrawn]).size).toBe(4);
    expect(fill({ kind: "not-found" })).toBe(withdrawn);
  });

  it("is wide enough for its text: a longer message makes a wider badge", () => {
    expect(badgeWidth({ kind: "signed", name: "A", version: 1 })).toBeLessThan(badgeWidth({ kind: "signed", name: "A", version: 1234 }));
    const svg = renderBadgeSvg({ kind: "suspended", name: "A" });
    const lengths = [...svg.matchAll(/textLength="(\d+)"/g)].map((m) => Number(m[1]));
    // Each text's box plus 6px padding on either side adds up to the badge.
    expect(lengths.reduce((a, b) => a + b + 12, 0)).toBe(read(svg).width);
  });

  it("escapes a hostile organisation name everywhere it appears and stays well-formed XML", () => {
    const name = `<script>alert("x")</script> & 'Quote' Co ]]>`;
    const svg = renderBadgeSvg({ kind: "signed", name, version: 1 });
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain(`"x"`);
    const badge = read(svg);
    expect(badge.title).toBe(`Tech Accord: ${name} has signed version 1 of the Tech Accord.`);
    expect(badge.label).toBe(badge.title);
  });

  it("drops characters XML cannot carry rather than producing a broken image", () => {
    const svg = renderBadgeSvg({ kind: "withdrawn", name: "Bell\u0007 Co\uFFFF" });
    expect(read(svg).title).toBe("Tech Accord: Bell Co has withdrawn its signature of the Tech Accord.");
  });

  it("carries no script, link, external reference or id", () => {
    for (const [state] of states) {
      const svg = renderBadgeSvg(state);
      expect(svg).not.toMatch(/<script|<a\b|href|xlink|<image|<foreignObject|\bid=|url\(/i);
    }
  });
});

describe("badge state", () => {
  const facts = { name: "Acme", status: "verified" as const, activeVersion: 2, hasWithdrawnSignature: true };
  it("shows the newest standing signature, even after withdrawing an older one", () => {
    expect(badgeStateOf(facts)).toEqual({ kind: "signed", name: "Acme", version: 2 });
  });
  it("shows a withdrawal only when nothing stands", () => {
    expect(badgeStateOf({ ...facts, activeVersion: null })).toEqual({ kind: "withdrawn", name: "Acme" });
    expect(badgeStateOf({ ...facts, activeVersion: null, hasWithdrawnSignature: false })).toEqual({ kind: "unsigned", name: "Acme" });
  });
  it("lets a moderator's sanction outrank a standing signature", () => {
    expect(badgeStateOf({ ...facts, status: "suspended" })).toEqual({ kind: "suspended", name: "Acme" });
    expect(badgeStateOf({ ...facts, status: "delisted" })).toEqual({ kind: "delisted", name: "Acme" });
  });
  it("treats organisations that were never public as not found", () => {
    expect(badgeStateOf(null)).toEqual({ kind: "not-found" });
    expect(badgeStateOf({ ...facts, status: "pending" })).toEqual({ kind: "not-found" });
    expect(badgeStateOf({ ...facts, status: "rejected" })).toEqual({ kind: "not-found" });
  });
});

describe("badge file name", () => {
  it("takes the slug out of <slug>.svg", () => {
    expect(badgeFileSchema.parse("acme-cloud.svg")).toBe("acme-cloud");
    expect(badgeFileSchema.parse("a1.svg")).toBe("a1");
  });
  it.each([
    "acme.png",
    "acme",
    "acme.svg.png",
    ".svg",
    "bad slug.svg",
    "Acme.svg",
    "-acme.svg",
    "acme--cloud.svg",
    "a.svg",
    `${"a".repeat(65)}.svg`,
    "../etc.svg",
    "acme%2F.svg",
  ])("refuses %j", (file) => {
    expect(badgeFileSchema.safeParse(file).success).toBe(false);
  });
});

describe("badge embed snippets", () => {
  it("link the live badge to the profile, in HTML and Markdown", () => {
    const s = badgeSnippets({ siteUrl: "https://registry.example", slug: "acme", name: "Acme" });
    expect(s.html).toBe(
      '<a href="https://registry.example/signatories/acme"><img src="https://registry.example/badge/acme.svg" alt="Tech Accord status of Acme" height="20"></a>',
    );
    expect(s.markdown).toBe("[![Tech Accord status of Acme](https://registry.example/badge/acme.svg)](https://registry.example/signatories/acme)");
  });
  it("escape names that would break out of an attribute or a Markdown link", () => {
    const s = badgeSnippets({ siteUrl: "https://registry.example", slug: "acme", name: `"><script>x</script> [A](B)` });
    expect(s.html).not.toContain("<script");
    expect(s.html).toContain('alt="Tech Accord status of &quot;&gt;&lt;script&gt;x&lt;/script&gt; [A](B)"');
    expect(s.markdown).toBe(
      String.raw`[![Tech Accord status of "\>\<script\>x\</script\> \[A\](B)](https://registry.example/badge/acme.svg)](https://registry.example/signatories/acme)`,
    );
  });
});
