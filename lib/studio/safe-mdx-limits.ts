import { type SafetyProblem, problemAt } from "./safe-mdx-problems";

/**
 * Bounds checked before the parser sees a document. The Markdown parser's work grows faster than
 * the text for some shapes (deeply nested quotes and lists cost cubic time, long runs of `*`
 * quadratic, every block and bracket a lot), so a small hostile document could otherwise stall
 * the server. The shipped documents are under 5 KB and 60 lines, far inside every bound.
 */
export const MDX_LIMITS = {
  /** UTF-8 size of the whole source, frontmatter included. */
  maxBytes: 100 * 1024,
  maxLines: 1_000,
  /** Quote markers (`>`) and list markers opened on one line. */
  maxContainerDepth: 6,
  /** Quote and list markers in the whole document: each list item costs the parser many lines' work. */
  maxContainerMarkers: 500,
  /** Leading spaces on a line (a tab counts as four); indentation only nests lists further. */
  maxIndent: 40,
  /** One punctuation character repeated in a row. */
  maxRun: 64,
  /** `{`, `[` and `(` open at once. */
  maxBracketDepth: 16,
  /** Every `{` starts a JavaScript expression (refused, but parsed first). */
  maxBraces: 500,
  /** Characters and words that start Markdown and MDX constructs: [ ] < > { } * _ ~ ` | \ & @ = www. */
  maxMarkup: 5_000,
  /** Depth of the parsed document tree (the compiler and React recurse over it). */
  maxTreeDepth: 32,
} as const;

const markup = new Set(["[", "]", "<", ">", "{", "}", "*", "_", "~", "`", "|", "\\", "&", "@", "="]);
// `-`, `=` and `#` runs are thematic breaks, setext underlines and code-sample banners, which the
// parser reads in linear time.
const runLimited = new Set(["[", "]", "<", ">", "{", "}", "*", "_", "~", "`", "|", "\\", "&", "@", "!", "(", ")", ":"]);

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isBlank(line: string): boolean {
  return /^[ \t\r]*$/.test(line);
}

/** Quote and list markers at the start of a line, and how far its content is indented. */
function containerShape(line: string): { markers: number; indent: number } {
  let markers = 0;
  let indent = 0;
  let i = 0;
  for (;;) {
    while (line[i] === " " || line[i] === "\t") {
      if (markers === 0) indent += line[i] === "\t" ? 4 : 1;
      i++;
    }
    const c = line[i];
    if (c === ">") {
      markers++;
      i++;
      continue;
    }
    const after = (j: number) => j >= line.length || line[j] === " " || line[j] === "\t" || line[j] === "\r";
    if ((c === "-" || c === "*" || c === "+") && after(i + 1)) {
      markers++;
      i++;
      continue;
    }
    const ordered = /^[0-9]{1,9}[.)]/.exec(line.slice(i, i + 11));
    if (ordered && after(i + ordered[0].length)) {
      markers++;
      i += ordered[0].length;
      continue;
    }
    return { markers, indent };
  }
}

/**
 * Problems with the document's size and shape, at most one of each kind (the first place it
 * happens). When there are any, the document must not be parsed.
 */
