import { Composer, isScalar, Parser, visit } from "yaml";
import { type SafetyProblem, positionFinder, problemAt } from "./safe-mdx-problems";

/** The YAML between the fences, and the lines (1-based, in the whole source) it spans. */
export type Frontmatter = { yaml: string; firstLine: number; closingLine: number };

/**
 * Keys that would reach an object's prototype machinery if the data is ever copied with plain
 * assignment; no document needs them.
 */
const forbiddenKeys = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Finds the frontmatter the way gray-matter does (lib/accord/content.ts and mdx-bundler read it
 * with gray-matter, while the MDX compiler finds it with remark-frontmatter), and refuses every
 * form on which the two could disagree. gray-matter also picks a parser from text after the
 * opening `---`, and its `js`/`javascript` parser evaluates the block, so no language is allowed.
 */
export function splitFrontmatter(source: string): { frontmatter: Frontmatter | null; problems: SafetyProblem[] } {
  const text = source.startsWith("\uFEFF") ? source.slice(1) : source;
  if (!text.startsWith("---") || text[3] === "-") return { frontmatter: null, problems: [] };
  const lines = text.split("\n");
  const language = lines[0]!.slice(3).trim();
  if (language !== "") {
    return {
      frontmatter: null,
      problems: [
        problemAt(
          1,
          4,
          `The frontmatter names a language (\`---${language}\`), which could make it run as code; open the frontmatter with a line containing only \`---\` and write plain YAML.`,
        ),
      ],
    };
  }
  const closingIndex = lines.findIndex((line, i) => i > 0 && line.startsWith("---"));
  if (closingIndex === -1) {
    return { frontmatter: null, problems: [problemAt(1, 1, "The frontmatter that starts here is never closed; end it with a line containing only `---`.")] };
  }
  const closing = lines[closingIndex]!.trimEnd();
  if (closing !== "---") {
    return {
      frontmatter: null,
      problems: [
        problemAt(
          closingIndex + 1,
          1,
          `The frontmatter must end with a line containing only \`---\`, not \`${closing.slice(0, 40)}\`, which tools read in different ways.`,
        ),
      ],
    };
  }
  return { frontmatter: { yaml: lines.slice(1, closingIndex).join("\n"), firstLine: 2, closingLine: closingIndex + 1 }, problems: [] };
}

type CstToken = { type?: unknown; offset?: unknown; source?: unknown };

/**
 * gray-matter parses with js-yaml's safe schema, so YAML cannot run code there, but explicit tags
 * are how YAML asks for functions or class instances (`!!js/function`) and anchors and aliases
 * are how it multiplies data; plain frontmatter needs neither, so both are refused by name.
 */
export function checkFrontmatterYaml({ yaml, firstLine }: Frontmatter): SafetyProblem[] {
  const problems: SafetyProblem[] = [];
  const at = positionFinder(yaml, firstLine);
  const reported = new Set<string>();
  // An alias bomb repeats the same alias dozens of times; naming each once is enough.
  const report = (offset: number, sentence: string) => {
    if (reported.has(sentence)) return;
    reported.add(sentence);
    const { line, column } = at(offset);
    problems.push(problemAt(line, column, sentence));
  };

  const tokens = [...new Parser().parse(yaml)];
  // Depth first, in source order (children pushed in reverse), so each problem names its first place.
  const pending: unknown[] = [...tokens].reverse();
  while (pending.length > 0) {
    const item = pending.pop();
    if (Array.isArray(item)) {
      pending.push(...[...item].reverse());
      continue;
    }
    if (typeof item !== "object" || item === null) continue;
    const token = item as CstToken;
    if (typeof token.offset === "number" && typeof token.source === "string") {
      const source = token.source.slice(0, 40);
      if (token.type === "tag")
        report(token.offset, `YAML tags such as \`${source}\` are not allowed in frontmatter; write values as plain text, numbers, true or false.`);
      else if (token.type === "anchor" || token.type === "alias") {
        report(token.offset, `YAML anchors and aliases (\`${source}\`) are not allowed in frontmatter; write each value out in full.`);
      } else if (token.type === "directive") report(token.offset, `YAML directives (\`${source}\`) are not allowed in frontmatter.`);
    }
    for (const value of Object.values(item).reverse()) if (typeof value === "object" && value !== null) pending.push(value);
  }

  // Composing the same tokens yields the data model. Any `---` line would have closed the
  // frontmatter, so only a `...` line can start a second document.
  const documents = [...new Composer({ uniqueKeys: true }).compose(tokens)];
  if (documents.length > 1) report(documents[1]!.range[0], "The frontmatter must be one YAML document; remove the `...` line that ends the first one.");
  for (const document of documents) {
    const error = document.errors[0];
    if (error) report(error.pos[0], `The frontmatter is not valid YAML: ${error.message.split("\n")[0]!.replace(/\.?$/, ".")}`);
    visit(document, {
      Pair(_, pair) {
        if (isScalar(pair.key) && forbiddenKeys.has(String(pair.key.value))) {
          report(
            pair.key.range?.[0] ?? 0,
            `The frontmatter key \`${String(pair.key.value)}\` is not allowed, because it can change how the data behaves in JavaScript.`,
          );
        }
      },
    });
  }
  return problems;
}
