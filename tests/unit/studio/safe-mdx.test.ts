import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import matter from "gray-matter";
import { getMDXExport } from "mdx-bundler/client";
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mdxComponents } from "@/components/mdx/mdx-content";
import { compileMdx } from "@/lib/accord/mdx";
import { ALLOWED_MDX_ELEMENTS, checkMdxSafety, MAX_REPORTED_PROBLEMS, MDX_LIMITS, type SafetyResult } from "@/lib/studio/safe-mdx";
import { checkLimits } from "@/lib/studio/safe-mdx-limits";

declare global {
  var __pwned: boolean | undefined;
}

const root = path.resolve(import.meta.dirname, "../../..");
const corpusDir = path.join(root, "tests/fixtures/hostile-mdx");
const expected = JSON.parse(fs.readFileSync(path.join(corpusDir, "expected.json"), "utf8")) as Record<string, { line: number; reason: string }>;
const corpus = fs
  .readdirSync(corpusDir)
  .filter((f) => f.endsWith(".mdx"))
  .sort();
const read = (file: string) => fs.readFileSync(path.join(corpusDir, file), "utf8");

const shipped = (fs.readdirSync(path.join(root, "content"), { recursive: true }) as string[]).filter((f) => f.endsWith(".mdx")).sort();

function problemsOf(result: SafetyResult) {
  return result.ok ? [] : result.problems;
}

/** What the public site does with a compiled document: evaluate the module, then render it. */
async function compileAndRender(source: string): Promise<string> {
  const { code } = await compileMdx(source, "studio-draft.mdx");
  const Component = (getMDXExport(code) as { default: ComponentType<{ components: typeof mdxComponents }> }).default;
  return renderToStaticMarkup(createElement(Component, { components: mdxComponents }));
}

beforeEach(() => {
  globalThis.__pwned = false;
});

afterEach(() => {
  delete globalThis.__pwned;
});

describe("the hostile corpus", () => {
  it("holds at least 30 documents, each named once in the manifest", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(expected).sort()).toEqual(corpus);
  });

  it.each(corpus)("rejects %s on its line, with its reason", (file) => {
    const want = expected[file]!;
    const result = checkMdxSafety(read(file));
    expect(result.ok).toBe(false);
    const problems = problemsOf(result);
    expect(problems, JSON.stringify(problems, null, 2)).toContainEqual(
      expect.objectContaining({ line: want.line, reason: expect.stringContaining(want.reason) }),
    );
    for (const problem of problems) {
      expect(problem.reason.startsWith(`Line ${problem.line}: `)).toBe(true);
      expect(problem.column).toBeGreaterThanOrEqual(1);
    }
    const order = problems.map((p) => [p.line, p.column]);
    expect(order).toEqual([...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
  });

  it.each(corpus)("runs none of %s while checking it", (file) => {
    checkMdxSafety(read(file));
    expect(globalThis.__pwned).toBe(false);
  });

  // The canary above only means something if the documents really do set it when the check is
  // skipped: compiled and rendered as the public site would, they run.
  it.each([
    "flow-expression.mdx",
    "text-expression.mdx",
    "template-literal-expression.mdx",
    "attribute-expression.mdx",
    "spread-attributes.mdx",
    "export-const.mdx",
  ])(
    "%s does set the canary when compiled and rendered without the check",
    async (file) => {
      await compileAndRender(read(file)).catch(() => "");
      expect(globalThis.__pwned).toBe(true);
    },
    60_000,
  );

  it.each(["frontmatter-js-engine.mdx", "frontmatter-bom-js-engine.mdx", "frontmatter-tab-uppercase-js-engine.mdx"])(
    "%s does set the canary when gray-matter reads it without the check",
    (file) => {
      // An options object keeps gray-matter from answering from its cache without evaluating.
      matter(read(file), {});
      expect(globalThis.__pwned).toBe(true);
    },
  );

  it("refuses over-limit documents before parsing them", () => {
    for (const file of [
      "huge-document.mdx",
      "too-many-lines.mdx",
      "deep-blockquote-nesting.mdx",
      "deep-bracket-nesting.mdx",
      "emphasis-bomb.mdx",
      "deep-list-nesting.mdx",
    ]) {
      const source = read(file);
      const early = checkLimits(source);
      expect(early.length, file).toBeGreaterThan(0);
      // checkMdxSafety returns exactly the limit problems: it stopped before the parser.
      expect(problemsOf(checkMdxSafety(source)), file).toEqual(early);
    }
  });
});