export function checkLimits(source: string): SafetyProblem[] {
  // UTF-8 never takes fewer bytes than UTF-16 units, so a very long string needs no counting.
  const bytes = source.length > 4 * MDX_LIMITS.maxBytes ? Infinity : utf8Length(source);
  if (bytes > MDX_LIMITS.maxBytes) {
    const size = bytes === Infinity ? `over ${(4 * MDX_LIMITS.maxBytes) / 1024} KB` : `${Math.ceil(bytes / 1024)} KB`;
    return [
      problemAt(
        1,
        1,
        `The document is ${size}; the studio accepts documents up to ${MDX_LIMITS.maxBytes / 1024} KB, so shorten it or split it into several documents.`,
      ),
    ];
  }
  const lines = source.split("\n");
  // A final newline ends the last line rather than starting another.
  const lineCount = source.endsWith("\n") ? lines.length - 1 : lines.length;
  if (lineCount > MDX_LIMITS.maxLines) {
    return [
      problemAt(
        MDX_LIMITS.maxLines + 1,
        1,
        `The document has ${lineCount} lines; the studio accepts up to ${MDX_LIMITS.maxLines}, so shorten it or split it into several documents.`,
      ),
    ];
  }

  const found = new Map<string, SafetyProblem>();
  const note = (kind: string, line: number, column: number, sentence: string) => {
    if (!found.has(kind)) found.set(kind, problemAt(line, column, sentence));
  };
  let curly = 0;
  let square = 0;
  let braces = 0;
  let markupCount = 0;
  let containerCount = 0;
  const countMarkup = (line: number, column: number) => {
    if (++markupCount === MDX_LIMITS.maxMarkup + 1) {
      note(
        "markup",
        line,
        column,
        `The document uses more than ${MDX_LIMITS.maxMarkup} formatting characters (such as [ ] < > { } * _ &) by this point; the studio allows at most ${MDX_LIMITS.maxMarkup}, so simplify it or split it.`,
      );
    }
  };
  lines.forEach((text, index) => {
    const line = index + 1;
    if (isBlank(text)) {
      // Brackets and parentheses never span a blank line in Markdown; braces (JavaScript) can.
      if (curly === 0) square = 0;
      return;
    }
    const { markers, indent } = containerShape(text);
    containerCount += markers;
    if (markers > MDX_LIMITS.maxContainerDepth) {
      note(
        "containers",
        line,
        1,
        `Quotes and lists are nested ${markers} levels deep on this line; the studio allows at most ${MDX_LIMITS.maxContainerDepth}.`,
      );
    }
    if (containerCount > MDX_LIMITS.maxContainerMarkers) {
      note(
        "items",
        line,
        1,
        `The document has more than ${MDX_LIMITS.maxContainerMarkers} list items and quote markers by this line; the studio allows at most ${MDX_LIMITS.maxContainerMarkers}, so split it.`,
      );
    }
    if (indent > MDX_LIMITS.maxIndent) {
      note("indent", line, 1, `This line is indented by ${indent} spaces; the studio allows at most ${MDX_LIMITS.maxIndent}, which is enough for any list.`);
    }
    let run = 0;
    let escaped = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      // A backslash-escaped bracket is text in Markdown and sits inside a string in JavaScript:
      // it opens nothing, and an escaped brace left unclosed must not stop the count resetting.
      const counts = !escaped;
      escaped = c === "\\" && !escaped;
      run = i > 0 && c === text[i - 1] ? run + 1 : 1;
      if (run > MDX_LIMITS.maxRun && runLimited.has(c)) {
        note("run", line, i + 1, `This line repeats \`${c}\` more than ${MDX_LIMITS.maxRun} times in a row; the studio allows at most ${MDX_LIMITS.maxRun}.`);
      }
      // Bare "www." addresses become links (GFM), each as costly to parse as a bracketed one.
      if (markup.has(c) || (c === "w" && text.startsWith("www.", i))) countMarkup(line, i + 1);
      if (!counts) continue;
      if (c === "{") {
        curly++;
        if (++braces === MDX_LIMITS.maxBraces + 1) {
          note(
            "braces",
            line,
            i + 1,
            `The document has more than ${MDX_LIMITS.maxBraces} curly braces by this point; the studio allows at most ${MDX_LIMITS.maxBraces}.`,
          );
        }
      } else if (c === "}") curly = Math.max(0, curly - 1);
      else if (c === "[" || c === "(") square++;
      else if (c === "]" || c === ")") square = Math.max(0, square - 1);
      if (curly + square > MDX_LIMITS.maxBracketDepth) {
        note(
          "brackets",
          line,
          i + 1,
          `Brackets are nested more than ${MDX_LIMITS.maxBracketDepth} levels deep here; the studio allows at most ${MDX_LIMITS.maxBracketDepth}.`,
        );
      }
    }
  });
  return [...found.values()];
}
