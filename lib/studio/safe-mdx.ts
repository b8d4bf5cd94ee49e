import { slug } from "github-slugger";
import type { Nodes, Root } from "mdast";
import type { MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx-jsx";
import type { CalloutTone } from "@/components/mdx/callout";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { checkFrontmatterYaml, splitFrontmatter } from "./safe-mdx-frontmatter";
import { checkLimits, MDX_LIMITS } from "./safe-mdx-limits";
import { type SafetyProblem, problemAt } from "./safe-mdx-problems";
import { SAFE_URL_SCHEMES, unsafeSchemeExplanation, unsafeUrlScheme } from "./safe-mdx-urls";

export type { SafetyProblem };
export type SafetyResult = { ok: true } | { ok: false; problems: SafetyProblem[] };
export { MDX_LIMITS, SAFE_URL_SCHEMES };

/** More than this many problems would bury the first ones; the rest are counted in one last entry. */
export const MAX_REPORTED_PROBLEMS = 100;

// Fails to compile when callout.tsx gains or loses a tone, so the allow-list cannot drift from it.
const calloutTones: Record<CalloutTone, true> = { info: true, warning: true, principle: true };

/** An attribute takes any quoted text, or only one of the listed values. */
export type AllowedAttribute = "text" | readonly string[];

/**
 * The elements a studio document may use, each with the attributes it accepts; every attribute
 * value must be quoted text (a bare attribute means true). The components are the ones
 * components/mdx/mdx-content.tsx gives MDX; the HTML elements only mark up words and cannot load,
 * run or overlay anything. Everything else, and any other attribute, is refused. Enumerated
 * values matter: Callout looks its tone up in an object, where "constructor" or "__proto__"
 * would find Object's own properties.
 */
export const ALLOWED_MDX_ELEMENTS: Readonly<Record<string, Readonly<Record<string, AllowedAttribute>>>> = {
  Callout: { tone: Object.keys(calloutTones), title: "text" },
  CommitmentList: {},
  abbr: { title: "text" },
  br: {},
  kbd: {},
  sub: {},
  sup: {},
};

// Maps, not the objects: `"constructor" in {}` is true, and names come from untrusted text.
const allowedElements = new Map(Object.entries(ALLOWED_MDX_ELEMENTS).map(([name, attributes]) => [name, new Map(Object.entries(attributes))]));
const allowedNames = Object.keys(ALLOWED_MDX_ELEMENTS);
const allowedList = `${allowedNames.slice(0, -1).join(", ")} and ${allowedNames.at(-1)}`;
const voidElements = new Set(["br"]);

function orList(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words.at(-1)}` : (words[0] ?? "");
}

/** Elements that run code, load other content, take input or restyle the page; named in their own, firmer message. */
const neverAllowed = new Set([
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "param",
  "link",
  "meta",
  "base",
  "form",
  "input",
  "button",
  "textarea",
  "select",
  "option",
  "svg",
  "math",
  "template",
  "noscript",
  "portal",
  "img",
  "image",
  "picture",
  "video",
  "audio",
  "source",
  "track",
  "canvas",
  "dialog",
  "html",
  "head",
  "body",
  "title",
  "xmp",
  "plaintext",
  "noembed",
  "noframes",
  "slot",
]);

const urlAttributes = new Set([
  "href",
  "src",
  "srcset",
  "action",
  "formaction",
  "poster",
  "background",
  "cite",
  "data",
  "ping",
  "longdesc",
  "usemap",
  "manifest",
  "codebase",
  "classid",
  "archive",
  "lowsrc",
  "dynsrc",
  "icon",
  "profile",
  "itemtype",
]);

function isUrlAttribute(name: string): boolean {
  const lower = name.toLowerCase();
  return urlAttributes.has(lower) || lower.endsWith("href") || lower.endsWith("src") || lower.endsWith(":action");
}

/** Markdown and GFM nodes that carry only text and structure. */
const plainNodes = new Set([
  "root",
  "yaml",
  "paragraph",
  "thematicBreak",
  "blockquote",
  "list",
  "listItem",
  "code",
  "inlineCode",
  "text",
  "emphasis",
  "strong",
  "delete",
  "break",
  "linkReference",
  "imageReference",
  "footnoteReference",
  "footnoteDefinition",
  "table",
  "tableRow",
  "tableCell",
]);

/**
 * Parse only: nothing here compiles or evaluates. remark-gfm is included because compileMdx uses
 * it, and the check must see the document exactly as the compiler will (a table cell or an
 * autolink parses differently without it). MDX itself has no HTML comments (`<!--` is a syntax
 * error), so they are refused with the parse error, under a clearer reason.
 */
const parser = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter).use(remarkGfm).freeze();

type Position = { line: number; column: number } | undefined;

function checkElement(node: MdxJsxFlowElement | MdxJsxTextElement, report: (at: Position, sentence: string) => void) {
  const at = node.position?.start;
  const name = node.name;
  if (name === null) {
    report(at, "Empty tags (`<>` and `</>`) are not allowed; remove them and keep what they contain.");
    return;
  }
  const accepted = allowedElements.get(name);
  if (accepted === undefined) {
    if (name.split(/[.:-]/).some((part) => neverAllowed.has(part.toLowerCase()))) {
      report(at, `\`<${name}>\` is never allowed in studio documents, because it can run code, load other content or change the page.`);
    } else if (name.includes(".")) {
      report(at, `\`<${name}>\` is not allowed: a name with a dot refers to a JavaScript value. Documents may use only ${allowedList}.`);
    } else {
      report(at, `\`<${name}>\` is not on the studio's list of allowed elements; documents may use only ${allowedList}.`);
    }
  } else if (voidElements.has(name) && node.children.length > 0) {
    report(at, `\`<${name}>\` cannot contain anything; write it as \`<${name} />\`.`);
  }

  for (const attribute of node.attributes) {
    const attributeAt = attribute.position?.start ?? at;
    if (attribute.type === "mdxJsxExpressionAttribute") {
      report(
        attributeAt,
        `Spread attributes (\`{...}\`) on \`<${name}>\` are not allowed, because they are JavaScript; write each attribute with a quoted value.`,
      );
      continue;
    }
    const attributeName = attribute.name;
    const value = attribute.value;
    const scheme = typeof value === "string" && isUrlAttribute(attributeName) ? unsafeUrlScheme(value) : null;
    if (/^on/i.test(attributeName)) {
      report(attributeAt, `\`${attributeName}\` is an event-handler attribute, which would run JavaScript; event handlers are not allowed.`);
    } else if (attributeName.toLowerCase() === "style") {
      report(attributeAt, "`style` attributes are not allowed; the site's components provide all styling.");
    } else if (typeof value === "object" && value !== null) {
      report(
        attributeAt,
        `The \`${attributeName}\` attribute on \`<${name}>\` is set with JavaScript in curly braces; attribute values must be quoted text, such as ${attributeName}="…".`,
      );
    } else if (scheme !== null) {
      report(attributeAt, `The \`${attributeName}\` attribute holds an address starting with \`${scheme}:\`, ${unsafeSchemeExplanation(scheme)}.`);
    } else if (accepted !== undefined) {
      const allowedValues = accepted.get(attributeName);
      if (allowedValues === undefined) {
        const names = [...accepted.keys()];
        const offer = names.length === 0 ? "it takes no attributes" : `it accepts only ${names.join(" and ")}`;
        report(attributeAt, `\`<${name}>\` does not accept the attribute \`${attributeName}\`; ${offer}.`);
      } else if (allowedValues !== "text" && !(typeof value === "string" && allowedValues.includes(value))) {
        const given = typeof value === "string" ? `"${value.slice(0, 40)}"` : "no value";
        report(attributeAt, `The \`${attributeName}\` of \`<${name}>\` must be ${orList(allowedValues.map((v) => `"${v}"`))}, not ${given}.`);
      }
    }
  }
}