describe("shipped content", () => {
  it("includes the accord and the pages", () => {
    expect(shipped).toEqual(expect.arrayContaining(["accord/preamble.mdx", "pages/about.mdx", "pages/faq.mdx", "pages/join.mdx"]));
    expect(shipped.filter((f) => f.startsWith("accord/principles/")).length).toBeGreaterThanOrEqual(6);
  });

  it.each(shipped)("passes content/%s", (file) => {
    expect(checkMdxSafety(fs.readFileSync(path.join(root, "content", file), "utf8"))).toEqual({ ok: true });
  });
});

const benign: Record<string, string> = {
  "code fences containing script, import and braces": [
    "---",
    'title: "Code samples"',
    'description: "Fences are text."',
    "---",
    "",
    "```html",
    '<script src="x.js"></script>',
    "<iframe onload={alert(1)}></iframe>",
    "```",
    "",
    "~~~js",
    'import fs from "node:fs"',
    "export default { a: `${1}` }",
    "~~~",
    "",
  ].join("\n"),
  "inline code with braces and tags": "Write `{title}` or `<Callout>` or `import x` or `javascript:void(0)` literally.\n",
  "links to https, http, mailto, tel, relative paths and anchors": [
    "[Site](https://example.org/a?b=c&d=e#f) [Old](http://example.org) [Mail](mailto:accord@example.org)",
    "[Call](tel:+441234567890) [Up](../accord) [Here](/signatories?page=2) [Anchor](#why) [CDN](//cdn.example.org/x)",
    '[Colon later](principles/01-defence:draft) [Ref][r] and ![Logo](/logo.png "Logo")',
    "",
    '[r]: https://example.org/reference "Reference"',
    "",
  ].join("\n"),
  "the allowed components and elements with literal props": [
    '<Callout tone="principle" title="The test">',
    "",
    'Keys like <kbd>Ctrl</kbd>, H<sub>2</sub>O, x<sup>2</sup>, an <abbr title="Computer Emergency Response Team">CERT</abbr><br />and a break.',
    "",
    "</Callout>",
    "",
    '<Callout tone="warning">',
    "",
    "No title, default label.",
    "",
    "</Callout>",
    "",
    "<Callout title='Single quotes' tone=\"info\">",
    "",
    "Text.",
    "",
    "</Callout>",
    "",
    "<CommitmentList>",
    "",
    "- We will publish.",
    "- We will report.",
    "",
    "</CommitmentList>",
    "",
  ].join("\n"),
  "escaped braces and angle brackets, entities and risky words in prose": [
    "Use \\{braces\\} and 3 \\< 4 in text; &lt;script&gt; stays text, so does &#123;x&#125;.",
    "",
    "We import nothing and export nothing. Tom & Jerry! Do not follow javascript: links.",
    "",
    "Import controls and Export rules are words here, not code.",
    "",
  ].join("\n"),
  "GFM tables, strikethrough, task lists, footnotes and bare links": [
    "| Principle | Status |",
    "| --- | :-: |",
    "| *Defence* | ~~draft~~ done |",
    "",
    "- [x] Signed",
    "- [ ] Reported",
    "",
    "See www.example.org or https://example.org/x and write to accord@example.org.[^1]",
    "",
    "[^1]: A footnote with a [link](https://example.org).",
    "",
  ].join("\n"),
  "nested quotes and lists, headings and emphasis": [
    "# Title",
    "",
    "> A quote",
    ">",
    "> - with a list",
    ">   1. and a numbered item",
    ">      - three deep",
    "",
    "## Section *with* **emphasis** and `code`",
    "",
    "***",
    "",
    "Setext",
    "======",
    "",
  ].join("\n"),
  "frontmatter with quoted, folded and block values": [
    "---",
    "number: 3",
    "slug: 'no-attacks-on-civilians'",
    "title: 'Research & disclosure: !important'",
    "summary: >-",
    "  Folded text with * and & and ! and {braces},",
    "  over two lines.",
    "notes: |",
    "  !!js/function is only text inside a block scalar",
    "tags: [defence, 'civilians']",
    "# a YAML comment",
    "---",
    "",
    "Body.",
    "",
  ].join("\n"),
  "no frontmatter, Windows line endings and a byte-order mark": "\uFEFFA paragraph.\r\n\r\nAnother one with [a link](https://example.org).\r\n",
};

