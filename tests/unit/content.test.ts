import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getShippedPage as getPage, getShippedPreamble as getPreamble, getShippedPrinciples as getPrinciples, parseDocument } from "@/lib/accord/content";
import { ContentError } from "@/lib/accord/errors";
import { compileMdx, extractHeadings } from "@/lib/accord/mdx";
import { pageSlugs, principleFrontmatterSchema } from "@/lib/validation/content";

describe("shipped content", () => {
  it("has at least six principles numbered 1..n with unique slugs", async () => {
    const principles = await getPrinciples();
    expect(principles.length).toBeGreaterThanOrEqual(6);
    expect(principles.map((p) => p.frontmatter.number)).toEqual(principles.map((_, i) => i + 1));
    expect(new Set(principles.map((p) => p.frontmatter.slug)).size).toBe(principles.length);
  });

  it("covers the pledge's core principles", async () => {
    const slugs = (await getPrinciples()).map((p) => p.frontmatter.slug);
    for (const slug of [
      "defence-not-offence",
      "protect-every-customer",
      "no-attacks-on-civilians",
      "lawful-process-only",
      "empower-defenders",
      "coordinated-disclosure",
    ]) {
      expect(slugs).toContain(slug);
    }
  });

  it("compiles every document, names its headings, and uses only allow-listed components", async () => {
    const docs = [await getPreamble(), ...(await getPrinciples()), ...(await Promise.all(pageSlugs.map((s) => getPage(s))))];
    for (const doc of docs) {
      const compiled = await compileMdx(doc.body, doc.file);
      expect(compiled.code.length, doc.file).toBeGreaterThan(100);
      const tags = [...doc.body.matchAll(/<([A-Za-z][\w.]*)/g)].map((m) => m[1]);
      expect(
        tags.every((t) => t === "Callout" || t === "CommitmentList"),
        doc.file,
      ).toBe(true);
    }
  });
});

describe("frontmatter validation", () => {
  const good = `---\nnumber: 1\nslug: "a-principle"\ntitle: "A title"\nsummary: "A summary."\n---\n\nBody\n`;

  it("accepts a valid principle", () => {
    const doc = parseDocument("content/x.mdx", good, principleFrontmatterSchema);
    expect(doc.frontmatter).toEqual({ number: 1, slug: "a-principle", title: "A title", summary: "A summary." });
    expect(doc.body.trim()).toBe("Body");
  });

  it.each([
    ["number", good.replace("number: 1", 'number: "one"'), /field "number"/],
    ["slug", good.replace('"a-principle"', '"Not A Slug"'), /field "slug" must be kebab-case/],
    ["title", good.replace('title: "A title"\n', ""), /field "title"/],
    ["unknown key", good.replace("---\n\n", 'colour: "red"\n---\n\n'), /frontmatter/],
  ])("names the file and the field for a bad %s", (_name, source, reason) => {
    let caught: unknown;
    try {
      parseDocument("content/accord/principles/01-x.mdx", source, principleFrontmatterSchema);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ContentError);
    expect((caught as ContentError).message).toMatch(/^content\/accord\/principles\/01-x\.mdx:\d+: /);
    expect((caught as ContentError).message).toMatch(reason);
  });

  it("gives the line of the bad field", () => {
    const source = good.replace('"a-principle"', '"Bad Slug"');
    expect(() => parseDocument("f.mdx", source, principleFrontmatterSchema)).toThrow(/^f\.mdx:3: /);
  });

  it("reports broken YAML with a line", () => {
    expect(() => parseDocument("f.mdx", `---\ntitle: "unterminated\n---\n`, principleFrontmatterSchema)).toThrow(/^f\.mdx(:\d+)?: invalid frontmatter/);
  });
});

describe("MDX compilation errors", () => {
  it("names the file and line of broken MDX", async () => {
    const source = "# Title\n\nFine paragraph.\n\n<Callout>\n\nnever closed\n";
    await expect(compileMdx(source, "content/pages/broken.mdx")).rejects.toThrow(/^content\/pages\/broken\.mdx:5: Expected a closing tag for `<Callout>`/);
    await expect(compileMdx(source, "content/pages/broken.mdx", "", 4)).rejects.toThrow(/^content\/pages\/broken\.mdx:9: /);
  });

  it("extracts h2/h3 headings with github-slugger ids, ignoring code fences", () => {
    const headings = extractHeadings("## One\n\n```\n## not a heading\n```\n\n### Two *em*\n\n## One\n", "p1-");
    expect(headings).toEqual([
      { depth: 2, text: "One", id: "p1-one" },
      { depth: 3, text: "Two em", id: "p1-two-em" },
      { depth: 2, text: "One", id: "p1-one-1" },
    ]);
  });
});

describe("a content directory with a broken file", () => {
  let dir: string | undefined;
  afterEach(() => {
    delete process.env.CONTENT_DIR;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("fails loading with the file named", async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "content-"));
    fs.mkdirSync(path.join(dir, "pages"), { recursive: true });
    fs.writeFileSync(path.join(dir, "pages", "faq.mdx"), `---\ntitle: ""\ndescription: "x"\n---\nBody\n`);
    process.env.CONTENT_DIR = dir;
    await expect(getPage("faq")).rejects.toThrow(/content\/pages\/faq\.mdx:2: frontmatter field "title" must not be empty/);
  });
});