function checkUrl(url: string, what: string, at: Position, report: (at: Position, sentence: string) => void) {
  const scheme = unsafeUrlScheme(url);
  if (scheme !== null) report(at, `${what} starts with \`${scheme}:\`, ${unsafeSchemeExplanation(scheme)}.`);
}

function textOf(node: Nodes): string {
  if (node.type === "text" || node.type === "inlineCode") return node.value;
  return "children" in node ? node.children.map((child) => textOf(child)).join("") : "";
}

function checkNode(node: Nodes, report: (at: Position, sentence: string) => void) {
  const at = node.position?.start;
  switch (node.type) {
    case "mdxjsEsm": {
      const statements = node.data?.estree?.body ?? [];
      const found =
        statements.length > 0
          ? statements.map((s) => ({ isImport: s.type === "ImportDeclaration", start: s.loc?.start }))
          : [{ isImport: node.value.trimStart().startsWith("import"), start: undefined }];
      for (const { isImport, start } of found) {
        // estree columns count from 0, unist columns from 1.
        const statementAt = start ? { line: start.line, column: start.column + 1 } : at;
        if (isImport) report(statementAt, `\`import\` statements are not allowed; the studio offers the components it allows (${allowedList}).`);
        else report(statementAt, "`export` statements are not allowed, because they are JavaScript that runs when the page is built.");
      }
      return;
    }
    case "mdxFlowExpression":
    case "mdxTextExpression":
      if (node.data?.estree?.body.length === 0) {
        report(
          at,
          "Comments in curly braces (`{/* … */}`) are not allowed, because anything in curly braces is JavaScript; keep notes for editors in the changelog.",
        );
      } else {
        report(at, "JavaScript in curly braces (`{…}`) is not allowed. To show a curly brace as text, write `\\{`.");
      }
      return;
    case "mdxJsxFlowElement":
    case "mdxJsxTextElement":
      checkElement(node, report);
      return;
    case "link":
      checkUrl(node.url, "This link's address", at, report);
      return;
    case "image":
      checkUrl(node.url, "This image's address", at, report);
      return;
    case "definition":
      checkUrl(node.url, `The address of the link definition \`[${node.label ?? node.identifier}]\``, at, report);
      return;
    case "heading":
      // rehype-slug gives each heading an id from its text, and an element id is also a global
      // variable in the browser: "__next_f" would replace the array Next's inline scripts push to.
      if (slug(textOf(node)).startsWith("__")) {
        report(at, "A heading may not start with two underscores: its link id would clash with the site's own scripts. Reword the heading.");
      }
      return;
    case "html":
      report(at, "Raw HTML is not allowed; use Markdown or the studio's allowed elements.");
      return;
    default:
      if (!plainNodes.has(node.type)) report(at, `This construct (\`${node.type}\`) is not supported in studio documents.`);
  }
}