describe("benign documents", () => {
  it.each(Object.keys(benign))("accepts %s", (name) => {
    expect(checkMdxSafety(benign[name]!)).toEqual({ ok: true });
  });

  it("are real MDX: each compiles and renders", async () => {
    for (const [name, source] of Object.entries(benign)) {
      await expect(compileAndRender(source), name).resolves.toEqual(expect.any(String));
    }
    expect(globalThis.__pwned).toBe(false);
  }, 120_000);
});

describe("the allow-list", () => {
  it("names exactly the components the site gives MDX", () => {
    const components = Object.keys(ALLOWED_MDX_ELEMENTS).filter((name) => /^[A-Z]/.test(name));
    expect(components.sort()).toEqual(Object.keys(mdxComponents).sort());
  });

  it("offers only harmless lowercase HTML elements", () => {
    const html = Object.keys(ALLOWED_MDX_ELEMENTS).filter((name) => /^[a-z]/.test(name));
    expect(html.sort()).toEqual(["abbr", "br", "kbd", "sub", "sup"]);
  });

  it("refuses a tone the Callout does not have, and a bare tone", () => {
    const bad = problemsOf(checkMdxSafety('<Callout tone="toString" title="x">\n\nx\n\n</Callout>\n'));
    expect(bad.map((p) => p.reason)).toEqual(['Line 1: The `tone` of `<Callout>` must be "info", "warning" or "principle", not "toString".']);
    expect(problemsOf(checkMdxSafety("<Callout tone>\n\nx\n\n</Callout>\n"))[0]?.reason).toContain("not no value");
  });

  it("accepts a bare text attribute as the literal true", () => {
    expect(checkMdxSafety("<abbr title>CERT</abbr>\n")).toEqual({ ok: true });
  });

  it("refuses lowercase spellings of components and unknown HTML", () => {
    for (const tag of ["callout", "commitmentlist", "span", "div", "a", "details"]) {
      expect(problemsOf(checkMdxSafety(`<${tag}>x</${tag}>\n`))[0]?.reason, tag).toContain("is not on the studio's list of allowed elements");
    }
  });
});

