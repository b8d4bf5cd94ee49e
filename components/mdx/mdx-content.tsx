import { getMDXExport } from "mdx-bundler/client";
import type { ComponentType, ReactNode } from "react";
import { Callout } from "./callout";
import { CommitmentList } from "./commitment-list";

/** The allow-list of components MDX documents may use. */
export const mdxComponents = { Callout, CommitmentList };

type MdxModule = { default: (props: { components: Record<string, ComponentType<never>> }) => ReactNode };

export function MdxContent({ code }: { code: string }) {
  // Compiled MDX is a pure function of its props; a server component can call it directly
  // rather than mint a new component type on every render.
  const renderMdx = (getMDXExport(code) as MdxModule).default;
  return (
    <div className="prose prose-lg max-w-none prose-headings:font-serif prose-a:text-accord-700 dark:prose-invert dark:prose-a:text-accord-300">
      {renderMdx({ components: mdxComponents })}
    </div>
  );
}