function checkTree(tree: Root, problems: SafetyProblem[]) {
  const report = (at: Position, sentence: string) => problems.push(problemAt(at?.line ?? 1, at?.column ?? 1, sentence));
  // An explicit stack: a hostile tree may be deeper than the call stack.
  const pending: { node: Nodes; depth: number }[] = [{ node: tree, depth: 0 }];
  let reportedDepth = false;
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    if (depth > MDX_LIMITS.maxTreeDepth) {
      if (!reportedDepth) {
        report(
          node.position?.start,
          `Elements, quotes and lists are nested more than ${MDX_LIMITS.maxTreeDepth} levels deep here; the studio allows at most ${MDX_LIMITS.maxTreeDepth}.`,
        );
      }
      reportedDepth = true;
      continue;
    }
    checkNode(node, report);
    if ("children" in node) {
      for (let i = node.children.length - 1; i >= 0; i--) pending.push({ node: node.children[i]!, depth: depth + 1 });
    }
  }
}

type ParseMessage = { line?: number | null; column?: number | null; reason?: string; source?: string | null; ruleId?: string | null };

/** The parser stops at the first error; its reasons are written for developers, so the usual ones get plainer words. */
function parseProblem(error: unknown): SafetyProblem {
  if (error instanceof RangeError) {
    return problemAt(1, 1, "The document is nested too deeply to check; simplify its structure.");
  }
  const message = (typeof error === "object" && error !== null ? error : {}) as ParseMessage;
  const text = message.reason ?? String(error);
  // Unmatched tags are found after parsing, and carry their place only in the text: "(3:1-3:10)".
  const place = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(text);
  const line = message.line ?? (place ? Number(place[1]) : 1);
  const column = message.column ?? (place ? Number(place[2]) : 1);
  const reason = text
    .replace(/\s*\(note:[\s\S]*$/, "")
    .replace(/\s*\(\d+:\d+(?:-\d+:\d+)?\)/g, "")
    .replace(/\.?$/, "");
  const source = message.source ?? "";
  if (source === "micromark-extension-mdx-jsx" && reason.includes("`!`")) {
    return problemAt(line, column, "HTML comments (`<!-- … -->`) and other `<!…>` tags are not supported; remove them. To show a `<` as text, write `\\<`.");
  }
  if (source === "micromark-extension-mdx-jsx" && /before local name|after local name/.test(reason) && /`\/`/.test(reason)) {
    return problemAt(line, column, "Links in angle brackets (`<https://…>`) are not supported; write [text](https://…) instead.");
  }
  if (source === "micromark-extension-mdx-expression") {
    return problemAt(
      line,
      column,
      "JavaScript in curly braces (`{…}`) is not allowed, and this could not be read at all. To show a curly brace as text, write `\\{`.",
    );
  }
  if (source === "micromark-extension-mdxjs-esm") {
    return problemAt(
      line,
      column,
      "A line starting with `import` or `export` is read as JavaScript, which is not allowed; reword the sentence so it does not start with that word.",
    );
  }
  if (source === "micromark-extension-mdx-jsx") {
    return problemAt(line, column, `A tag here could not be read (${reason}). To show a \`<\` as text, write \`\\<\`.`);
  }
  if (source === "mdast-util-mdx-jsx") {
    return problemAt(line, column, `Tags here are not closed in order (${reason}); close each tag, innermost first.`);
  }
  return problemAt(line, column, `The document could not be read as MDX: ${reason}.`);
}

function result(problems: SafetyProblem[]): SafetyResult {
  if (problems.length === 0) return { ok: true };
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => a.line - b.line || a.column - b.column || a.reason.localeCompare(b.reason));
  if (unique.length <= MAX_REPORTED_PROBLEMS) return { ok: false, problems: unique };
  const rest = unique.slice(MAX_REPORTED_PROBLEMS - 1);
  const from = rest[0]!;
  return {
    ok: false,
    problems: [
      ...unique.slice(0, MAX_REPORTED_PROBLEMS - 1),
      problemAt(from.line, from.column, `There are ${rest.length} more problems from here on; fix the ones above and check again.`),
    ],
  };
}

