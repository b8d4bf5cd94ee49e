import { getMDXComponent } from "mdx-bundler/client";
import { Callout } from "./callout";
import { CommitmentList } from "./commitment-list";

/** The allow-list of components MDX documents may use. */
export const mdxComponents = { Callout, CommitmentList };

export function MdxContent({ code }: { code: string }) {
  const Component = getMDXComponent(code);
  return (
    <div className="prose prose-lg max-w-none prose-headings:font-serif prose-a:text-accord-700 dark:prose-invert dark:prose-a:text-accord-300">
      <Component components={mdxComponents} />
    </div>
  );
}
