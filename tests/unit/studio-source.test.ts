import { describe, expect, it } from "vitest";
import { getShippedDocuments, parseDocument } from "@/lib/accord/content";
import { parseEnv } from "@/lib/env";
import { numberOf, splitSource, withNumber } from "@/lib/studio/document";
import { kindOfKey } from "@/lib/studio/keys";
import { bodyLineOffset, composeSource, locateLine } from "@/lib/studio/source";
import { principleFrontmatterSchema } from "@/lib/validation/content";
import { documentKeySchema, newPrincipleSchema } from "@/lib/validation/studio";

describe("studio sources", () => {
  it("splits every shipped file into fields and body and composes it back byte for byte", async () => {
    // So a release's draft opens in the editor and saves unchanged, and problem lines point at the same text.
    for (const { key, document } of await getShippedDocuments()) {
      const { fields, body } = splitSource(kindOfKey(key), document.source);
      expect(composeSource(kindOfKey(key), fields, body), key).toBe(document.source);
    }
  });

  it("keeps a typed quote or line break inside its field: frontmatter cannot be injected", () => {
    const title = 'Evil"\nslug: "someone-else"\nnumber: 1';
    const source = composeSource("principle", { number: "2", slug: "real-slug", title, summary: "A summary." }, "Body.");
    const parsed = parseDocument("x", source, principleFrontmatterSchema);
    expect(parsed.frontmatter).toEqual({ number: 2, slug: "real-slug", title, summary: "A summary." });
    expect(parsed.body.trim()).toBe("Body.");
  });

  it("writes a number only when it is one, so a typo is reported by the schema rather than silently dropped", () => {
    expect(composeSource("principle", { number: " 3 " }, "")).toMatch(/^number: 3$/m);
    expect(composeSource("principle", { number: "3a" }, "")).toMatch(/^number: "3a"$/m);
  });

  it("maps a line of the full source to a field or to a line of the body", () => {
    const offset = bodyLineOffset("principle");
    expect(offset).toBe(7);
    expect(locateLine("principle", 2)).toEqual({ field: "number" });
    expect(locateLine("principle", 5)).toEqual({ field: "summary" });
    expect(locateLine("principle", offset + 1)).toEqual({ bodyLine: 1 });
    expect(locateLine("page", bodyLineOffset("page") + 4)).toEqual({ bodyLine: 4 });
    const source = composeSource("page", { title: "T", description: "D" }, "one\ntwo\nthree\n");
    expect(source.split("\n")[bodyLineOffset("page") + 2 - 1]).toBe("two");
  });

  it("renumbers a principle by rewriting its number line and nothing else", () => {
    const source = '---\nnumber: 4\nslug: "x"\ntitle: "number: 4"\nsummary: "s"\n---\n\nnumber: 4 in the body stays.\n';
    const moved = withNumber(source, 2);
    expect(moved).toBe(source.replace("---\nnumber: 4\n", "---\nnumber: 2\n"));
    expect(numberOf(moved)).toBe(2);
    expect(numberOf("no frontmatter")).toBeNull();
  });

  it("opens a source whose frontmatter is broken, with empty fields, rather than locking it", () => {
    expect(splitSource("page", '---\ntitle: "unterminated\n---\n\nBody\n')).toEqual({ fields: {}, body: "Body\n" });
  });
});

describe("studio input validation", () => {
  it.each(["preamble", "about", "faq", "join", "principle-defence-not-offence"])("accepts the document key %s", (key) => {
    expect(documentKeySchema.safeParse(key).success).toBe(true);
  });

  it.each(["", "Preamble", "principle-", "principle-Bad", "principle-a--b", "../etc/passwd", "about/extra", "contact", `principle-${"a".repeat(100)}`])(
    "refuses the document key %j",
    (key) => {
      expect(documentKeySchema.safeParse(key).success).toBe(false);
    },
  );

  it("normalises and checks a new principle", () => {
    expect(newPrincipleSchema.parse({ slug: " Protect-Elections ", title: " Protect elections ", summary: "S.", number: "3" })).toEqual({
      slug: "protect-elections",
      title: "Protect elections",
      summary: "S.",
      number: 3,
    });
    const bad = newPrincipleSchema.safeParse({ slug: "no spaces", title: "", summary: "x".repeat(241), number: "0" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(["number", "slug", "summary", "title"]);
  });
});

describe("REQUIRE_REVIEW", () => {
  it("is off by default, on with true, and a typo stops start-up naming the variable", () => {
    expect(parseEnv({}).requireReview).toBe(false);
    expect(parseEnv({ REQUIRE_REVIEW: "true" }).requireReview).toBe(true);
    expect(parseEnv({ REQUIRE_REVIEW: "false" }).requireReview).toBe(false);
    expect(() => parseEnv({ REQUIRE_REVIEW: "yes" })).toThrow(/REQUIRE_REVIEW must be true or false/);
  });
});
