import { getMDXExport } from "mdx-bundler/client";
import type { ComponentProps, ComponentType, ReactNode } from "react";
import { Callout } from "./callout";
import { CommitmentList } from "./commitment-list";

/** The allow-list of components MDX documents may use. */
export const mdxComponents = { Callout, CommitmentList };

type MdxModule = { default: (props: { components: Record<string, ComponentType<never>> }) => ReactNode };

type HeadingTag = "h2" | "h3" | "h4" | "h5" | "h6";
const levels: HeadingTag[] = ["h2", "h3", "h4", "h5", "h6"];

/**
 * Headings moved down `offset` levels, for a document shown under a heading of its own (a
 * principle's "## What this means" under the principle's h2 on /accord), so the outline reads in order.
 */
function shiftedHeadings(offset: number): Record<string, ComponentType<never>> {
  if (offset === 0) return {};
  const entries = levels.slice(0, -1).map((tag, i) => {
    const Shifted = levels[Math.min(i + offset, levels.length - 1)]!;
    const Heading = (props: ComponentProps<"h2">) => <Shifted {...props} />;
    return [tag, Heading as ComponentType<never>] as const;
  });
  return Object.fromEntries(entries);
}

const shifted = [0, 1, 2, 3].map(shiftedHeadings);

export function MdxContent({ code, headingOffset = 0 }: { code: string; headingOffset?: 0 | 1 | 2 | 3 }) {
  // Compiled MDX is a pure function of its props; a server component can call it directly
  // rather than mint a new component type on every render.
  const renderMdx = (getMDXExport(code) as MdxModule).default;
  return (
    <div className="prose prose-lg max-w-none prose-headings:font-serif prose-a:text-accord-700 dark:prose-invert dark:prose-a:text-accord-300">
      {renderMdx({ components: { ...mdxComponents, ...shifted[headingOffset] } })}
    </div>
  );
}
