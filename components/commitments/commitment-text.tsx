import { Fragment } from "react";

/**
 * A commitment's description as plain text: blank lines separate paragraphs, single newlines
 * become line breaks. Nothing is interpreted as HTML or Markdown; React escapes every character,
 * so a description can never inject markup or links into a public page.
 */
export function CommitmentText({ text, className = "space-y-3" }: { text: string; className?: string }) {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (paragraphs.length === 0) return null;
  return (
    <div className={className}>
      {paragraphs.map((paragraph, i) => (
        <p key={i}>
          {paragraph.split("\n").map((line, j) => (
            <Fragment key={j}>
              {j > 0 ? <br /> : null}
              {line}
            </Fragment>
          ))}
        </p>
      ))}
    </div>
  );
}
