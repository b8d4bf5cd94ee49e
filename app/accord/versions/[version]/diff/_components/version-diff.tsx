import { linkClass } from "@/components/styles";
import { type AccordDiff, type SectionDiff, type SectionStatus, describeDiffSummary, sideOf } from "@/lib/accord/diff";
import { DiffSegments } from "@/components/accord/diff-segments";

const statusLabels: Record<SectionStatus, string> = {
  added: "Added",
  removed: "Removed",
  changed: "Changed",
  moved: "Moved",
  renumbered: "Renumbered",
  unchanged: "Unchanged",
};

const statusStyles: Record<SectionStatus, string> = {
  added: "bg-accord-100 text-accord-800 dark:bg-accord-800 dark:text-accord-50",
  removed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100",
  changed: "bg-amber-100 text-amber-950 dark:bg-amber-900 dark:text-amber-50",
  moved: "bg-ink-200 text-ink-900 dark:bg-ink-700 dark:text-ink-50",
  renumbered: "bg-ink-200 text-ink-900 dark:bg-ink-700 dark:text-ink-50",
  unchanged: "bg-ink-100 text-ink-800 dark:bg-ink-800 dark:text-ink-100",
};

function StatusTag({ section }: { section: SectionDiff }) {
  const label = section.status === "changed" && section.moved ? "Changed and moved" : statusLabels[section.status];
  return (
    <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold uppercase tracking-wide ${statusStyles[section.status]}`}>{label}</span>
  );
}

/** "Preamble", "Principle 3", or "Principle 3 (was 4)" when its number changed. */
function sectionLabel(section: SectionDiff): string {
  if (section.kind === "preamble") return "Preamble";
  const was = section.before?.number;
  const now = section.after?.number;
  if (was != null && now != null && was !== now) return `Principle ${now} (was ${was})`;
  return `Principle ${now ?? was}`;
}

const plainTitle = (section: SectionDiff) => (section.after ?? section.before)!.title;

const eyebrowClass = "flex flex-wrap items-center gap-x-3 gap-y-1 text-sm font-semibold uppercase tracking-wide text-accord-700 dark:text-accord-300";
const bodyClass = "mt-4 whitespace-pre-wrap leading-relaxed [overflow-wrap:anywhere]";

/** A section whose words changed: every insertion and deletion marked in place. */
function ChangedSection({ section }: { section: SectionDiff }) {
  return (
    <section id={section.id} aria-labelledby={`${section.id}-heading`} className="mt-10 border-t border-ink-200 pt-8 dark:border-ink-800">
      <p className={eyebrowClass}>
        {sectionLabel(section)} <StatusTag section={section} />
      </p>
      <h2 id={`${section.id}-heading`} className="mt-2 section-heading">
        <DiffSegments segments={section.title} />
      </h2>
      <p className="mt-2 text-lg text-muted">
        <DiffSegments segments={section.summary} />
      </p>
      <div className={bodyClass}>
        <DiffSegments segments={section.body} />
      </div>
    </section>
  );
}

/**
 * A principle added or removed as a whole: one <ins> or <del> around it, named by the visible
 * tag, rather than every word underlined or struck through, which would be hard to read.
 */
function WholeSection({ section }: { section: SectionDiff }) {
  const added = section.status === "added";
  const Tag = added ? "ins" : "del";
  const side = added ? "after" : "before";
  return (
    <section id={section.id} aria-labelledby={`${section.id}-heading`} className="mt-10 border-t border-ink-200 pt-8 dark:border-ink-800">
      <p className={eyebrowClass}>
        {sectionLabel(section)} <StatusTag section={section} />
      </p>
      <Tag
        className={`mt-3 block border-l-4 pl-4 no-underline sm:pl-6 ${added ? "border-accord-600 dark:border-accord-300" : "border-red-700 text-ink-700 dark:border-red-400 dark:text-ink-300"}`}
      >
        <span className="sr-only">{added ? "[added principle: " : "[removed principle: "}</span>
        <h2 id={`${section.id}-heading`} className="section-heading">
          {sideOf(section.title, side)}
        </h2>
        <p className="mt-2 text-lg text-muted">{sideOf(section.summary, side)}</p>
        <div className={bodyClass}>{sideOf(section.body, side)}</div>
        <span className="sr-only">]</span>
      </Tag>
    </section>
  );
}

/** Sections whose text did not change stay folded; opening one shows its text. */
function FoldedSection({ section }: { section: SectionDiff }) {
  return (
    <details id={section.id} className="mt-3 rounded-md border border-ink-200 px-4 py-3 dark:border-ink-800">
      <summary className="cursor-pointer">
        <span className="font-medium">
          {sectionLabel(section)}: {plainTitle(section)}
        </span>{" "}
        <StatusTag section={section} />
      </summary>
      <p className="mt-3 text-lg text-muted">{sideOf(section.summary, "after")}</p>
      <div className={bodyClass}>{sideOf(section.body, "after")}</div>
    </details>
  );
}

function Legend() {
  return (
    <p className="mt-4 text-sm text-muted">
      Added words are underlined and marked +, as in <DiffSegments segments={[{ op: "insert", text: "new words" }]} />; removed words are struck through and
      marked −, as in <DiffSegments segments={[{ op: "delete", text: "old words" }]} />. The text is shown as its source (MDX), so formatting marks such as{" "}
      <code>##</code> for a heading appear as written.
    </p>
  );
}

/** A version's differences from the one before it: a summary, then the preamble and each principle. */
export function VersionDiff({ diff }: { diff: AccordDiff }) {
  const touched = diff.sections.filter((s) => s.status !== "unchanged");
  return (
    <>
      <section aria-labelledby="diff-summary-heading" className="mt-8 rounded-lg bg-ink-50 p-5 sm:p-6 dark:bg-ink-900">
        <h2 id="diff-summary-heading" className="section-heading">
          Summary
        </h2>
        <p className="mt-2 text-lg font-medium" data-testid="diff-summary">
          {describeDiffSummary(diff.summary)}
        </p>
        {touched.length > 0 ? (
          <ul className="mt-3 space-y-1">
            {touched.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`} className={linkClass}>
                  {sectionLabel(s)}: {plainTitle(s)}
                </a>{" "}
                <span className="text-muted">({statusLabels[s.status].toLowerCase()})</span>
              </li>
            ))}
          </ul>
        ) : null}
        <Legend />
      </section>
      {diff.sections.map((s) =>
        s.status === "changed" ? (
          <ChangedSection key={s.id} section={s} />
        ) : s.status === "added" || s.status === "removed" ? (
          <WholeSection key={s.id} section={s} />
        ) : (
          <FoldedSection key={s.id} section={s} />
        ),
      )}
    </>
  );
}
