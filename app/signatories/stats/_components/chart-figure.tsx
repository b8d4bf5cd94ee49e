import type { ReactNode } from "react";

/**
 * A chart section: heading, a figure whose caption says how to read the chart, the chart, and its
 * data as a table behind a native disclosure (keyboard-operable without script).
 */
export function ChartFigure({
  id,
  heading,
  caption,
  table,
  children,
}: {
  id: string;
  heading: string;
  caption: ReactNode;
  table: ReactNode | null;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-12">
      <h2 id={`${id}-heading`} className="section-heading">
        {heading}
      </h2>
      <figure className="mt-3">
        <figcaption className="text-muted">{caption}</figcaption>
        <div className="mt-5 rounded-md border border-ink-200 p-3 sm:p-4 dark:border-ink-800">{children}</div>
        {table ? (
          <details className="mt-3">
            <summary className="cursor-pointer font-semibold text-accord-700 hover:underline dark:text-accord-300">Show the data as a table</summary>
            <div className="mt-3">{table}</div>
          </details>
        ) : null}
      </figure>
    </section>
  );
}

/** Text SVG labels share: legible on both backgrounds, with a halo that keeps it readable over bars (globals.css). */
export const svgLabelClass = "chart-label";

/** The accessible name and description every chart's SVG carries (its contents are one image to assistive technology). */
export function SvgLabel({ id, title, description }: { id: string; title: string; description: string }) {
  return (
    <>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
    </>
  );
}
