import { bundleMDX } from "mdx-bundler";
import GithubSlugger from "github-slugger";
import rehypeAutolinkHeadings from "rehype-autolink-headings";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";
import { ContentError } from "./errors";

export type Heading = { depth: number; text: string; id: string };
export type CompiledMdx = { code: string; frontmatter: Record<string, unknown>; headings: Heading[] };

/** Headings as rehype-slug will id them (both use github-slugger), for tables of contents. */
export function extractHeadings(body: string, idPrefix = ""): Heading[] {
  const slugger = new GithubSlugger();
  const headings: Heading[] = [];
  let inFence = false;
  for (const raw of body.split("\n")) {
    if (/^\s*(```|~~~)/.test(raw)) inFence = !inFence;
    const match = !inFence && /^(#{2,3})\s+(.+?)\s*#*\s*$/.exec(raw);
    if (!match) continue;
    const text = match[2]!.replace(/[*_`]/g, "");
    headings.push({ depth: match[1]!.length, text, id: idPrefix + slugger.slug(text) });
  }
  return headings;
}

type EsbuildMessage = { text: string; location?: { line?: number } | null };

/**
 * The MDX parser's position ("(5:1-5:10)" or a leading "5:1:") is more precise than esbuild's,
 * which points at the start of the generated module.
 */
function lineOf(error: unknown): { line?: number; reason: string } {
  const first = (error as { errors?: EsbuildMessage[] }).errors?.[0];
  const text = first?.text ?? (error instanceof Error ? error.message : String(error));
  const reason = text
    .replace(/^Cannot process MDX file with esbuild:\s*/, "")
    .replace(/^\d+:\d+:\s*/, "")
    .trim();
  const position = /\((\d+):\d+(?:-\d+:\d+)?\)/.exec(text) ?? /^(\d+):\d+/m.exec(text);
  const line = position ? Number(position[1]) : (first?.location?.line ?? undefined);
  return { line, reason };
}

/**
 * Compiles MDX (with frontmatter) to a function body for mdx-bundler's getMDXComponent.
 * `idPrefix` keeps heading ids unique when several documents share one page; `lineOffset` is the
 * number of frontmatter lines stripped from `source`, so errors name the line in the file.
 */
export async function compileMdx(source: string, file: string, idPrefix = "", lineOffset = 0): Promise<CompiledMdx> {
  try {
    const result = await bundleMDX({
      source,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
        options.rehypePlugins = [
          ...(options.rehypePlugins ?? []),
          [rehypeSlug, { prefix: idPrefix }],
          [
            rehypeAutolinkHeadings,
            { behavior: "append", properties: { className: ["heading-anchor"], ariaHidden: true, tabIndex: -1 }, content: { type: "text", value: "#" } },
          ],
        ];
        return options;
      },
    });
    return { code: result.code, frontmatter: result.frontmatter, headings: extractHeadings(result.matter.content, idPrefix) };
  } catch (error) {
    const { line, reason } = lineOf(error);
    throw new ContentError(file, reason, line === undefined ? undefined : line + lineOffset);
  }
}