describe("reporting", () => {
  it("reports every problem, sorted, with lines counted from the top of the frontmatter", () => {
    const source = ["---", 'title: "x"', "---", "", "{one}", "", '<Foo onClick="x" />', "", "[a](javascript:x) {two}", ""].join("\n");
    const problems = problemsOf(checkMdxSafety(source));
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [5, 1],
      [7, 1],
      [7, 6],
      [9, 1],
      [9, 19],
    ]);
    expect(problems[0]!.reason).toBe("Line 5: JavaScript in curly braces (`{…}`) is not allowed. To show a curly brace as text, write `\\{`.");
  });

  it("reports a parse error as a problem with its position", () => {
    const problems = problemsOf(checkMdxSafety("# Title\n\n<Callout>\n\nnever closed\n"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3, column: 1 });
    expect(problems[0]!.reason).toBe("Line 3: Tags here are not closed in order (Expected a closing tag for `<Callout>`); close each tag, innermost first.");
  });

  it("explains a line that MDX reads as an export", () => {
    const problems = problemsOf(checkMdxSafety("Intro.\n\nexport controls apply to everyone.\n"));
    expect(problems[0]?.line).toBe(3);
    expect(problems[0]?.reason).toContain("reword the sentence");
  });

  it("caps the list, counting the rest in a last entry", () => {
    const source = Array.from({ length: 150 }, (_, i) => `{x${i}}`).join("\n\n");
    const problems = problemsOf(checkMdxSafety(source));
    expect(problems).toHaveLength(MAX_REPORTED_PROBLEMS);
    expect(problems.at(-1)).toEqual({ line: 199, column: 1, reason: "Line 199: There are 51 more problems from here on; fix the ones above and check again." });
  });

  it("gives each caller its own copy of a remembered result", () => {
    const source = "Hello {name}.\n";
    const first = checkMdxSafety(source);
    problemsOf(first)[0]!.reason = "changed by a caller";
    problemsOf(first).push({ line: 9, column: 9, reason: "added by a caller" });
    const again = checkMdxSafety(source);
    expect(problemsOf(again)).toEqual([
      { line: 1, column: 7, reason: "Line 1: JavaScript in curly braces (`{…}`) is not allowed. To show a curly brace as text, write `\\{`." },
    ]);
  });

  it("counts brackets per paragraph, so unclosed ones in prose add up to nothing", () => {
    const source = "An escaped brace \\{ left open.\n\n" + "A parenthesis (left open, and a [bracket.\n\n".repeat(MDX_LIMITS.maxBracketDepth);
    expect(checkMdxSafety(source)).toEqual({ ok: true });
    expect(problemsOf(checkMdxSafety("(".repeat(MDX_LIMITS.maxBracketDepth + 1) + "a\n"))[0]?.reason).toContain("Brackets are nested");
  });

  it("states its limits in the reasons", () => {
    expect(problemsOf(checkMdxSafety("a\n".repeat(MDX_LIMITS.maxLines)))).toEqual([]);
    expect(problemsOf(checkMdxSafety("a\n".repeat(MDX_LIMITS.maxLines + 1)))[0]?.reason).toContain(`up to ${MDX_LIMITS.maxLines}`);
  });
});

describe("any input", () => {
  // Fragments of every construct the check cares about, so that random documents hit its edges.
  const piece = fc.constantFrom(
    ...["{", "}", "<", ">", "/", "[", "]", "(", ")", "*", "_", "`", "\n", "\n\n", " ", "a", "#", "- ", "> ", "|", "!", "=", '"', "\\", "&", ":", "\t"],
    ...["Callout", "abbr", "script", "javascript", "data", "&#x09;", "&#106;", "---", "import ", "export ", "title", "tone", "on", "href"],
    ...[
      "globalThis.__pwned = true",
      '<Callout title="x">\n\n',
      "\n\n</Callout>",
      '<abbr title="a">',
      "</abbr>",
      "[a]: ",
      "[a]",
      "](",
      "![",
      "```",
      "www.x.org",
      "mailto:",
      "<br />",
    ],
  );
  const document = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(""));

  it("gets an answer, never an exception, and runs nothing", () => {
    fc.assert(
      fc.property(document, (source) => {
        const result = checkMdxSafety(source);
        expect(result.ok || result.problems.length > 0).toBe(true);
        expect(globalThis.__pwned).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("accepts only documents that compile to plain, allowed HTML and run nothing", async () => {
    const tags = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "ul", "ol", "li", "blockquote", "code", "pre", "em", "strong", "del", "table"]);
    for (const tag of ["thead", "tbody", "tr", "th", "td", "aside", "div", "abbr", "kbd", "sub", "sup", "br", "hr", "section", "span"]) tags.add(tag);
    // GFM task lists render disabled checkboxes.
    tags.add("input");
    await fc.assert(
      fc.asyncProperty(document, async (source) => {
        fc.pre(checkMdxSafety(source).ok);
        const html = await compileAndRender(source);
        expect(globalThis.__pwned).toBe(false);
        for (const [, tag] of html.matchAll(/<([a-zA-Z][\w:-]*)/g)) expect(tags, html).toContain(tag);
        expect(html).not.toMatch(/\son[a-z]+=|\sstyle=/i);
        for (const [, url] of html.matchAll(/(?:href|src)="([^"]*)"/g))
          expect(url!.replace(/[\s\u0000-\u001f]/g, "")).not.toMatch(/^(javascript|vbscript|data):/i);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
