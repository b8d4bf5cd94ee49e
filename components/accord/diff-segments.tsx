import { Fragment } from "react";
import type { DiffSegment } from "@/lib/accord/diff";

const insertClass = "rounded-sm bg-accord-100 text-accord-800 underline decoration-2 underline-offset-2 dark:bg-accord-800 dark:text-accord-50";
const deleteClass = "rounded-sm bg-red-100 text-red-900 line-through decoration-2 dark:bg-red-950 dark:text-red-100";

/**
 * One insertion or deletion. Colour is never the only mark: insertions are underlined and
 * prefixed "+", deletions struck through and prefixed "−", and screen readers hear "added" or
 * "removed" around the words. The visible sign is hidden from them to avoid saying it twice.
 */
function Change({ segment }: { segment: DiffSegment }) {
  const added = segment.op === "insert";
  const Tag = added ? "ins" : "del";
  const style = added ? insertClass : deleteClass;
  if (segment.text.trim() === "") {
    // A space or line break has no glyph to underline or strike, so it gets a visible symbol.
    const lineBreak = segment.text.includes("\n");
    return (
      <Tag className="no-underline">
        <span aria-hidden="true" className={`select-none font-bold ${style}`}>
          {added ? "+" : "−"}
          {lineBreak ? "¶" : "␣"}
        </span>
        <span className="sr-only">{`[${added ? "added" : "removed"} ${lineBreak ? "line break" : "space"}]`}</span>
        {added ? segment.text : null}
      </Tag>
    );
  }
  // Surrounding whitespace stays unmarked, so the sign sits against the words it belongs to.
  const [, leading, words, trailing] = /^(\s*)([\s\S]*?)(\s*)$/.exec(segment.text)!;
  return (
    <Tag className="no-underline">
      {leading}
      <span className={style}>
        <span aria-hidden="true" className="select-none font-bold">
          {added ? "+" : "−"}
        </span>
        <span className="sr-only">{added ? "[added: " : "[removed: "}</span>
        {words}
        <span className="sr-only">]</span>
      </span>
      {trailing}
    </Tag>
  );
}

/** Inline text with its insertions and deletions marked; the caller decides how whitespace is laid out. */
export function DiffSegments({ segments }: { segments: DiffSegment[] }) {
  return segments.map((segment, i) => (segment.op === "equal" ? <Fragment key={i}>{segment.text}</Fragment> : <Change key={i} segment={segment} />));
}