/**
 * Public pages check the published text again before every compile (lib/accord/compiled.ts), so
 * the same few documents come back again and again: a handful of results is remembered, never
 * for an over-size text (refused at once anyway, and not worth holding in memory).
 */
const RECENT_RESULTS = 32;
const recent = new Map<string, SafetyResult>();

function copy(result: SafetyResult): SafetyResult {
  return result.ok ? { ok: true } : { ok: false, problems: result.problems.map((p) => ({ ...p })) };
}

/**
 * Decides whether a studio document (MDX with YAML frontmatter, from an untrusted editor) may be
 * compiled. It only parses, never compiles or evaluates, and does no I/O, so it is safe to run on
 * any input, on the server or in the browser. Lines count from the first line of the whole
 * source, frontmatter included.
 */
export function checkMdxSafety(source: string): SafetyResult {
  const known = recent.get(source);
  if (known !== undefined) {
    // Most recently used last, so the oldest entry is the first one the Map yields.
    recent.delete(source);
    recent.set(source, known);
    return copy(known);
  }
  const checked = check(source);
  if (source.length <= MDX_LIMITS.maxBytes) {
    recent.set(source, checked);
    if (recent.size > RECENT_RESULTS) recent.delete(recent.keys().next().value!);
  }
  return copy(checked);
}

function check(source: string): SafetyResult {
  const limits = checkLimits(source);
  if (limits.length > 0) return result(limits);

  const { frontmatter, problems } = splitFrontmatter(source);
  if (problems.length > 0) return result(problems);
  if (frontmatter !== null) problems.push(...checkFrontmatterYaml(frontmatter));

  let tree: Root;
  try {
    tree = parser.parse(source);
  } catch (error) {
    return result([...problems, parseProblem(error)]);
  }

  const first = tree.children[0];
  const yamlEnd = first?.type === "yaml" ? first.position?.end.line : undefined;
  if (yamlEnd !== frontmatter?.closingLine) {
    problems.push(problemAt(1, 1, "The frontmatter cannot be read in one unambiguous way; open and close it with lines containing only `---`."));
  }
  checkTree(tree, problems);
  return result(problems);
}
